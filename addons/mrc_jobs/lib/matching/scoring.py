"""Vectorised scoring: the scores of a block of vacancies against every migrant at once.

:func:`_score_block` gives centipoints (-1 for an excluded pair) that agree with
:func:`~.explanation.explain`, the plain Python reference.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field

import numpy as np

from .data import Weights
from .hits import _hits, _requirement_hits, _Scratch
from .job_table import JobTable
from .similarity import SkillSimilarity, _cdist
from .tables import CandidateTable

# bytes of occupation rows ((ISCO code, title) pairs, 4 bytes per migrant) a scoring run keeps
OCCUPATION_CACHE_BYTES = 48 * 2**20
# from this many migrants, skills and occupation are added vacancy by vacancy (a row of sums at
# a time, hits kept per requirement); below, for the whole block at once (few migrants and
# many vacancies: "Find jobs", a migrant's re-ranking), where a Python step per vacancy costs
# more than the cells
ROW_WISE_MIN = 2048


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
    # migrant (the most recent of the run, OCCUPATION_CACHE_BYTES at most)
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


def _skill_block(ctx: _Context, lo, hi, factor, total_weight, has_req):
    """:func:`_skill_rows` for the whole block at once (sums per cell over every hit of the
    block's requirements): the same points, for blocks of many vacancies and few migrants."""
    jobs, cands, w = ctx.jobs, ctx.candidates, ctx.weights
    b, n = hi - lo, len(cands)
    cells = b * n
    excluded = None
    r0, r1 = jobs.req_ptr[lo], jobs.req_ptr[hi]
    req_job = jobs.req_job[r0:r1] - lo
    req_skill = jobs.req_skill[r0:r1]
    req_weight = jobs.req_weight[r0:r1]
    req_mand = jobs.req_mandatory[r0:r1]
    row, cand, credit, level_ok = _requirement_hits(
        req_skill, jobs.req_min[r0:r1], ctx.similarity, cands.skills, w.under_level_credit, n,
        ctx.scratch,
    )  # fmt: skip
    flat = req_job[row] * n + cand
    share = w.skills * factor / np.where(has_req, total_weight, 1.0)
    points = np.bincount(
        flat, weights=credit * req_weight[row] * share[req_job[row]], minlength=cells
    ).astype(np.float32)
    n_mand = np.bincount(req_job[req_mand], minlength=b)
    if n_mand.any():
        hit = req_mand[row] & level_ok
        got = np.bincount(flat[hit], minlength=cells).reshape(b, n)
        excluded = got < n_mand[:, None]
    if w.certificate_bonus and len(cands.certificates.keys) and len(req_skill):
        c_row, c_cand, _credit, _ok = _requirement_hits(
            req_skill, np.zeros(len(req_skill)), ctx.similarity, cands.certificates, 0.0, n,
            ctx.scratch,
        )  # fmt: skip
        bonus = w.certificate_bonus / np.where(has_req, total_weight, 1.0)
        points += np.bincount(
            req_job[c_row] * n + c_cand,
            weights=req_weight[c_row] * bonus[req_job[c_row]],
            minlength=cells,
        ).astype(np.float32)
    return points.reshape(b, n), excluded


def _occupation_block(ctx: _Context, lo, hi, factor):
    """The occupation points (float32) of vacancies ``lo:hi`` x migrants at once: the same as
    the rows of :func:`_occupation_row` scaled, for blocks of many vacancies and few
    migrants."""
    jobs, cands, w = ctx.jobs, ctx.candidates, ctx.weights
    b, n = hi - lo, len(cands)
    lengths = jobs.occupation_length[lo:hi]
    title_rows = jobs.title_index[lo:hi]
    occupation = np.zeros(b * n, dtype=np.float32)
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
        sims = ctx.title_sim[title_rows[titled]][:, ctx.desired_index]
        occupation[titled] = np.maximum(occupation[titled], sims)
    occupation *= (w.occupation * factor).astype(np.float32)[:, None]
    return occupation


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
    if len(cache) > max(8, OCCUPATION_CACHE_BYTES // max(found.nbytes, 1)):
        cache.popitem(last=False)
    return found


def _add_languages(points, coefficients, matrix):
    """``points += coefficients @ matrix`` (vacancies x languages, languages x migrants, float32),
    without BLAS: OpenBLAS runs such a product on every core and its threads spin while they
    wait, which doubled the CPU time of a rematch for no gain in wall time on a shared machine.

    Each vacancy's row adds its languages in column order, each product rounded once into the
    running sum, as the fused multiply-adds of a BLAS kernel do (a sum of float32 values and an
    exact float64 product, rounded to float32): the same points as the product gave."""
    for row in np.flatnonzero(coefficients.any(axis=1)).tolist():
        columns = np.flatnonzero(coefficients[row]).tolist()
        total = coefficients[row, columns[0]] * matrix[columns[0]]
        for column in columns[1:]:
            product = np.float64(coefficients[row, column]) * matrix[column].astype(np.float64)
            total = (total.astype(np.float64) + product).astype(np.float32)
        points[row] += total


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
    row_wise = n >= ROW_WISE_MIN
    if row_wise:
        points, excluded = _skill_rows(ctx, lo, hi, factor, total_weight, has_req)
    else:
        points, excluded = _skill_block(ctx, lo, hi, factor, total_weight, has_req)
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
        coefficients = wanted * scale.astype(np.float32)[:, None]
        if row_wise:
            _add_languages(points, coefficients, ctx.language_matrix)
        else:  # few migrants: one small product (single-threaded), not a step per vacancy
            points += coefficients @ ctx.language_matrix
        # a pair is excluded when the migrant lacks one of the vacancy's languages
        if excluded is None:
            excluded = np.zeros((b, n), dtype=bool)
        if row_wise:
            for offset, column in sorted(set(zip(lang_job.tolist(), columns))):
                np.logical_or(excluded[offset], ctx.language_lacking[column], out=excluded[offset])
        else:  # few migrants: how many of its languages each lacks, in one small product
            lacking = wanted @ ctx.language_lacking.astype(np.float32)
            np.logical_or(excluded, lacking > 0, out=excluded)
    # occupation: ISCO prefix closeness or fuzzy title
    if has_occ.any() and w.occupation and not row_wise:
        points += _occupation_block(ctx, lo, hi, factor)
    elif has_occ.any() and w.occupation:
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
