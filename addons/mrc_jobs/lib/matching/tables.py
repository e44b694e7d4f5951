"""Columnar tables of migrants and vacancies, the input of the vectorised scoring.

:class:`CandidateTable` and :class:`JobTable` hold their rows in numpy arrays sorted by id,
built from database-like rows (or from dataclasses), and give the dataclass of one row back
with ``get``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.ma  # np.unique imports it on first use: at start, not in a first click

from odoo.addons.mrc_skills.lib.normalize import normalize

from ._arrays import _expand
from .data import Candidate, CandidateSkill, Job, Requirement

POSTING_PARTS = ("keys", "ptr", "rows", "values")


@dataclass
class _Postings:
    """Rows grouped by key: ``rows[ptr[i]:ptr[i + 1]]`` are those of ``keys[i]``."""

    keys: np.ndarray
    ptr: np.ndarray
    rows: np.ndarray
    values: np.ndarray

    @classmethod
    def build(cls, keys, rows, values=None) -> _Postings:
        keys = np.asarray(keys, dtype=np.int64)
        rows = np.asarray(rows, dtype=np.int32)
        values = (
            np.ones(len(keys), dtype=np.float64)
            if values is None
            else np.asarray(values, dtype=np.float64)
        )
        order = np.lexsort((-values, rows, keys))
        keys, rows, values = keys[order], rows[order], values[order]
        # a row listed twice under a key counts once, with its best value
        if len(keys):
            first = np.concatenate(([True], (keys[1:] != keys[:-1]) | (rows[1:] != rows[:-1])))
            keys, rows, values = keys[first], rows[first], values[first]
        unique = np.unique(keys)
        ptr = np.append(np.searchsorted(keys, unique), len(keys)).astype(np.int64)
        return cls(unique, ptr, rows, values)

    def to_arrays(self, prefix: str) -> dict[str, np.ndarray]:
        """The four arrays, named ``prefix.keys`` etc. (see :meth:`from_arrays`)."""
        return {f"{prefix}.{name}": getattr(self, name) for name in POSTING_PARTS}

    @classmethod
    def from_arrays(cls, arrays: Mapping[str, np.ndarray], prefix: str) -> _Postings:
        return cls(*(arrays[f"{prefix}.{name}"] for name in POSTING_PARTS))

    def by_row(self, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The same rows grouped by row position: (keys, values, ptr over ``n`` rows)."""
        keys = np.repeat(self.keys, np.diff(self.ptr))
        order = np.argsort(self.rows, kind="stable")
        ptr = np.searchsorted(self.rows[order], np.arange(n + 1)).astype(np.int64)
        return keys[order], self.values[order], ptr

    def lookup(self, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(owner position in ``keys``, row position) of every row of the given keys."""
        keys = np.asarray(keys, dtype=np.int64)
        if not len(self.keys) or not len(keys):
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        pos = np.searchsorted(self.keys, keys)
        pos_c = np.minimum(pos, len(self.keys) - 1)
        found = self.keys[pos_c] == keys
        starts = np.where(found, self.ptr[pos_c], 0)
        counts = np.where(found, self.ptr[pos_c + 1] - self.ptr[pos_c], 0)
        return _expand(starts, counts)


def _rows(rows: Iterable, width: int) -> list[list]:
    rows = list(rows)
    return [list(col) for col in zip(*rows)] if rows else [[] for _ in range(width)]


def _positions(ids: np.ndarray, owners) -> np.ndarray:
    """Positions in the sorted ``ids`` of the given owner ids (all must be present)."""
    owners = np.asarray(owners, dtype=np.int64)
    pos = np.searchsorted(ids, owners)
    if len(owners) and (
        pos.max() >= len(ids) or not np.array_equal(ids[np.minimum(pos, len(ids) - 1)], owners)
    ):
        raise ValueError("a row refers to an unknown id")
    return pos


class CandidateTable:
    """Migrants in columns, sorted by id, built from database-like rows that refer to migrants
    by id (or from dataclasses with :meth:`from_candidates`).

    Everything is held in numpy arrays (no Python object per migrant), so that a table can be
    stored with :meth:`to_arrays` and mapped back, shared between processes, with
    :meth:`from_arrays`. Language keys are ints (``mrc.language`` ids) or strings.
    """

    def __init__(
        self,
        ids: Iterable[int],
        skill_rows: Iterable[tuple[int, int, float]] = (),
        language_rows: Iterable[tuple[int, int | str, float]] = (),
        occupation_rows: Iterable[tuple[int, str]] = (),
        desired_jobs: Mapping[int, str] | None = None,
        country_rows: Iterable[tuple[int, int]] = (),
        certificate_rows: Iterable[tuple[int, int]] = (),
    ):
        self.ids = np.unique(np.asarray(list(ids), dtype=np.int64))
        n = len(self.ids)
        owner, skill, level = _rows(skill_rows, 3)
        pos = _positions(self.ids, owner)
        # skill id -> (migrant position, level)
        self.skills = _Postings.build(skill, pos, level)
        owner, skill = _rows(certificate_rows, 2)
        self.certificates = _Postings.build(skill, _positions(self.ids, owner))
        owner, code, proficiency = _rows(language_rows, 3)
        self.language_rows = (
            _positions(self.ids, owner).astype(np.int32),
            _key_array(code),
            np.asarray(proficiency, dtype=np.float64),
        )
        owner, country = _rows(country_rows, 2)
        pos = _positions(self.ids, owner)
        self.countries = _Postings.build(country, pos)
        self.has_preference = np.zeros(n, dtype=bool)
        self.has_preference[pos] = True
        # ISCO prefixes of the desired occupations: key = length * 10**4 + int(prefix)
        owner, codes = _rows(occupation_rows, 2)
        self.occupation_rows = (
            _positions(self.ids, owner).astype(np.int32),
            np.asarray([str(c or "") for c in codes], dtype=str),
        )
        self.occupations = _Postings.build(*_prefix_rows(*self.occupation_rows))
        desired_jobs = {int(k): v for k, v in (desired_jobs or {}).items() if v}
        self.desired_index = np.full(n, -1, dtype=np.int32)
        self.desired_terms = []
        # the raw texts, for the explanation: migrants with one (sorted), and their text
        self.desired_ids = np.asarray(sorted(desired_jobs), dtype=np.int64)
        self.desired_texts = np.asarray(
            [desired_jobs[i] for i in self.desired_ids.tolist()], dtype=str
        )
        if desired_jobs:
            owners = _positions(self.ids, self.desired_ids)
            terms, index = _normalize_many(self.desired_texts.tolist())
            self.desired_index[owners] = index
            self.desired_terms = terms
        self._source = None
        self._row_groups = None

    @classmethod
    def from_candidates(cls, candidates: Sequence[Candidate]) -> CandidateTable:
        """A table of the given migrants (their dataclasses kept for :meth:`get`)."""
        table = cls(
            [c.id for c in candidates],
            [(c.id, s.skill_id, s.level) for c in candidates for s in c.skills],
            [(c.id, code, prof) for c in candidates for code, prof in c.languages],
            [(c.id, code) for c in candidates for code in c.occupation_codes],
            {c.id: c.desired_job for c in candidates if c.desired_job},
            [(c.id, country) for c in candidates for country in c.preferred_country_ids],
            [(c.id, skill) for c in candidates for skill in c.verified_skill_ids],
        )
        table._source = {c.id: c for c in candidates}
        return table

    def to_arrays(self) -> dict[str, np.ndarray]:
        """Every column as a named array (with the rows grouped by migrant that :meth:`get`
        reads), for :func:`.store.write_arrays`; :meth:`from_arrays` takes them back."""
        arrays = {
            "ids": self.ids,
            "has_preference": self.has_preference,
            "language.pos": self.language_rows[0],
            "language.code": self.language_rows[1],
            "language.proficiency": self.language_rows[2],
            "occupation.pos": self.occupation_rows[0],
            "occupation.code": self.occupation_rows[1],
            "desired.index": self.desired_index,
            "desired.terms": np.asarray(self.desired_terms, dtype=str),
            "desired.ids": self.desired_ids,
            "desired.texts": self.desired_texts,
        }
        for name in ("skills", "certificates", "countries", "occupations"):
            arrays.update(getattr(self, name).to_arrays(name))
        for name, columns in self._by_row().items():
            for i, column in enumerate(columns):
                arrays[f"by_row.{name}.{i}"] = column
        return arrays

    @classmethod
    def from_arrays(cls, arrays: Mapping[str, np.ndarray]) -> CandidateTable:
        """A table over the arrays of :meth:`to_arrays` (memory-mapped ones stay mapped)."""
        table = cls.__new__(cls)
        table.ids = arrays["ids"]
        table.has_preference = arrays["has_preference"]
        table.language_rows = tuple(
            arrays[f"language.{part}"] for part in ("pos", "code", "proficiency")
        )
        table.occupation_rows = (arrays["occupation.pos"], arrays["occupation.code"])
        table.desired_index = arrays["desired.index"]
        table.desired_terms = arrays["desired.terms"].tolist()
        table.desired_ids = arrays["desired.ids"]
        table.desired_texts = arrays["desired.texts"]
        for name in ("skills", "certificates", "countries", "occupations"):
            setattr(table, name, _Postings.from_arrays(arrays, name))
        groups = {}
        for key in arrays:
            if key.startswith("by_row."):
                _prefix, name, i = key.split(".")
                groups.setdefault(name, {})[int(i)] = arrays[key]
        table._row_groups = {
            name: tuple(columns[i] for i in sorted(columns)) for name, columns in groups.items()
        } or None
        table._source = None
        return table

    def __len__(self) -> int:
        return len(self.ids)

    def skill_ids(self) -> np.ndarray:
        """Every skill the migrants hold or hold a verified certificate for."""
        return np.union1d(self.skills.keys, self.certificates.keys)

    def _by_row(self) -> dict:
        """Every kind of row grouped by migrant position, as arrays ending with the pointer
        (built once, on first use, or read with the table)."""
        if self._row_groups is None:
            n = len(self.ids)
            groups = {}
            for name in ("skills", "certificates", "countries"):
                groups[name] = getattr(self, name).by_row(n)
            for name, (pos, *columns) in (
                ("languages", self.language_rows),
                ("occupations", self.occupation_rows),
            ):
                order = np.argsort(pos, kind="stable")
                ptr = np.searchsorted(pos[order], np.arange(n + 1)).astype(np.int64)
                groups[name] = (*(np.asarray(col)[order] for col in columns), ptr)
            self._row_groups = groups
        return self._row_groups

    def desired_job(self, candidate_id: int) -> str:
        """The desired job of one migrant, in free text ("" when none)."""
        pos = int(np.searchsorted(self.desired_ids, candidate_id))
        if pos < len(self.desired_ids) and self.desired_ids[pos] == candidate_id:
            return str(self.desired_texts[pos])
        return ""

    def get(self, candidate_id: int) -> Candidate:
        """The dataclass of one migrant, rebuilt from the columns when needed."""
        if self._source is not None:
            return self._source[candidate_id]
        row = int(_positions(self.ids, [candidate_id])[0])
        groups = self._by_row()

        def part(name):
            *columns, ptr = groups[name]
            return [col[ptr[row] : ptr[row + 1]].tolist() for col in columns]

        skills, levels = part("skills")
        codes, proficiencies = part("languages")
        (occupations,) = part("occupations")
        countries, _ones = part("countries")
        certificates, _ones = part("certificates")
        return Candidate(
            id=candidate_id,
            skills=tuple(CandidateSkill(s, lv) for s, lv in zip(skills, levels)),
            languages=tuple((c, float(p)) for c, p in zip(codes, proficiencies)),
            occupation_codes=tuple(occupations),
            desired_job=self.desired_job(candidate_id),
            preferred_country_ids=tuple(countries),
            verified_skill_ids=tuple(certificates),
        )


def _key_array(keys: Sequence) -> np.ndarray:
    """Language keys as an array: int64 when they are all ints, else strings."""
    keys = list(keys)
    if all(isinstance(key, (int, np.integer)) for key in keys):
        return np.asarray(keys, dtype=np.int64)
    return np.asarray([str(key) for key in keys], dtype=str)


def _prefix_rows(owners: np.ndarray, codes: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """(prefix key, owner) of every prefix (1 to 4 digits) of every numeric code."""
    keys, rows = [], []
    numeric = [(row, code[:4]) for row, code in zip(owners.tolist(), codes) if code.isdigit()]
    if not numeric:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    rows_all = np.asarray([row for row, _code in numeric], dtype=np.int64)
    values = np.asarray([int(code) for _row, code in numeric], dtype=np.int64)
    lengths = np.asarray([len(code) for _row, code in numeric], dtype=np.int64)
    for length in range(1, 5):
        has = lengths >= length
        prefix = values[has] // 10 ** (lengths[has] - length)
        keys.append(length * 10_000 + prefix)
        rows.append(rows_all[has])
    return np.concatenate(keys), np.concatenate(rows)


def _normalize_many(texts: Sequence[str]) -> tuple[list[str], np.ndarray]:
    """Normalise texts, each distinct text once: (distinct terms, term index of each text or -1)."""
    cache: dict[str, int] = {}
    terms: dict[str, int] = {}
    index = np.full(len(texts), -1, dtype=np.int64)
    for i, text in enumerate(texts):
        text = text or ""
        if text not in cache:
            term = normalize(text)
            cache[text] = terms.setdefault(term, len(terms)) if term else -1
        index[i] = cache[text]
    return list(terms), index


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
