"""Screening arithmetic of an intake, without the ORM.

An intake's checklist is a list of answers to the forced-labour indicators. Each answer is an
:class:`Answer`: whether the indicator points to trafficking or forced labour, whether it points
to gender-based violence or sexual harassment, and what the migrant answered (``"yes"``,
``"no"`` or ``"unknown"`` when not asked yet).
"""

from dataclasses import dataclass

YES = "yes"


@dataclass(frozen=True)
class Answer:
    """One answered indicator of a screening."""

    answer: str
    is_trafficking_sign: bool = False
    is_gbv: bool = False


@dataclass(frozen=True)
class ScreeningResult:
    """What a screening found: the number of signs of trafficking or forced labour answered
    yes, whether the case is urgent (at least one such sign) and whether it is a case of
    gender-based violence or sexual harassment."""

    sign_count: int
    is_urgent: bool
    is_gbv: bool


def assess(answers: list[Answer]) -> ScreeningResult:
    """Assess a screening from its answers.

    :param answers: the intake's answers, in any order
    :return: the :class:`ScreeningResult`; an empty or unanswered checklist is neither urgent
        nor a case of gender-based violence
    """
    signs = sum(1 for a in answers if a.answer == YES and a.is_trafficking_sign)
    gbv = any(a.answer == YES and a.is_gbv for a in answers)
    return ScreeningResult(sign_count=signs, is_urgent=signs > 0, is_gbv=gbv)


def may_take_gbv_case(sex: str | None, gbv_trained: bool) -> bool:
    """Whether a counsellor may be given a case of gender-based violence or sexual harassment
    without a manager's recorded override (rule 8): a woman trained in GBV.

    :param sex: the counsellor's sex (``"female"``, ``"male"``, ...), or None when unknown
    :param gbv_trained: whether the counsellor completed a GBV training
    """
    return sex == "female" and bool(gbv_trained)
