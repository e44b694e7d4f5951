"""The columnar table of vacancies, the input of the vectorised scoring with
:class:`.tables.CandidateTable` (whose helpers it shares)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import numpy as np

from .data import Job, Requirement
from .tables import _key_array, _normalize_many, _positions, _rows


class JobTable:
    """Vacancies in columns, sorted by id, built from database-like rows that refer to
    vacancies by id (or from dataclasses with :meth:`from_jobs`)."""

    def __init__(
        self,
        ids: Iterable[int],
        requirement_rows: Iterable[tuple[int, int, float, bool, float]] = (),
        language_rows: Iterable[tuple[int, str]] = (),
        certification_rows: Iterable[tuple[int, int]] = (),
        occupation_codes: Mapping[int, str] | None = None,
        titles: Mapping[int, str] | None = None,
        country_ids: Mapping[int, int | None] | None = None,
    ):
        self.ids = np.unique(np.asarray(list(ids), dtype=np.int64))
        n = len(self.ids)
        owner, skill, min_level, mandatory, weight = _rows(requirement_rows, 5)
        pos = _positions(self.ids, owner)
        order = np.argsort(pos, kind="stable")
        self.req_job = pos[order]
        self.req_skill = np.asarray(skill, dtype=np.int64)[order]
        self.req_min = np.asarray(min_level, dtype=np.float64)[order]
        self.req_mandatory = np.asarray(mandatory, dtype=bool)[order]
        weights = np.asarray(weight, dtype=np.float64)[order]
        self.req_weight = np.where(weights > 0, weights, 1.0)
        self.req_ptr = np.searchsorted(self.req_job, np.arange(n + 1))
        owner, codes = _rows(language_rows, 2)
        pos = _positions(self.ids, owner)
        order = np.argsort(pos, kind="stable")
        self.lang_job = pos[order]
        self.lang_codes = [codes[i] for i in order.tolist()]  # ints (mrc.language) or str
        owner, skill = _rows(certification_rows, 2)
        pos = _positions(self.ids, owner)
        order = np.argsort(pos, kind="stable")
        self.cert_job = pos[order]
        self.cert_skill = np.asarray(skill, dtype=np.int64)[order]
        occupation_codes = occupation_codes or {}
        titles = titles or {}
        country_ids = country_ids or {}
        self.occupation = [str(occupation_codes.get(i) or "") for i in self.ids.tolist()]
        self.occupation = [code[:4] if code.isdigit() else "" for code in self.occupation]
        # per prefix length, the prefix key of each vacancy's code (-1 when shorter)
        lengths = np.asarray([len(code) for code in self.occupation], dtype=np.int64)
        values = np.asarray([int(code) if code else 0 for code in self.occupation], dtype=np.int64)
        self.occupation_length = lengths
        self.occupation_keys = np.full((4, n), -1, dtype=np.int64)
        for length in range(1, 5):
            has = lengths >= length
            self.occupation_keys[length - 1, has] = length * 10_000 + values[has] // 10 ** (
                lengths[has] - length
            )
        self.titles_raw = {i: titles.get(i) or "" for i in self.ids.tolist()}
        self.title_terms, self.title_index = _normalize_many(list(self.titles_raw.values()))
        self.country = np.asarray(
            [country_ids.get(i) or 0 for i in self.ids.tolist()], dtype=np.int64
        )
        self._source = None

    @classmethod
    def from_jobs(cls, jobs: Sequence[Job]) -> JobTable:
        """A table of the given vacancies (their dataclasses kept for :meth:`get`)."""
        table = cls(
            [j.id for j in jobs],
            [
                (j.id, r.skill_id, r.min_level, r.mandatory, r.weight)
                for j in jobs
                for r in j.requirements
            ],
            [(j.id, code) for j in jobs for code in j.language_codes],
            [(j.id, skill) for j in jobs for skill in j.certification_skill_ids],
            {j.id: j.occupation_code for j in jobs},
            {j.id: j.title for j in jobs},
            {j.id: j.country_id for j in jobs},
        )
        table._source = {j.id: j for j in jobs}
        return table

    ARRAYS = (
        "ids", "req_job", "req_skill", "req_min", "req_mandatory", "req_weight", "req_ptr",
        "lang_job", "cert_job", "cert_skill", "occupation_length", "occupation_keys",
        "title_index", "country",
    )  # fmt: skip

    def to_arrays(self) -> dict[str, np.ndarray]:
        """Every column as a named array, for :func:`.store.write_arrays`."""
        arrays = {name: getattr(self, name) for name in self.ARRAYS}
        arrays["lang_codes"] = _key_array(self.lang_codes)
        arrays["occupation"] = np.asarray(self.occupation, dtype=str)
        arrays["titles"] = np.asarray([self.titles_raw[i] for i in self.ids.tolist()], dtype=str)
        arrays["title_terms"] = np.asarray(self.title_terms, dtype=str)
        return arrays

    @classmethod
    def from_arrays(cls, arrays: Mapping[str, np.ndarray]) -> JobTable:
        """A table over the arrays of :meth:`to_arrays` (memory-mapped ones stay mapped)."""
        table = cls.__new__(cls)
        for name in cls.ARRAYS:
            setattr(table, name, arrays[name])
        table.lang_codes = arrays["lang_codes"].tolist()
        table.occupation = arrays["occupation"].tolist()
        table.titles_raw = dict(zip(table.ids.tolist(), arrays["titles"].tolist()))
        table.title_terms = arrays["title_terms"].tolist()
        table._source = None
        return table

    def __len__(self) -> int:
        return len(self.ids)

    def skill_ids(self) -> np.ndarray:
        """Every skill the vacancies require or require a certification for."""
        return np.union1d(self.req_skill, self.cert_skill)

    def get(self, job_id: int) -> Job:
        """The dataclass of one vacancy, rebuilt from the columns when needed."""
        if self._source is None:
            self._source = {}
        if job_id not in self._source:
            self._source[job_id] = self._build(job_id)
        return self._source[job_id]

    def _build(self, job_id: int) -> Job:
        row = int(_positions(self.ids, [job_id])[0])
        start, stop = self.req_ptr[row], self.req_ptr[row + 1]
        langs = np.flatnonzero(self.lang_job == row)
        return Job(
            id=job_id,
            title=self.titles_raw[job_id],
            requirements=tuple(
                Requirement(
                    int(self.req_skill[i]),
                    float(self.req_min[i]),
                    bool(self.req_mandatory[i]),
                    float(self.req_weight[i]),
                )
                for i in range(start, stop)
            ),
            language_codes=tuple(self.lang_codes[i] for i in langs.tolist()),
            certification_skill_ids=tuple(self.cert_skill[self.cert_job == row].tolist()),
            occupation_code=self.occupation[row],
            country_id=int(self.country[row]) or None,
        )
