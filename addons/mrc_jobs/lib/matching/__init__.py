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

Layout (everything above is importable from this package, callers need not know it):

* :mod:`.data`: the dataclasses;
* :mod:`.similarity`: :class:`SkillSimilarity` and :func:`skill_similarity`;
* :mod:`.tables` and :mod:`.job_table`: :class:`CandidateTable` and :class:`JobTable`;
* :mod:`.hits` and :mod:`.scoring`: the vectorised scores of a block of vacancies x migrants;
* :mod:`.explanation`: :func:`explain`, the plain Python reference of one pair;
* :mod:`.store`: tables kept as arrays in one file, written atomically and memory-mapped
  (``CandidateTable.to_arrays`` / ``from_arrays``, the same for ``JobTable``);
* this ``__init__``: the rankings and :func:`match`, which read :data:`BLOCK_CELLS` here (so
  that setting ``matching.BLOCK_CELLS`` changes the block size).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

from .data import (
    Candidate,
    CandidateSkill,
    Exclusion,
    Explanation,
    Job,
    Match,
    Requirement,
    Skill,
    SkillPair,
    Weights,
)
from . import store
from .explanation import explain
from .scoring import _context, _score_block
from .similarity import PARALLEL_MIN_CELLS, SCORER, SkillSimilarity, skill_similarity
from .job_table import JobTable
from .tables import CandidateTable

__all__ = [
    "BLOCK_CELLS",
    "PARALLEL_MIN_CELLS",
    "SCORER",
    "Candidate",
    "CandidateSkill",
    "CandidateTable",
    "Exclusion",
    "Explanation",
    "Job",
    "JobTable",
    "Match",
    "Requirement",
    "Skill",
    "SkillPair",
    "SkillSimilarity",
    "Weights",
    "explain",
    "match",
    "rank_candidates",
    "rank_jobs",
    "similarity_for",
    "skill_similarity",
    "store",
]

# Cells (vacancies x migrants) scored at once; bounds the memory of a block (about 20 arrays
# of this many float64 values: 2M cells ~ 320 MB at worst, usually far less).
BLOCK_CELLS = 2_000_000
_TIE_BITS = 32


# --------------------------------------------------------------------------------------------
# Rankings
# --------------------------------------------------------------------------------------------
def _top(keys: np.ndarray, limit: int) -> np.ndarray:
    """Column positions of the ``limit`` largest keys of each row, best first."""
    if keys.shape[1] > limit:
        part = np.argpartition(-keys, limit - 1, axis=1)[:, :limit]
    else:
        part = np.broadcast_to(np.arange(keys.shape[1]), keys.shape).copy()
    chosen = np.take_along_axis(keys, part, axis=1)
    order = np.argsort(-chosen, axis=1, kind="stable")
    return np.take_along_axis(part, order, axis=1)


def _best_of_rows(centi: np.ndarray, limit: int, floor: int):
    """The ``limit`` best columns of each row scoring at least ``floor`` (>= 0), best first,
    ties to the lowest column: ``(rows, columns, scores)``, grouped by row.

    Per row, the scores reaching ``floor`` are partitioned to find the ``limit``-th best,
    every column reaching it is kept, and only those are sorted."""
    found_rows, found_columns = [], []
    for row in range(centi.shape[0]):
        line = centi[row]
        threshold = floor
        reached = line[line >= floor]
        if len(reached) > limit:
            threshold = int(np.partition(reached, len(reached) - limit)[len(reached) - limit])
        columns = np.flatnonzero(line >= threshold)
        found_columns.append(columns)
        found_rows.append(np.full(len(columns), row, dtype=np.int64))
    rows = np.concatenate(found_rows) if found_rows else np.zeros(0, dtype=np.int64)
    columns = np.concatenate(found_columns) if found_columns else np.zeros(0, dtype=np.int64)
    scores = centi[rows, columns]
    order = np.lexsort((columns, -scores.astype(np.int64), rows))
    rows, columns, scores = rows[order], columns[order], scores[order]
    starts = np.searchsorted(rows, np.arange(centi.shape[0]))
    keep = np.arange(len(rows)) - starts[rows] < limit
    return rows[keep], columns[keep], scores[keep]


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
    floor = max(int(round(min_score * 100)), 0)
    skipped = np.isin(candidates.ids, np.fromiter(skip_ids, dtype=np.int64))
    if not skipped.any():
        skipped = None
    for lo in range(0, len(jobs), step):
        hi = min(lo + step, len(jobs))
        centi = _score_block(ctx, lo, hi)
        if skipped is not None:
            centi[:, skipped] = -1
        rows, columns, scores = _best_of_rows(centi, limit, floor)
        bounds = np.searchsorted(rows, np.arange(hi - lo + 1)).tolist()
        found_ids = candidates.ids[columns].tolist()
        found_scores = (scores / 100.0).tolist()
        for offset in range(hi - lo):
            start, stop = bounds[offset], bounds[offset + 1]
            result[int(jobs.ids[lo + offset])] = list(
                zip(found_ids[start:stop], found_scores[start:stop])
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
        block = _score_block(ctx, lo, hi).astype(np.int64)
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
# All in one, from dataclasses
# --------------------------------------------------------------------------------------------
def similarity_for(
    jobs: JobTable,
    candidates: CandidateTable,
    skills: Sequence[Skill],
    threshold: float,
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
            job_table.get(job_id),
            candidate_table.get(candidate_id),
            similarity,
            weights,
        )
        matches.append(Match(candidate_id, job_id, score, explanation))
    return matches
