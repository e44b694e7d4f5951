"""Columnar tables of migrants and vacancies, the input of the vectorised scoring.

:class:`CandidateTable` and :class:`JobTable` hold their rows in numpy arrays sorted by id,
built from database-like rows (or from dataclasses), and give the dataclass of one row back
with ``get``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from odoo.addons.mrc_skills.lib.normalize import normalize

from ._arrays import _expand
from .data import Candidate, CandidateSkill, Job, Requirement


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
        rows = np.asarray(rows, dtype=np.int64)
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
    by id (or from dataclasses with :meth:`from_candidates`)."""

    def __init__(
        self,
        ids: Iterable[int],
        skill_rows: Iterable[tuple[int, int, float]] = (),
        language_rows: Iterable[tuple[int, str, float]] = (),
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
            _positions(self.ids, owner),
            list(code),
            np.asarray(proficiency),
        )
        owner, country = _rows(country_rows, 2)
        pos = _positions(self.ids, owner)
        self.countries = _Postings.build(country, pos)
        self.has_preference = np.zeros(n, dtype=bool)
        self.has_preference[pos] = True
        # ISCO prefixes of the desired occupations: key = length * 10**4 + int(prefix)
        owner, codes = _rows(occupation_rows, 2)
        self.occupation_rows = (
            _positions(self.ids, owner),
            [str(c or "") for c in codes],
        )
        self.occupations = _Postings.build(*_prefix_rows(*self.occupation_rows))
        desired_jobs = dict(desired_jobs or {})
        self.desired_raw = desired_jobs
        self.desired_index = np.full(n, -1, dtype=np.int64)
        self.desired_terms = []
        if desired_jobs:
            owners = _positions(self.ids, list(desired_jobs))
            terms, index = _normalize_many(list(desired_jobs.values()))
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

    def __len__(self) -> int:
        return len(self.ids)

    def skill_ids(self) -> np.ndarray:
        """Every skill the migrants hold or hold a verified certificate for."""
        return np.union1d(self.skills.keys, self.certificates.keys)

    def _by_row(self) -> dict:
        """Every kind of row grouped by migrant position (built once, on first use)."""
        if self._row_groups is None:
            n = len(self.ids)
            groups = {}
            for name in ("skills", "certificates", "countries"):
                postings = getattr(self, name)
                keys = np.repeat(postings.keys, np.diff(postings.ptr))
                order = np.argsort(postings.rows, kind="stable")
                ptr = np.searchsorted(postings.rows[order], np.arange(n + 1))
                groups[name] = (
                    keys[order].tolist(),
                    postings.values[order].tolist(),
                    ptr,
                )
            for name, (pos, *columns) in (
                ("languages", self.language_rows),
                ("occupations", self.occupation_rows),
            ):
                order = np.argsort(pos, kind="stable")
                ptr = np.searchsorted(pos[order], np.arange(n + 1))
                picked = [np.asarray(col, dtype=object)[order].tolist() for col in columns]
                groups[name] = (*picked, ptr)
            self._row_groups = groups
        return self._row_groups

    def get(self, candidate_id: int) -> Candidate:
        """The dataclass of one migrant, rebuilt from the columns when needed."""
        if self._source is not None:
            return self._source[candidate_id]
        row = int(_positions(self.ids, [candidate_id])[0])
        groups = self._by_row()

        def part(name):
            *columns, ptr = groups[name]
            return [col[ptr[row] : ptr[row + 1]] for col in columns]

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
            desired_job=self.desired_raw.get(candidate_id, ""),
            preferred_country_ids=tuple(countries),
            verified_skill_ids=tuple(certificates),
        )


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
        self.lang_codes = [codes[i] for i in order.tolist()]
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
