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

    ``languages`` are ``(language key, proficiency 0-1)`` pairs (a key is any int or str the
    caller uses for a language, the same in :attr:`Job.language_codes`: ``mrc.match.index``
    gives ``mrc.language`` ids, the pure tests ISO codes), ``occupation_codes`` ISCO-08 codes
    of desired occupations, ``verified_skill_ids`` the skills of verified certificates.
    """

    id: int
    skills: tuple[CandidateSkill, ...] = ()
    languages: tuple[tuple[int | str, float], ...] = ()
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
    """What matching knows of a vacancy (``language_codes``: language keys, as in
    :attr:`Candidate.languages`)."""

    id: int
    title: str = ""
    requirements: tuple[Requirement, ...] = ()
    language_codes: tuple[int | str, ...] = ()
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
    ``language``, ``certification``; ``ref`` the skill id, or the language key, concerned."""

    code: str
    ref: int | str


@dataclass(frozen=True)
class Explanation:
    """The score of a pair and how it came about, as data (ids, codes and numbers, no words).

    ``components`` are 0-1 or None when unused. ``languages`` pairs each language the vacancy
    asks for with the migrant's proficiency (0-1); ``occupation_code`` is the vacancy's ISCO
    code, ``matched_occupation_code`` the migrant's desired occupation sharing the longest
    prefix with it ("" when none), ``title_similarity`` the fuzzy similarity (0-1) of the
    vacancy's title and the migrant's desired job (None when one of them is empty);
    ``country_id`` is the vacancy's country; ``certified_skill_ids`` the required skills the
    migrant holds a verified certificate for (the bonus).
    """

    score: float
    components: dict[str, float | None]
    matched: tuple[SkillPair, ...] = ()
    missing_skill_ids: tuple[int, ...] = ()
    excluded: tuple[Exclusion, ...] = ()
    languages: tuple[tuple[int | str, float], ...] = ()
    occupation_code: str = ""
    matched_occupation_code: str = ""
    title_similarity: float | None = None
    country_id: int | None = None
    certified_skill_ids: tuple[int, ...] = ()

    def to_dict(self) -> dict:
        """The explanation as stored: a JSON-ready dict of ids, codes and numbers (the shape
        is documented in :mod:`.explanation`)."""
        occupation = None
        if self.components.get("occupation") is not None:
            occupation = {
                "code": self.occupation_code,
                "matched_code": self.matched_occupation_code,
                "title": _unit(self.title_similarity),
                "value": _unit(self.components["occupation"]),
            }
        country = None
        if self.country_id and self.components.get("country") is not None:
            country = {"country_id": self.country_id, "value": _unit(self.components["country"])}
        return {
            "score": round(float(self.score), 2),
            "components": {key: _unit(value) for key, value in self.components.items()},
            "matched": [
                {
                    "required_skill_id": pair.required_skill_id,
                    "skill_id": pair.skill_id,
                    "similarity": _unit(pair.similarity / 100.0),
                    "level": _unit(pair.level / 100.0),
                    "min_level": _unit(pair.min_level / 100.0),
                    "level_ok": bool(pair.level_ok),
                    "credit": _unit(pair.credit),
                }
                for pair in self.matched
            ],
            "missing_skill_ids": list(self.missing_skill_ids),
            "certified_skill_ids": list(self.certified_skill_ids),
            "languages": [
                {"language_id": key, "value": _unit(value)} for key, value in self.languages
            ],
            "occupation": occupation,
            "country": country,
            "excluded": [
                {
                    "code": item.code,
                    ("language_id" if item.code == "language" else "skill_id"): item.ref,
                }
                for item in self.excluded
            ],
        }


def _unit(value: float | None) -> float | None:
    """A 0-1 value rounded to four decimals (None stays None)."""
    return None if value is None else round(float(value), 4)


@dataclass(frozen=True)
class Match:
    """A ranked pair."""

    candidate_id: int
    job_id: int
    score: float
    explanation: Explanation | None = None
