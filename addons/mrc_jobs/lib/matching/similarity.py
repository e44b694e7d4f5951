"""Skill similarity over whole vocabularies at once (``rapidfuzz.process.cdist``).

:func:`skill_similarity` compares every name and alias of a set of skills with those of
another and keeps, per pair of skills, the best similarity at or above the threshold, in the
sparse :class:`SkillSimilarity`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from rapidfuzz import fuzz, process

from ._arrays import _expand
from .data import Weights

SCORER = fuzz.token_sort_ratio
# Below this many comparisons rapidfuzz runs on one thread: starting workers costs more.
PARALLEL_MIN_CELLS = 200_000


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
                    zip(
                        self.skill_ids[start:stop].tolist(),
                        self.values[start:stop].tolist(),
                    )
                )
            self._cache[skill_id] = found
        return found

    def count(self, skill_id: int) -> int:
        """The number of skills similar to ``skill_id`` (0 when it is not a query)."""
        pos = int(np.searchsorted(self.query_ids, skill_id))
        if pos >= len(self.query_ids) or self.query_ids[pos] != skill_id:
            return 0
        return int(self.ptr[pos + 1] - self.ptr[pos])

    def get(self, query_id: int, skill_id: int) -> float:
        """The similarity of two skills, 0 when unrelated."""
        return self.similar(query_id).get(skill_id, 0.0)


def _term_table(
    skills: Mapping[int, Sequence[str]],
) -> tuple[list[str], np.ndarray, np.ndarray]:
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
