"""Vectorised scoring: the scores of a block of vacancies against every migrant at once.

:func:`_score_block` gives centipoints (-1 for an excluded pair) that agree with
:func:`~.explanation.explain`, the plain Python reference.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field

import numpy as np

from ._arrays import _expand
from .data import Weights
from .job_table import JobTable
from .similarity import SkillSimilarity, _cdist
from .tables import CandidateTable

# (ISCO code, title) pairs whose occupation rows a scoring run keeps (4 bytes per migrant)
OCCUPATION_CACHE = 128
# bytes of requirements' hits a scoring run keeps (vacancies share their required skills)
HIT_CACHE_BYTES = 96 * 2**20


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
    language_lacking: np.ndarray | None = None  # languages x migrants, True where not spoken
    desired_index: np.ndarray | None = None  # each migrant's desired term (-1: none), intp
    # per (ISCO code, title term) of a vacancy, its occupation component (0-1) for every
    # migrant (the most recent OCCUPATION_CACHE of the run)
    occupation_rows: OrderedDict = field(default_factory=OrderedDict)
    scratch: object = None  # the work array of _requirement_hits, kept between blocks
    # per (skill, minimum level) of a requirement, the migrants meeting it: (positions,
    # credit, level reached), and per skill those holding a certificate of a similar skill
    # (the most recent ones of the run, HIT_CACHE_BYTES at most)
    hits: OrderedDict = field(default_factory=OrderedDict)
    hits_bytes: int = 0


def _context(jobs, candidates, similarity, weights) -> _Context:
    titles, desired = jobs.title_terms, candidates.desired_terms
    title_sim = np.zeros((len(titles), len(desired) + 1), dtype=np.float32)
    if titles and desired:
        title_sim[:, :-1] = _cdist(titles, desired, weights.threshold) / 100.0
    codes = sorted(set(jobs.lang_codes))
    index = {code: i for i, code in enumerate(codes)}
    matrix = np.zeros((len(codes), len(candidates)), dtype=np.float32)
    pos, cand_codes, prof = candidates.language_rows
    if codes and len(pos):
        # the migrants' rows in a language the vacancies ask for, at most 1 per language
        distinct = np.unique(cand_codes)
        known = np.asarray([index.get(code, -1) for code in distinct.tolist()], dtype=np.int64)
        column = known[np.searchsorted(distinct, cand_codes)]
        wanted = column >= 0
        values = np.clip(np.asarray(prof, dtype=np.float32)[wanted], 0.0, 1.0)
        np.maximum.at(matrix, (column[wanted], np.asarray(pos)[wanted]), values)
    no_preference = np.where(candidates.has_preference, 0.0, weights.no_preference_credit)
    return _Context(
        jobs, candidates, similarity, weights, title_sim, index, matrix,
        no_preference.astype(np.float32), matrix <= 0,
        np.asarray(candidates.desired_index, dtype=np.intp),
    )  # fmt: skip


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


def _hits(ctx: _Context, skill: int, min_level: float, certificates: bool = False):
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
    row, cand, credit, level_ok = _requirement_hits(
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


def _skill_rows(ctx: _Context, lo, hi, factor, total_weight, has_req):
    """The skills' points (float32, vacancies ``lo:hi`` x migrants), the certificate bonus
    included, and the pairs a mandatory skill excludes (None when no vacancy has one).

    Row by row: each requirement adds its migrants' credit into the vacancy's row (float64,
    the requirements whose skill has one similar skill first, then the others, each in the
    vacancy's order: the order the block-wide sums of earlier versions used), so a block
    never holds more than one row of sums at a time."""
    jobs, w = ctx.jobs, ctx.weights
    b, n = hi - lo, len(ctx.candidates)
    points = np.empty((b, n), dtype=np.float32)
    excluded = None
    sums = np.zeros(n, dtype=np.float64)
    met = np.zeros(n, dtype=np.int32)
    similarity = ctx.similarity
    share = w.skills * factor / np.where(has_req, total_weight, 1.0)
    bonus = w.certificate_bonus / np.where(has_req, total_weight, 1.0)
    with_bonus = bool(w.certificate_bonus) and len(ctx.candidates.certificates.keys) > 0
    for offset in range(b):
        r0, r1 = int(jobs.req_ptr[lo + offset]), int(jobs.req_ptr[lo + offset + 1])
        if r0 == r1:
            points[offset] = 0.0
            continue
        requirements = list(range(r0, r1))
        multi = [similarity.count(int(jobs.req_skill[r])) > 1 for r in requirements]
        ordered = [r for r, m in zip(requirements, multi) if not m] + [
            r for r, m in zip(requirements, multi) if m
        ]
        sums[:] = 0.0
        mandatory = 0
        for r in ordered:
            weight = jobs.req_weight[r]
            cand, credit, level_ok = _hits(ctx, jobs.req_skill[r], jobs.req_min[r])
            sums[cand] += credit * weight * share[offset]
            if jobs.req_mandatory[r]:
                if not mandatory:
                    met[:] = 0
                mandatory += 1
                met[cand[level_ok]] += 1
        points[offset] = sums
        if mandatory:
            if excluded is None:
                excluded = np.zeros((b, n), dtype=bool)
            np.less(met, mandatory, out=excluded[offset])
        if with_bonus:
            found = [(_hits(ctx, jobs.req_skill[r], 0.0, True)[0], r) for r in ordered]
            found = [(cand, r) for cand, r in found if len(cand)]
            if found:
                cand = np.concatenate([cand for cand, _r in found])
                value = np.concatenate(
                    [np.full(len(c), jobs.req_weight[r] * bonus[offset]) for c, r in found]
                )
                pairs, inverse = np.unique(cand, return_inverse=True)
                points[offset, pairs] += np.bincount(inverse, weights=value).astype(np.float32)
    return points, excluded


def _occupation_row(ctx: _Context, job_row: int, title: int) -> np.ndarray | None:
    """The occupation component (0-1, float32) of vacancy ``job_row`` for every migrant: the
    ISCO closeness of its code to the migrant's desired occupations (the share of the code
    the longest common prefix covers) or the fuzzy similarity of its title (term ``title``)
    with the migrant's desired job, whichever is higher; None when it has neither. Kept per
    (code, title) for the run: the vacancies of a rematch share them."""
    jobs, cands = ctx.jobs, ctx.candidates
    length = int(jobs.occupation_length[job_row])
    keys = jobs.occupation_keys[:, job_row]
    code = int(keys[length - 1]) if length > 0 else -1
    if not len(cands.desired_terms):
        title = -1
    if code < 0 and title < 0:
        return None
    cache = ctx.occupation_rows
    found = cache.get((code, title))
    if found is not None:
        cache.move_to_end((code, title))
        return found
    found = np.zeros(len(cands), dtype=np.float32)
    # longer prefixes come later and are closer: each overwrites the shorter ones
    for prefix in range(1, length + 1):
        _owner, post = cands.occupations.lookup(keys[prefix - 1 : prefix])
        found[cands.occupations.rows[post]] = prefix / length
    if title >= 0:
        np.maximum(found, np.take(ctx.title_sim[title], ctx.desired_index), out=found)
    cache[(code, title)] = found
    if len(cache) > OCCUPATION_CACHE:
        cache.popitem(last=False)
    return found


def _score_block(ctx: _Context, lo: int, hi: int) -> np.ndarray:
    """Scores in centipoints (int32; -1 = excluded) of vacancies ``lo:hi`` x all migrants.

    Works in float32 points: each component is added already scaled by its weight and by
    ``100 / (sum of the weights the vacancy uses)``, in the same order for every pair
    (skills, certificate bonus, languages, occupation, country), whole rows at a time.
    """
    jobs, cands, w = ctx.jobs, ctx.candidates, ctx.weights
    if ctx.scratch is None:
        ctx.scratch = _Scratch()
    b, n = hi - lo, len(cands)
    cells = b * n
    # which components each vacancy uses, and the factor turning them into points
    r0, r1 = jobs.req_ptr[lo], jobs.req_ptr[hi]
    req_job = jobs.req_job[r0:r1] - lo
    req_weight = jobs.req_weight[r0:r1]
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
    # skills: level-aware weighted coverage, mandatory skills, certificate bonus
    points, excluded = _skill_rows(ctx, lo, hi, factor, total_weight, has_req)
    # required certifications (hard)
    k0, k1 = np.searchsorted(jobs.cert_job, [lo, hi])
    if k1 > k0:
        cert_job = jobs.cert_job[k0:k1] - lo
        c_row, c_cand, _credit, _ok = _requirement_hits(
            jobs.cert_skill[k0:k1],
            np.zeros(k1 - k0),
            ctx.similarity,
            cands.certificates,
            0.0,
            n,
            ctx.scratch,
        )
        need = np.bincount(cert_job, minlength=b)
        got = np.bincount(cert_job[c_row] * n + c_cand, minlength=cells).reshape(b, n)
        missing = got < need[:, None]
        excluded = missing if excluded is None else np.logical_or(excluded, missing, out=excluded)
    # languages (hard) and their mean proficiency, as products with a job x language matrix
    if l1 > l0:
        columns = [ctx.language_index[c] for c in jobs.lang_codes[l0:l1]]
        wanted = np.zeros((b, len(ctx.language_index)), dtype=np.float32)
        np.add.at(wanted, (lang_job, columns), 1.0)
        counts = wanted.sum(axis=1)
        scale = np.divide(w.languages * factor, counts, out=np.zeros(b), where=counts > 0)
        points += (wanted * scale.astype(np.float32)[:, None]) @ ctx.language_matrix
        # a pair is excluded when the migrant lacks one of the vacancy's languages
        if excluded is None:
            excluded = np.zeros((b, n), dtype=bool)
        for offset, column in sorted(set(zip(lang_job.tolist(), columns))):
            np.logical_or(excluded[offset], ctx.language_lacking[column], out=excluded[offset])
    # occupation: ISCO prefix closeness or fuzzy title, a row per vacancy
    if has_occ.any() and w.occupation:
        scales = (w.occupation * factor).astype(np.float32)
        line = np.empty(n, dtype=np.float32)
        for offset in np.flatnonzero(has_occ).tolist():
            closeness = _occupation_row(ctx, lo + offset, int(title_rows[offset]))
            if closeness is None:
                continue
            np.multiply(closeness, scales[offset], out=line)
            points[offset] += line
    # preferred countries
    if has_country.any() and w.country:
        rows_with = np.flatnonzero(has_country)
        scale = (w.country * factor[rows_with]).astype(np.float32)
        if len(rows_with) == b:
            points += scale[:, None] * ctx.no_preference[None, :]
        else:
            points[rows_with] += scale[:, None] * ctx.no_preference[None, :]
        owner, post = cands.countries.lookup(job_country[rows_with])
        if len(owner):
            # migrants preferring the country have no "no preference" credit: add it whole
            points[rows_with[owner], cands.countries.rows[post]] += scale[owner]
    np.minimum(points, 100.0, out=points)
    points *= np.float32(100.0)
    np.rint(points, out=points)
    centi = points.astype(np.int32)
    if excluded is not None:
        np.copyto(centi, -1, where=excluded)
    return centi
