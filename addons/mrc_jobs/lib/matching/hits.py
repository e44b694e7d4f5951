"""The migrants meeting a vacancy's requirements (hits), the sparse first step of the
vectorised scoring (:mod:`.scoring`): through the skill similarity, each requirement's similar
skills are looked up in the migrants' postings, credited by level, and merged per migrant."""

from __future__ import annotations

import numpy as np

from ._arrays import _expand

# bytes of requirements' hits a scoring run keeps (vacancies share their required skills)
HIT_CACHE_BYTES = 96 * 2**20


def _requirement_hits(
    skills, min_levels, similarity, postings, under_level_credit, n, scratch=None
):
    """Best credit of every (requirement row, migrant) with at least one similar skill.

    :param n: the number of migrants (positions are below it).
    :param scratch: a :class:`_Scratch` reused between calls (None: a new one).
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
    kept, best, ok_any = _merge_pairs(m_row, m_cand, m_credit, m_ok, n, scratch or _Scratch())
    if kept is not None:
        m_row, m_cand, m_credit, m_ok = m_row[kept], m_cand[kept], best, ok_any
    # the pairs met once first, then the others, each group in requirement order: a
    # vacancy's sums per migrant add up in the same order whatever the merge found
    return (
        np.concatenate((row[single], m_row)),
        np.concatenate((cand[single], m_cand)),
        np.concatenate((credit[single], m_credit)),
        np.concatenate((level_ok[single], m_ok)),
    )


class _Scratch:
    """A work array kept between the blocks of a scoring run (allocated once, grown)."""

    def __init__(self):
        self.array = np.empty(0, dtype=np.int32)

    def get(self, size):
        if len(self.array) < size:
            self.array = np.empty(size, dtype=np.int32)
        return self.array


def _merge_pairs(m_row, m_cand, m_credit, m_ok, n, scratch):
    """Merge the rows of a (requirement row, migrant) pair listed more than once.

    Without sorting every row: each row writes its position into a scratch slot per pair
    (requirement row x migrant); a row reading back another position shares its pair with
    another row (rare: a migrant holding two skills similar to one requirement).

    :return: ``(kept, credit, ok)``: the positions kept (the first row of each pair, in their
        order), the best credit of each kept row's pair and whether any of its rows reaches
        the level; ``(None, None, None)`` when every pair is listed once.
    """
    rows_used, compact = np.unique(m_row, return_inverse=True)
    key = compact.astype(np.int64) * n + m_cand
    position = np.arange(len(key), dtype=np.int32)
    slots = scratch.get(len(rows_used) * n)
    slots[key] = position
    twice = slots[key] != position
    if not twice.any():
        return None, None, None
    slots[key[twice]] = -1
    shared = np.flatnonzero(slots[key] == -1)  # every row of a pair listed more than once
    order = shared[np.argsort(key[shared], kind="stable")]
    s_key = key[order]
    starts = np.flatnonzero(np.concatenate(([True], s_key[1:] != s_key[:-1])))
    first = order[starts]  # stable: the first row of each such pair
    credit = m_credit.copy()
    ok = m_ok.copy()
    credit[first] = np.maximum.reduceat(m_credit[order], starts)
    ok[first] = np.maximum.reduceat(m_ok[order].astype(np.int8), starts).astype(bool)
    keep = np.ones(len(key), dtype=bool)
    keep[shared] = False
    keep[first] = True
    kept = np.flatnonzero(keep)
    return kept, credit[kept], ok[kept]


def _hits(ctx, skill: int, min_level: float, certificates: bool = False):
    """The migrants meeting one requirement (``skill`` at ``min_level``): their positions,
    in order, with their best credit and whether one of their similar skills reaches the
    level (as :func:`_requirement_hits` gives them, for one requirement row); with
    ``certificates``, those holding a certificate of a similar skill (credit and level then
    mean nothing). Kept for the run: the vacancies of a rematch share their skills."""
    key = (certificates, int(skill), float(min_level))
    cache = ctx.hits
    found = cache.get(key)
    if found is not None:
        cache.move_to_end(key)
        return found
    postings = ctx.candidates.certificates if certificates else ctx.candidates.skills
    credit_under = 0.0 if certificates else ctx.weights.under_level_credit
    _row, cand, credit, level_ok = _requirement_hits(
        [skill], [min_level], ctx.similarity, postings, credit_under, len(ctx.candidates),
        ctx.scratch,
    )  # fmt: skip
    found = (cand, credit, level_ok)
    cache[key] = found
    ctx.hits_bytes += cand.nbytes + credit.nbytes + level_ok.nbytes
    while ctx.hits_bytes > HIT_CACHE_BYTES and len(cache) > 1:
        _key, (c, r, o) = cache.popitem(last=False)
        ctx.hits_bytes -= c.nbytes + r.nbytes + o.nbytes
    return found
