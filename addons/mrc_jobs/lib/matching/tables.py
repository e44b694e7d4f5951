"""Columnar tables of migrants (here) and vacancies (:mod:`.job_table`), the input of the
vectorised scoring.

:class:`CandidateTable` and :class:`~.job_table.JobTable` hold their rows in numpy arrays
sorted by id, built from database-like rows (or from dataclasses), and give the dataclass of
one row back with ``get``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

# np.unique imports numpy.ma on its first use: import it at start, not in a first click
import numpy.ma  # pylint: disable=unused-import

from odoo.addons.mrc_skills.lib.normalize import normalize

from ._arrays import _expand
from .data import Candidate, CandidateSkill

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
        row = int(np.searchsorted(self.ids, candidate_id))
        if row >= len(self.ids) or self.ids[row] != candidate_id:
            raise ValueError("a row refers to an unknown id")
        groups = self._by_row()

        def part(name):
            *columns, ptr = groups[name]
            start, stop = int(ptr[row]), int(ptr[row + 1])
            return [col[start:stop].tolist() for col in columns]

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
