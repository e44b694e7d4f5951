"""The plain data matching takes and gives: frozen dataclasses, no numpy.

Migrants (:class:`Candidate` with :class:`CandidateSkill`), vacancies (:class:`Job` with
:class:`Requirement`), the vocabulary (:class:`Skill`), the settings (:class:`Weights`) and the
results (:class:`Match`, :class:`Explanation` with :class:`SkillPair` and :class:`Exclusion`).
"""

from __future__ import annotations

from dataclasses import dataclass

from odoo.addons.mrc_skills.lib.normalize import normalize


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
        for name in (
            "skills",
            "occupation",
            "languages",
            "country",
            "certificate_bonus",
        ):
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
