"""Vectorised scoring: the scores of a block of vacancies against every migrant at once.

:func:`_score_block` gives centipoints (-1 for an excluded pair) that agree with
:func:`~.explanation.explain`, the plain Python reference.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ._arrays import _expand
from .data import Weights
from .job_table import JobTable
from .similarity import SkillSimilarity, _cdist
from .tables import CandidateTable


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
    m_row, m_cand, m_credit, m_ok = (
        row[multi],
        cand[multi],
        credit[multi],
        level_ok[multi],
    )
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
        req_skill,
        jobs.req_min[r0:r1],
        ctx.similarity,
        cands.skills,
        w.under_level_credit,
        n,
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
            req_skill,
            np.zeros(len(req_skill)),
            ctx.similarity,
            cands.certificates,
            0.0,
            n,
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
            jobs.cert_skill[k0:k1],
            np.zeros(k1 - k0),
            ctx.similarity,
            cands.certificates,
            0.0,
            n,
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
