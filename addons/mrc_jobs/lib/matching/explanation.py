"""Explanation of one pair, in plain Python: the reference the vectorised scores agree with.

:func:`explain` gives an :class:`~.data.Explanation`; its :meth:`~.data.Explanation.to_dict` is
what ``mrc.match.explanation`` stores. It holds data only (ids, codes and numbers: no names, no
words, no percentages as text), so it is turned into words when read, in the reader's language.
Every value called 0-1 is a float between 0 and 1, rounded to four decimals::

    {
      "score": 72.5,                  # 0-100, as ranked
      "components": {                 # 0-1 each, null when the vacancy does not use it
        "skills": 0.8, "occupation": 0.75, "languages": 1.0, "country": 0.5,
        "certificates": 0.0,          # the bonus: weighted share of certified requirements
      },
      "matched": [                    # one per required skill met, in the vacancy's order
        {"required_skill_id": 7, "skill_id": 9, "similarity": 0.92, "level": 0.5,
         "min_level": 0.75, "level_ok": false, "credit": 0.31},
      ],
      "missing_skill_ids": [12],      # required skills with no similar skill of the migrant
      "certified_skill_ids": [7],     # required skills with a verified certificate
      "languages": [{"language_id": 3, "value": 1.0}],  # each language the vacancy asks for
      "occupation": {"code": "9211", "matched_code": "9212", "title": 0.0, "value": 0.75},
      "country": {"country_id": 233, "value": 0.5},
      "excluded": [                   # hard filters failed (empty when the pair ranks)
        {"code": "mandatory_skill", "skill_id": 12},
        {"code": "mandatory_level", "skill_id": 7},
        {"code": "language", "language_id": 3},
        {"code": "certification", "skill_id": 7},
      ],
    }

Skill ids and country ids are those the caller gave; ``language_id`` is the language key the
caller gave (``mrc.match.index`` gives ``mrc.language`` ids; the pure tests use ISO codes);
occupation codes are ISCO-08 codes (``code`` the vacancy's, ``matched_code`` the migrant's
desired occupation sharing the longest prefix with it, "" when none; ``title`` the similarity
of the vacancy's title and the migrant's desired job, null when either is empty).
``occupation`` and ``country`` are null when their component is.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from odoo.addons.mrc_skills.lib.normalize import normalize

from .data import Candidate, Exclusion, Explanation, Job, SkillPair, Weights
from .similarity import SCORER, SkillSimilarity

# a rematch explains every pair of a vacancy with the same title, and many migrants share a
# desired job: each distinct text is normalised once
_normalize = lru_cache(maxsize=65536)(normalize)


def explain(
    job: Job,
    candidate: Candidate,
    similarity: SkillSimilarity,
    weights: Weights | None = None,
) -> Explanation:
    """Score one pair and say why: matched skill pairs with their similarity and levels,
    missing skills, exclusions and each component's value (0-1, None when unused)."""
    w = weights or Weights()
    matched, missing, excluded, certified = [], [], [], []
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
            certified.append(req.skill_id)
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
    proficiency: dict[int | str, float] = {}
    for key, value in candidate.languages:
        proficiency[key] = max(proficiency.get(key, 0.0), max(0.0, min(1.0, value)))
    language = None
    languages = tuple((key, proficiency.get(key, 0.0)) for key in job.language_codes)
    if languages:
        language = sum(value for _key, value in languages) / len(languages)
        excluded += [Exclusion("language", key) for key, value in languages if not value]
    occupation = title_similarity = None
    matched_code = ""
    code = job.occupation_code if str(job.occupation_code or "").isdigit() else ""
    title = _normalize(job.title or "")
    if code or title:
        occupation, longest = 0.0, 0
        for own in candidate.occupation_codes:
            own = str(own or "")[:4]
            length = 0
            while length < min(len(code), len(own)) and code[length] == own[length]:
                length += 1
            if length > longest:
                longest, matched_code = length, own
        if code:
            occupation = longest / len(code)
        desired = _normalize(candidate.desired_job or "")
        if title and desired:
            sim = SCORER(title, desired, score_cutoff=w.threshold)
            title_similarity = float(np.float32(sim) / np.float32(100.0))
            occupation = max(occupation, title_similarity)
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
        languages=languages,
        occupation_code=code,
        matched_occupation_code=matched_code,
        title_similarity=title_similarity,
        country_id=job.country_id or None,
        certified_skill_ids=tuple(certified),
    )
