"""Explanation of one pair, in plain Python: the reference the vectorised scores agree with."""

from __future__ import annotations

import numpy as np

from odoo.addons.mrc_skills.lib.normalize import normalize

from .data import Candidate, Exclusion, Explanation, Job, SkillPair, Weights
from .similarity import SCORER, SkillSimilarity


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
            if best is None or (credit, -skill.skill_id) > (
                best.credit,
                -best.skill_id,
            ):
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
