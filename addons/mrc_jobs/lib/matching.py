"""Explainable fuzzy matching of migrants (candidates) and vacancies (jobs).

A pure module: plain dataclasses and numpy arrays in and out, no ORM. The ORM layer
(``mrc.match.engine``) gathers the data, calls it and writes the results back.

How a pair is scored (0-100), with the default :class:`Weights`:

* **skills** (60): level-aware, weighted coverage of the vacancy's required skills. Each
  requirement is credited with its best counterpart among the migrant's skills:
  ``similarity / 100`` times ``1`` when the migrant's level reaches the minimum level, else
  ``under_level_credit * level / min_level``. Skill similarity is fuzzy
  (:func:`rapidfuzz.fuzz.token_sort_ratio` over the normalised names and aliases of both skills,
  the best pair of names counting), so spelling variants and aliases in other languages meet;
  below ``threshold`` two skills are unrelated.
* **occupation** (15): closeness in the ISCO-08 hierarchy (the share of the vacancy's code that
  the migrant's desired occupation shares as a prefix: same unit group 1, same minor group 0.75,
  ...) or the fuzzy similarity of the vacancy's title with the migrant's desired job in free
  text, whichever is higher.
* **languages** (10): the mean proficiency (0-1) of the migrant in the vacancy's languages.
* **country** (15): 1 when the vacancy's country is among the migrant's preferred countries,
  ``no_preference_credit`` when the migrant has none, else 0.
* **certificate bonus** (5 points on top): the weighted share of required skills the migrant
  holds a verified certificate for.

A component the vacancy does not use (no required skills, no occupation or title, no language,
no country) is left out and the others are scaled up to 100. Hard filters exclude a pair
whatever its score: a mandatory skill missing or below its minimum level, a required language
missing, a required certification without a verified certificate.

Scores are rounded to two decimals; rankings order by score, then by id (lowest first), so the
same input always gives the same output.

Public surface:

* dataclasses :class:`Skill`, :class:`CandidateSkill`, :class:`Candidate`, :class:`Requirement`,
  :class:`Job`, :class:`Weights`, :class:`SkillPair`, :class:`Exclusion`,
  :class:`Explanation`, :class:`Match`;
* columnar tables :class:`CandidateTable` and :class:`JobTable` (built from dataclasses or
  directly from database rows);
* :func:`skill_similarity` (whole vocabularies at once through ``process.cdist``);
* :func:`rank_candidates` (best migrants per vacancy), :func:`rank_jobs` (best vacancies per
  migrant), :func:`explain` (the explanation of one pair) and :func:`match` (all in one, from
  dataclasses).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from rapidfuzz import fuzz, process

from odoo.addons.mrc_skills.lib.normalize import normalize

SCORER = fuzz.token_sort_ratio
# Cells (vacancies x migrants) scored at once; bounds the memory of a block (about 20 arrays
# of this many float64 values: 2M cells ~ 320 MB at worst, usually far less).
BLOCK_CELLS = 2_000_000
# Below this many comparisons rapidfuzz runs on one thread: starting workers costs more.
PARALLEL_MIN_CELLS = 200_000
_TIE_BITS = 32


# --------------------------------------------------------------------------------------------
# Plain data in and out
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Skill:
    """A skill of the vocabulary: its id, its name and aliases, optionally their languages."""

    id: int
    names: tuple[str, ...]
    langs: tuple[str | None, ...] = ()

    def terms(self) -> list[str]:
        """The distinct normalised names of the skill (empty names left out)."""
        langs = self.langs or (None,) * len(self.names)
        seen = []
        for name, lang in zip(self.names, langs):
            term = normalize(name, lang)
            if term and term not in seen:
                seen.append(term)
        return seen


@dataclass(frozen=True)
class CandidateSkill:
    """A migrant's skill at a level (``level`` 0-100, the skill level's progress)."""

    skill_id: int
    level: float = 100.0


@dataclass(frozen=True)
class Candidate:
    """What matching knows of a migrant.

    ``languages`` are ``(ISO 639-1 code, proficiency 0-1)`` pairs, ``occupation_codes`` ISCO-08
    codes of desired occupations, ``verified_skill_ids`` the skills of verified certificates.
    """

    id: int
    skills: tuple[CandidateSkill, ...] = ()
    languages: tuple[tuple[str, float], ...] = ()
    occupation_codes: tuple[str, ...] = ()
    desired_job: str = ""
    preferred_country_ids: tuple[int, ...] = ()
    verified_skill_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class Requirement:
    """A vacancy's required skill: minimum level (0-100), mandatory flag and weight (> 0)."""

    skill_id: int
    min_level: float = 0.0
    mandatory: bool = False
    weight: float = 1.0


@dataclass(frozen=True)
class Job:
    """What matching knows of a vacancy."""

    id: int
    title: str = ""
    requirements: tuple[Requirement, ...] = ()
    language_codes: tuple[str, ...] = ()
    certification_skill_ids: tuple[int, ...] = ()
    occupation_code: str = ""
    country_id: int | None = None


@dataclass(frozen=True)
class Weights:
    """Weights of the score's components and the tolerances of matching.

    ``threshold``: the lowest similarity (0-100) at which two skill names, or a title and a
    desired job, count as the same. ``under_level_credit``: the share of a requirement credited
    when the migrant's level is below the minimum (scaled by level / minimum).
    ``no_preference_credit``: the country credit of a migrant without preferred countries.
    """

    skills: float = 60.0
    occupation: float = 15.0
    languages: float = 10.0
    country: float = 15.0
    certificate_bonus: float = 5.0
    threshold: float = 82.0
    under_level_credit: float = 0.5
    no_preference_credit: float = 0.5

    def __post_init__(self):
        for name in ("skills", "occupation", "languages", "country", "certificate_bonus"):
            if getattr(self, name) < 0:
                raise ValueError(f"weight {name} must not be negative")
        if not 0 < self.threshold <= 100:
            raise ValueError("threshold must be within (0, 100]")
        if not 0 <= self.under_level_credit <= 1 or not 0 <= self.no_preference_credit <= 1:
            raise ValueError("credits must be within [0, 1]")

    def non_skill_ceiling(self) -> float:
        """The highest score a pair can reach without any skill in common (no bonus then)."""
        total = self.skills + self.occupation + self.languages + self.country
        if total <= 0:
            return 0.0
        return round(100.0 * (total - self.skills) / total, 2)


@dataclass(frozen=True)
class SkillPair:
    """A required skill and the migrant's skill that covers it best."""

    required_skill_id: int
    skill_id: int
    similarity: float
    level: float
    min_level: float
    level_ok: bool
    credit: float


@dataclass(frozen=True)
class Exclusion:
    """Why a pair is excluded: ``code`` in ``mandatory_skill``, ``mandatory_level``,
    ``language``, ``certification``; ``ref`` the skill id or language code concerned."""

    code: str
    ref: int | str


@dataclass(frozen=True)
class Explanation:
    """The score of a pair and how it came about (components are 0-1 or None when unused)."""

    score: float
    components: dict[str, float | None]
    matched: tuple[SkillPair, ...] = ()
    missing_skill_ids: tuple[int, ...] = ()
    excluded: tuple[Exclusion, ...] = ()

    def to_dict(self) -> dict:
        """A JSON-ready dict of the explanation."""
        return {
            "score": self.score,
            "components": dict(self.components),
            "matched": [
                {
                    "required_skill_id": pair.required_skill_id,
                    "skill_id": pair.skill_id,
                    "similarity": round(pair.similarity, 1),
                    "level": pair.level,
                    "min_level": pair.min_level,
                    "level_ok": pair.level_ok,
                }
                for pair in self.matched
            ],
            "missing_skill_ids": list(self.missing_skill_ids),
            "excluded": [{"code": item.code, "ref": item.ref} for item in self.excluded],
        }


@dataclass(frozen=True)
class Match:
    """A ranked pair."""

    candidate_id: int
    job_id: int
    score: float
    explanation: Explanation | None = None


# --------------------------------------------------------------------------------------------
# Skill similarity over whole vocabularies
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class SkillSimilarity:
    """Sparse similarity between query skills and vocabulary skills (0-100, >= threshold).

    CSR layout: the similar skills of ``query_ids[i]`` are
    ``skill_ids[ptr[i]:ptr[i + 1]]`` with ``values[ptr[i]:ptr[i + 1]]``. A skill is always
    similar to itself (100).
    """

    query_ids: np.ndarray
    ptr: np.ndarray
    skill_ids: np.ndarray
    values: np.ndarray
    _cache: dict = field(default_factory=dict, compare=False, repr=False)

    def similar(self, skill_id: int) -> dict[int, float]:
        """The skills similar to ``skill_id`` with their similarity (do not modify it)."""
        found = self._cache.get(skill_id)
        if found is None:
            pos = np.searchsorted(self.query_ids, skill_id)
            if pos >= len(self.query_ids) or self.query_ids[pos] != skill_id:
                found = {}
            else:
                start, stop = self.ptr[pos], self.ptr[pos + 1]
                found = dict(
                    zip(self.skill_ids[start:stop].tolist(), self.values[start:stop].tolist())
                )
            self._cache[skill_id] = found
        return found

    def get(self, query_id: int, skill_id: int) -> float:
        """The similarity of two skills, 0 when unrelated."""
        return self.similar(query_id).get(skill_id, 0.0)


def _term_table(skills: Mapping[int, Sequence[str]]) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Distinct terms of a vocabulary and the (term index, skill id) rows linking them."""
    index: dict[str, int] = {}
    term_rows, skill_rows = [], []
    for skill_id, terms in skills.items():
        for term in terms:
            position = index.setdefault(term, len(index))
            term_rows.append(position)
            skill_rows.append(skill_id)
    return (
        list(index),
        np.asarray(term_rows, dtype=np.int64),
        np.asarray(skill_rows, dtype=np.int64),
    )


def _cdist(queries: list[str], choices: list[str], cutoff: float) -> np.ndarray:
    """``process.cdist`` with the module's scorer; threads only when the work is large."""
    workers = -1 if len(queries) * len(choices) >= PARALLEL_MIN_CELLS else 1
    return process.cdist(
        queries,
        choices,
        scorer=SCORER,
        score_cutoff=cutoff,
        dtype=np.float32,
        workers=workers,
    )


def skill_similarity(
    queries: Mapping[int, Sequence[str]],
    vocabulary: Mapping[int, Sequence[str]],
    threshold: float = Weights.threshold,
    chunk: int = 2048,
) -> SkillSimilarity:
    """Fuzzy similarity of every query skill with every vocabulary skill, at once.

    :param queries: skill id -> normalised terms (name and aliases, see :meth:`Skill.terms`).
    :param vocabulary: the same for the skills to compare with.
    :param threshold: similarities below it (0-100) count as unrelated and are dropped.
    :param chunk: query terms compared per ``cdist`` call (bounds memory).
    :return: the sparse similarity; for a pair of skills, the best similarity of their terms.
    """
    q_terms, q_term_rows, q_skill_rows = _term_table(queries)
    v_terms, v_term_rows, v_skill_rows = _term_table(vocabulary)
    # term -> skills, as CSR over term index
    q_order = np.argsort(q_term_rows, kind="stable")
    q_ptr = np.searchsorted(q_term_rows[q_order], np.arange(len(q_terms) + 1))
    v_order = np.argsort(v_term_rows, kind="stable")
    v_ptr = np.searchsorted(v_term_rows[v_order], np.arange(len(v_terms) + 1))
    rows_q, rows_v, rows_s = [], [], []
    if q_terms and v_terms:
        for start in range(0, len(q_terms), chunk):
            block = _cdist(q_terms[start : start + chunk], v_terms, threshold)
            qt, vt = np.nonzero(block)
            values = block[qt, vt]
            qt = qt + start
            # expand term pairs to skill pairs
            q_owner, q_idx = _expand(q_ptr[qt], q_ptr[qt + 1] - q_ptr[qt])
            q_skill = q_skill_rows[q_order[q_idx]]
            vt2, values2 = vt[q_owner], values[q_owner]
            v_owner, v_idx = _expand(v_ptr[vt2], v_ptr[vt2 + 1] - v_ptr[vt2])
            rows_q.append(q_skill[v_owner])
            rows_v.append(v_skill_rows[v_order[v_idx]])
            rows_s.append(values2[v_owner])
    # a skill is its own perfect match, even without any name
    same = np.intersect1d(
        np.fromiter(queries.keys(), dtype=np.int64, count=len(queries)),
        np.fromiter(vocabulary.keys(), dtype=np.int64, count=len(vocabulary)),
    )
    rows_q.append(same)
    rows_v.append(same)
    rows_s.append(np.full(len(same), 100.0, dtype=np.float32))
    q_all = np.concatenate(rows_q)
    v_all = np.concatenate(rows_v)
    s_all = np.concatenate(rows_s).astype(np.float32)
    # best similarity per (query skill, vocabulary skill)
    order = np.lexsort((v_all, q_all))
    q_all, v_all, s_all = q_all[order], v_all[order], s_all[order]
    if len(q_all):
        starts = np.flatnonzero(
            np.concatenate(([True], (q_all[1:] != q_all[:-1]) | (v_all[1:] != v_all[:-1])))
        )
        s_all = np.maximum.reduceat(s_all, starts)
        q_all, v_all = q_all[starts], v_all[starts]
    query_ids = np.unique(q_all)
    ptr = np.searchsorted(q_all, query_ids)
    ptr = np.append(ptr, len(q_all)).astype(np.int64)
    return SkillSimilarity(query_ids, ptr, v_all, s_all)


# --------------------------------------------------------------------------------------------
# Columnar tables
# --------------------------------------------------------------------------------------------
def _expand(starts: np.ndarray, counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For ranges ``[starts[i], starts[i] + counts[i])``: (owner i, index) of every element."""
    counts = np.asarray(counts, dtype=np.int64)
    total = int(counts.sum()) if len(counts) else 0
    if not total:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    owner = np.repeat(np.arange(len(counts), dtype=np.int64), counts)
    offsets = np.cumsum(counts) - counts
    index = np.arange(total, dtype=np.int64) - offsets[owner] + np.asarray(starts)[owner]
    return owner, index


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
        self.language_rows = (_positions(self.ids, owner), list(code), np.asarray(proficiency))
        owner, country = _rows(country_rows, 2)
        pos = _positions(self.ids, owner)
        self.countries = _Postings.build(country, pos)
        self.has_preference = np.zeros(n, dtype=bool)
        self.has_preference[pos] = True
        # ISCO prefixes of the desired occupations: key = length * 10**4 + int(prefix)
        owner, codes = _rows(occupation_rows, 2)
        self.occupation_rows = (_positions(self.ids, owner), [str(c or "") for c in codes])
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
                groups[name] = (keys[order].tolist(), postings.values[order].tolist(), ptr)
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


# --------------------------------------------------------------------------------------------
# Vectorised scoring
# --------------------------------------------------------------------------------------------
@dataclass
class _Context:
    """What every block of a scoring run shares."""

    jobs: JobTable
    candidates: CandidateTable
    similarity: SkillSimilarity
    weights: Weights
    title_sim: np.ndarray  # titles x (desired terms + 1), 0-1, last column 0
    language_index: dict[str, int] = field(default_factory=dict)
    language_matrix: np.ndarray | None = None  # languages x migrants, proficiency 0-1
    no_preference: np.ndarray | None = None  # migrants' country credit without a match
    language_lacking: np.ndarray | None = None  # languages x migrants, 1 where not spoken


def _context(jobs, candidates, similarity, weights) -> _Context:
    titles, desired = jobs.title_terms, candidates.desired_terms
    title_sim = np.zeros((len(titles), len(desired) + 1), dtype=np.float32)
    if titles and desired:
        title_sim[:, :-1] = _cdist(titles, desired, weights.threshold) / 100.0
    codes = sorted(set(jobs.lang_codes))
    index = {code: i for i, code in enumerate(codes)}
    matrix = np.zeros((len(codes), len(candidates)), dtype=np.float32)
    pos, cand_codes, prof = candidates.language_rows
    for row, code, value in zip(pos.tolist(), cand_codes, np.asarray(prof).tolist()):
        if code in index:
            matrix[index[code], row] = max(matrix[index[code], row], max(0.0, min(1.0, value)))
    no_preference = np.where(candidates.has_preference, 0.0, weights.no_preference_credit)
    return _Context(
        jobs, candidates, similarity, weights, title_sim, index, matrix,
        no_preference.astype(np.float32), (matrix <= 0).astype(np.float32),
    )  # fmt: skip


def _requirement_hits(skills, min_levels, similarity, postings, under_level_credit, n):
    """Best credit of every (requirement row, migrant) with at least one similar skill.

    :param n: the number of migrants (positions are below it).
    :return: (row, migrant position, credit, level reached) arrays, one entry per pair.
    """
    skills = np.asarray(skills, dtype=np.int64)
    query_ids = similarity.query_ids
    if len(query_ids) and len(skills):
        pos = np.minimum(np.searchsorted(query_ids, skills), len(query_ids) - 1)
        found = query_ids[pos] == skills
        starts = np.where(found, similarity.ptr[pos], 0)
        counts = np.where(found, similarity.ptr[pos + 1] - similarity.ptr[pos], 0)
    else:
        starts = counts = np.zeros(len(skills), dtype=np.int64)
    req_row, sim_idx = _expand(starts, counts)
    owner, post_idx = postings.lookup(similarity.skill_ids[sim_idx])
    row = req_row[owner]
    cand = postings.rows[post_idx]
    level = postings.values[post_idx]
    sim = similarity.values[sim_idx][owner].astype(np.float64) / 100.0
    minimum = np.asarray(min_levels, dtype=np.float64)[row]
    level_ok = (minimum <= 0) | (level >= minimum)
    with np.errstate(divide="ignore", invalid="ignore"):
        partial = under_level_credit * np.where(minimum > 0, level / minimum, 1.0)
    credit = sim * np.where(level_ok, 1.0, partial)
    # a migrant meets a requirement twice only through two similar skills: merge those
    multi = counts[row] > 1
    if not multi.any():
        return row, cand, credit, level_ok
    single = ~multi
    m_row, m_cand, m_credit, m_ok = row[multi], cand[multi], credit[multi], level_ok[multi]
    key = m_row * n + m_cand
    order = np.argsort(key, kind="stable")
    key = key[order]
    first = np.flatnonzero(np.concatenate(([True], key[1:] != key[:-1])))
    best = np.maximum.reduceat(m_credit[order], first)
    ok_any = np.maximum.reduceat(m_ok[order].astype(np.int8), first).astype(bool)
    return (
        np.concatenate((row[single], m_row[order][first])),
        np.concatenate((cand[single], m_cand[order][first])),
        np.concatenate((credit[single], best)),
        np.concatenate((level_ok[single], ok_any)),
    )


def _score_block(ctx: _Context, lo: int, hi: int) -> np.ndarray:
    """Scores in centipoints (int64; -1 = excluded) of vacancies ``lo:hi`` x all migrants.

    Works in float32 points: each component is added already scaled by its weight and by
    ``100 / (sum of the weights the vacancy uses)``.
    """
    jobs, cands, w = ctx.jobs, ctx.candidates, ctx.weights
    b, n = hi - lo, len(cands)
    cells = b * n
    excluded = None
    # which components each vacancy uses, and the factor turning them into points
    r0, r1 = jobs.req_ptr[lo], jobs.req_ptr[hi]
    req_job = jobs.req_job[r0:r1] - lo
    req_skill = jobs.req_skill[r0:r1]
    req_weight = jobs.req_weight[r0:r1]
    req_mand = jobs.req_mandatory[r0:r1]
    total_weight = np.bincount(req_job, weights=req_weight, minlength=b)
    has_req = total_weight > 0
    l0, l1 = np.searchsorted(jobs.lang_job, [lo, hi])
    lang_job = jobs.lang_job[l0:l1] - lo
    has_lang = np.bincount(lang_job, minlength=b) > 0
    lengths = jobs.occupation_length[lo:hi]
    title_rows = jobs.title_index[lo:hi]
    has_occ = (lengths > 0) | (title_rows >= 0)
    job_country = jobs.country[lo:hi]
    has_country = job_country > 0
    denominator = (
        w.skills * has_req
        + w.occupation * has_occ
        + w.languages * has_lang
        + w.country * has_country
    ).astype(np.float64)
    factor = np.divide(100.0, denominator, out=np.zeros(b), where=denominator > 0)
    points = np.zeros(cells, dtype=np.float32)
    # skills: level-aware weighted coverage, mandatory skills, certificate bonus
    row, cand, credit, level_ok = _requirement_hits(
        req_skill, jobs.req_min[r0:r1], ctx.similarity, cands.skills, w.under_level_credit, n
    )
    flat = req_job[row] * n + cand
    share = w.skills * factor / np.where(has_req, total_weight, 1.0)
    points += np.bincount(
        flat, weights=credit * req_weight[row] * share[req_job[row]], minlength=cells
    ).astype(np.float32)
    n_mand = np.bincount(req_job[req_mand], minlength=b)
    if n_mand.any():
        hit = req_mand[row] & level_ok
        got = np.bincount(flat[hit], minlength=cells).reshape(b, n)
        excluded = (got < n_mand[:, None]).ravel()
    if w.certificate_bonus and len(cands.certificates.keys) and len(req_skill):
        c_row, c_cand, _credit, _ok = _requirement_hits(
            req_skill, np.zeros(len(req_skill)), ctx.similarity, cands.certificates, 0.0, n
        )
        bonus = w.certificate_bonus / np.where(has_req, total_weight, 1.0)
        points += np.bincount(
            req_job[c_row] * n + c_cand,
            weights=req_weight[c_row] * bonus[req_job[c_row]],
            minlength=cells,
        ).astype(np.float32)
    points = points.reshape(b, n)
    # required certifications (hard)
    k0, k1 = np.searchsorted(jobs.cert_job, [lo, hi])
    if k1 > k0:
        cert_job = jobs.cert_job[k0:k1] - lo
        c_row, c_cand, _credit, _ok = _requirement_hits(
            jobs.cert_skill[k0:k1], np.zeros(k1 - k0), ctx.similarity, cands.certificates, 0.0, n
        )
        need = np.bincount(cert_job, minlength=b)
        got = np.bincount(cert_job[c_row] * n + c_cand, minlength=cells).reshape(b, n)
        missing = (got < need[:, None]).ravel()
        excluded = missing if excluded is None else excluded | missing
    # languages (hard) and their mean proficiency, as products with a job x language matrix
    if l1 > l0:
        columns = [ctx.language_index[c] for c in jobs.lang_codes[l0:l1]]
        wanted = np.zeros((b, len(ctx.language_index)), dtype=np.float32)
        np.add.at(wanted, (lang_job, columns), 1.0)
        counts = wanted.sum(axis=1)
        scale = np.divide(w.languages * factor, counts, out=np.zeros(b), where=counts > 0)
        points += (wanted * scale.astype(np.float32)[:, None]) @ ctx.language_matrix
        lacking = wanted @ ctx.language_lacking
        missing = (lacking > 0).ravel()
        excluded = missing if excluded is None else excluded | missing
    # occupation: ISCO prefix closeness or fuzzy title
    if has_occ.any() and w.occupation:
        occupation = np.zeros(cells, dtype=np.float32)
        for length in range(1, 5):
            keys = jobs.occupation_keys[length - 1, lo:hi]
            job_rows = np.flatnonzero(keys >= 0)
            if not len(job_rows):
                continue
            owner, post = cands.occupations.lookup(keys[job_rows])
            if len(owner):
                closeness = length / lengths[job_rows]
                occupation[job_rows[owner] * n + cands.occupations.rows[post]] = closeness[owner]
        occupation = occupation.reshape(b, n)
        if len(cands.desired_terms) and (title_rows >= 0).any():
            titled = np.flatnonzero(title_rows >= 0)
            sims = ctx.title_sim[title_rows[titled]][:, cands.desired_index]
            occupation[titled] = np.maximum(occupation[titled], sims)
        occupation *= (w.occupation * factor).astype(np.float32)[:, None]
        points += occupation
    # preferred countries
    if has_country.any() and w.country:
        rows_with = np.flatnonzero(has_country)
        scale = (w.country * factor[rows_with]).astype(np.float32)
        points[rows_with] += scale[:, None] * ctx.no_preference[None, :]
        owner, post = cands.countries.lookup(job_country[rows_with])
        if len(owner):
            # migrants preferring the country have no "no preference" credit: add it whole
            points[rows_with[owner], cands.countries.rows[post]] += scale[owner]
    np.minimum(points, 100.0, out=points)
    centi = np.rint(points * np.float32(100.0)).astype(np.int64).ravel()
    if excluded is not None:
        centi[excluded] = -1
    return centi.reshape(b, n)


def _top(keys: np.ndarray, limit: int) -> np.ndarray:
    """Column positions of the ``limit`` largest keys of each row, best first."""
    if keys.shape[1] > limit:
        part = np.argpartition(-keys, limit - 1, axis=1)[:, :limit]
    else:
        part = np.broadcast_to(np.arange(keys.shape[1]), keys.shape).copy()
    chosen = np.take_along_axis(keys, part, axis=1)
    order = np.argsort(-chosen, axis=1, kind="stable")
    return np.take_along_axis(part, order, axis=1)


def _tie_keys(centi: np.ndarray) -> np.ndarray:
    """Unique sort keys: score first, then the lowest id (column position) first."""
    n = centi.shape[1]
    tie = (1 << _TIE_BITS) - 1 - np.arange(n, dtype=np.int64)
    return (centi << _TIE_BITS) + tie


def _prepare(jobs, candidates, weights, similarity):
    if similarity is None:
        raise ValueError("a skill similarity is needed (see skill_similarity)")
    return _context(jobs, candidates, similarity, weights)


def rank_candidates(
    jobs: JobTable,
    candidates: CandidateTable,
    similarity: SkillSimilarity,
    weights: Weights | None = None,
    limit: int = 50,
    min_score: float = 0.0,
    skip_ids: Iterable[int] = (),
) -> dict[int, list[tuple[int, float]]]:
    """The best migrants of each vacancy.

    :param similarity: from :func:`skill_similarity` with the vacancies' required and certified
        skills as queries and the migrants' skills and certificate skills as vocabulary.
    :param limit: migrants kept per vacancy; ``min_score`` the lowest score kept.
    :param skip_ids: migrants of the table to leave out (for instance stale ones).
    :return: vacancy id -> ``[(migrant id, score), ...]`` best first, excluded pairs left out.
    """
    weights = weights or Weights()
    result: dict[int, list[tuple[int, float]]] = {int(i): [] for i in jobs.ids}
    if not len(jobs) or not len(candidates) or limit <= 0:
        return result
    ctx = _prepare(jobs, candidates, weights, similarity)
    n = len(candidates)
    step = max(1, BLOCK_CELLS // n)
    floor = int(round(min_score * 100))
    skipped = np.isin(candidates.ids, np.fromiter(skip_ids, dtype=np.int64))
    for lo in range(0, len(jobs), step):
        hi = min(lo + step, len(jobs))
        centi = _score_block(ctx, lo, hi)
        centi[:, skipped] = -1
        keys = _tie_keys(centi)
        top = _top(keys, limit)
        chosen = np.take_along_axis(centi, top, axis=1)
        for offset in range(hi - lo):
            keep = chosen[offset] >= max(floor, 0)
            result[int(jobs.ids[lo + offset])] = list(
                zip(
                    candidates.ids[top[offset][keep]].tolist(),
                    (chosen[offset][keep] / 100.0).tolist(),
                )
            )
    return result


def rank_jobs(
    candidates: CandidateTable,
    jobs: JobTable,
    similarity: SkillSimilarity,
    weights: Weights | None = None,
    limit: int = 20,
    min_score: float = 0.0,
    skip_ids: Iterable[int] = (),
) -> dict[int, list[tuple[int, float]]]:
    """The best vacancies of each migrant (arguments as :func:`rank_candidates`;
    ``skip_ids`` are vacancies to leave out).

    :return: migrant id -> ``[(vacancy id, score), ...]`` best first, excluded pairs left out.
    """
    weights = weights or Weights()
    result: dict[int, list[tuple[int, float]]] = {int(i): [] for i in candidates.ids}
    if not len(jobs) or not len(candidates) or limit <= 0:
        return result
    ctx = _prepare(jobs, candidates, weights, similarity)
    n = len(candidates)
    step = max(1, BLOCK_CELLS // n)
    best_keys = np.full((n, 0), -1, dtype=np.int64)
    best_jobs = np.zeros((n, 0), dtype=np.int64)
    tie = (1 << _TIE_BITS) - 1
    skipped = np.isin(jobs.ids, np.fromiter(skip_ids, dtype=np.int64))
    for lo in range(0, len(jobs), step):
        hi = min(lo + step, len(jobs))
        block = _score_block(ctx, lo, hi)
        block[skipped[lo:hi]] = -1
        centi = block.T  # migrants x block
        keys = (centi << _TIE_BITS) + (tie - np.arange(lo, hi, dtype=np.int64))
        keys[centi < 0] = -1
        keys = np.concatenate([best_keys, keys], axis=1)
        positions = np.concatenate(
            [best_jobs, np.broadcast_to(np.arange(lo, hi), (n, hi - lo))], axis=1
        )
        top = _top(keys, limit)
        best_keys = np.take_along_axis(keys, top, axis=1)
        best_jobs = np.take_along_axis(positions, top, axis=1)
    floor = max(int(round(min_score * 100)), 0)
    for row in range(n):
        centi = best_keys[row] >> _TIE_BITS
        keep = (best_keys[row] >= 0) & (centi >= floor)
        result[int(candidates.ids[row])] = list(
            zip(jobs.ids[best_jobs[row][keep]].tolist(), (centi[keep] / 100.0).tolist())
        )
    return result


# --------------------------------------------------------------------------------------------
# Explanation of one pair (plain Python, the reference the vectorised scores agree with)
# --------------------------------------------------------------------------------------------
def explain(
    job: Job,
    candidate: Candidate,
    similarity: SkillSimilarity,
    weights: Weights | None = None,
) -> Explanation:
    """Score one pair and say why: matched skill pairs with their similarity and levels,
    missing skills, exclusions and each component's value (0-1, None when unused)."""
    w = weights or Weights()
    matched, missing, excluded = [], [], []
    total_weight = sum(r.weight if r.weight > 0 else 1.0 for r in job.requirements)
    coverage = bonus = 0.0
    verified = set(candidate.verified_skill_ids)
    for req in job.requirements:
        weight = req.weight if req.weight > 0 else 1.0
        similar = similarity.similar(req.skill_id)
        best, ok_any = None, False
        for skill in candidate.skills:
            sim = similar.get(skill.skill_id)
            if sim is None:
                continue
            level_ok = req.min_level <= 0 or skill.level >= req.min_level
            partial = w.under_level_credit * (skill.level / req.min_level if req.min_level else 1)
            credit = sim / 100.0 * (1.0 if level_ok else partial)
            ok_any = ok_any or level_ok
            pair = SkillPair(
                req.skill_id, skill.skill_id, float(sim), skill.level, req.min_level,
                level_ok, credit,
            )  # fmt: skip
            if best is None or (credit, -skill.skill_id) > (best.credit, -best.skill_id):
                best = pair
        if any(skill in similar for skill in verified):
            bonus += weight
        if best is None:
            missing.append(req.skill_id)
            if req.mandatory:
                excluded.append(Exclusion("mandatory_skill", req.skill_id))
            continue
        matched.append(best)
        coverage += weight * best.credit
        if req.mandatory and not ok_any:
            excluded.append(Exclusion("mandatory_level", req.skill_id))
    for skill_id in job.certification_skill_ids:
        similar = similarity.similar(skill_id)
        if not any(skill in similar for skill in verified):
            excluded.append(Exclusion("certification", skill_id))
    proficiency: dict[str, float] = {}
    for code, value in candidate.languages:
        proficiency[code] = max(proficiency.get(code, 0.0), max(0.0, min(1.0, value)))
    language = None
    if job.language_codes:
        values = [proficiency.get(code, 0.0) for code in job.language_codes]
        language = sum(values) / len(values)
        excluded += [Exclusion("language", c) for c in job.language_codes if not proficiency.get(c)]
    occupation = None
    code = job.occupation_code if str(job.occupation_code or "").isdigit() else ""
    title = normalize(job.title or "")
    if code or title:
        occupation = 0.0
        for own in candidate.occupation_codes:
            own = str(own or "")[:4]
            length = 0
            while length < min(len(code), len(own)) and code[length] == own[length]:
                length += 1
            if code:
                occupation = max(occupation, length / len(code))
        desired = normalize(candidate.desired_job or "")
        if title and desired:
            sim = SCORER(title, desired, score_cutoff=w.threshold)
            occupation = max(occupation, float(np.float32(sim) / np.float32(100.0)))
    country = None
    if job.country_id:
        if job.country_id in candidate.preferred_country_ids:
            country = 1.0
        elif candidate.preferred_country_ids:
            country = 0.0
        else:
            country = w.no_preference_credit
    skills = coverage / total_weight if job.requirements else None
    parts = [
        (w.skills, skills),
        (w.occupation, occupation),
        (w.languages, language),
        (w.country, country),
    ]
    denominator = sum(weight for weight, value in parts if value is not None)
    numerator = sum(weight * value for weight, value in parts if value is not None)
    score = 100.0 * numerator / denominator if denominator > 0 else 0.0
    certificates = bonus / total_weight if job.requirements else 0.0
    score = min(max(score + w.certificate_bonus * certificates, 0.0), 100.0)
    return Explanation(
        score=round(score, 2),
        components={
            "skills": skills,
            "occupation": occupation,
            "languages": language,
            "country": country,
            "certificates": certificates,
        },
        matched=tuple(matched),
        missing_skill_ids=tuple(missing),
        excluded=tuple(excluded),
    )


# --------------------------------------------------------------------------------------------
# All in one, from dataclasses
# --------------------------------------------------------------------------------------------
def similarity_for(
    jobs: JobTable, candidates: CandidateTable, skills: Sequence[Skill], threshold: float
) -> SkillSimilarity:
    """The skill similarity a scoring run of these vacancies and migrants needs."""
    by_id = {skill.id: skill for skill in skills}
    queries = {int(i): by_id[i].terms() if i in by_id else [] for i in jobs.skill_ids().tolist()}
    vocabulary = {
        int(i): by_id[i].terms() if i in by_id else [] for i in candidates.skill_ids().tolist()
    }
    return skill_similarity(queries, vocabulary, threshold)


def match(
    jobs: Sequence[Job],
    candidates: Sequence[Candidate],
    skills: Sequence[Skill],
    weights: Weights | None = None,
    limit: int = 10,
    per: str = "job",
    min_score: float = 0.0,
) -> list[Match]:
    """Rank and explain: the ``limit`` best migrants per vacancy (``per="job"``) or the
    ``limit`` best vacancies per migrant (``per="candidate"``).

    :param skills: the vocabulary (every skill the jobs and migrants refer to, with aliases).
    :return: the matches, grouped by vacancy (or migrant) in id order, best first in a group.
    """
    weights = weights or Weights()
    if per not in ("job", "candidate"):
        raise ValueError("per must be 'job' or 'candidate'")
    job_table = JobTable.from_jobs(jobs)
    candidate_table = CandidateTable.from_candidates(candidates)
    similarity = similarity_for(job_table, candidate_table, skills, weights.threshold)
    matches = []
    if per == "job":
        ranked = rank_candidates(job_table, candidate_table, similarity, weights, limit, min_score)
        pairs = [(c, j, s) for j, rows in sorted(ranked.items()) for c, s in rows]
    else:
        ranked = rank_jobs(candidate_table, job_table, similarity, weights, limit, min_score)
        pairs = [(c, j, s) for c, rows in sorted(ranked.items()) for j, s in rows]
    for candidate_id, job_id, score in pairs:
        explanation = explain(
            job_table.get(job_id), candidate_table.get(candidate_id), similarity, weights
        )
        matches.append(Match(candidate_id, job_id, score, explanation))
    return matches
