"""Plain pytest functions: placement follow-up answers read as broken promises (no database)."""

from odoo.addons.mrc_cases.lib.followup import (
    QUESTIONS,
    broken_promises,
    complaint_categories,
    is_complete,
)
from odoo.addons.mrc_recruiters.lib.risk import FOLLOWUP_SEVERITY


def test_no_is_broken_except_for_fees():
    """For every question "no" breaks the promise, except fees where "yes" does."""
    assert broken_promises({"wage": "no"}) == ("wage",)
    assert broken_promises({"fees": "no"}) == ()
    assert broken_promises({"fees": "yes"}) == ("fees",)


def test_contract_substitution_found():
    """A follow-up where everything holds but the contract is a substitute finds one promise."""
    answers = dict.fromkeys(QUESTIONS, "yes") | {"fees": "no", "contract": "no"}
    assert broken_promises(answers) == ("contract",)
    assert complaint_categories(broken_promises(answers)) == ["contract_substitution"]


def test_field_names_accepted_and_na_breaks_nothing():
    """Answers keyed by field name work too; not applicable and empty answers break nothing."""
    answers = {"answer_housing": "na", "answer_hours": "", "answer_documents": "no"}
    assert broken_promises(answers) == ("documents",)


def test_complete_needs_every_answer():
    """A follow-up is complete only when all seven questions have an answer."""
    answers = dict.fromkeys(QUESTIONS, "yes")
    assert is_complete(answers)
    answers["housing"] = None
    assert not is_complete(answers)


def test_every_promise_is_weighed_by_the_risk_score():
    """Each question's promise has a severity in the risk module: none is ignored."""
    assert set(QUESTIONS) == set(FOLLOWUP_SEVERITY)


def test_categories_not_repeated():
    """Two promises mapping to the same category give it once."""
    assert complaint_categories(["recommend", "recommend"]) == ["other"]
