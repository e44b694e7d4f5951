"""Placement follow-ups: which promises a follow-up's answers show broken, from plain data.

A follow-up asks seven questions 30 and 90 days after a placement. Each answer is ``"yes"``,
``"no"``, ``"na"`` (not applicable, for housing when none was promised) or empty (not asked).
For six questions "no" is the broken promise; for the fees question ("were any fees charged?")
"yes" is. The promise keys are those of ``mrc_recruiters.lib.risk.FOLLOWUP_SEVERITY``, which
weighs them in the employer's risk score. No Odoo import.
"""

from __future__ import annotations

from collections.abc import Mapping

QUESTIONS: dict[str, str] = {
    "wage": "answer_wage",
    "contract": "answer_contract",
    "documents": "answer_documents",
    "fees": "answer_fees",
    "hours": "answer_hours",
    "housing": "answer_housing",
    "recommend": "answer_recommend",
}
"""The promise each question checks, and the follow-up field holding its answer."""

BROKEN_ANSWER: dict[str, str] = dict.fromkeys(QUESTIONS, "no") | {"fees": "yes"}
"""The answer that means the promise was broken."""

COMPLAINT_CATEGORIES: dict[str, str] = {
    "wage": "wage_theft",
    "contract": "contract_substitution",
    "documents": "document_retention",
    "fees": "fees",
    "hours": "excessive_hours",
    "housing": "deception",
    "recommend": "other",
}
"""The complaint category code (``mrc.complaint.category.code``) of each broken promise."""


def broken_promises(answers: Mapping[str, str | None]) -> tuple[str, ...]:
    """The promises the answers show broken, in the order of :data:`QUESTIONS`.

    :param answers: answer by promise key (``wage``, ``contract``, ...) or by field name
        (``answer_wage``, ...); missing, empty and ``"na"`` answers break nothing
    :return: the promise keys broken, for example ``("contract", "fees")``

    >>> broken_promises({"wage": "yes", "contract": "no", "fees": "yes"})
    ('contract', 'fees')
    """
    broken = []
    for key, field_name in QUESTIONS.items():
        answer = answers.get(key, answers.get(field_name))
        if answer and answer == BROKEN_ANSWER[key]:
            broken.append(key)
    return tuple(broken)


def is_complete(answers: Mapping[str, str | None]) -> bool:
    """Whether every question has an answer (``"na"`` counts as one).

    >>> is_complete({"wage": "yes"})
    False
    """
    return all(answers.get(key, answers.get(field)) for key, field in QUESTIONS.items())


def complaint_categories(broken: tuple[str, ...] | list[str]) -> list[str]:
    """The complaint category codes for these broken promises, without repeats, in order.

    >>> complaint_categories(["contract", "wage", "recommend"])
    ['contract_substitution', 'wage_theft', 'other']
    """
    codes: list[str] = []
    for key in broken:
        code = COMPLAINT_CATEGORIES.get(key, "other")
        if code not in codes:
            codes.append(code)
    return codes
