"""Plain pytest functions for the pure screening module (no database)."""

from odoo.addons.mrc_cases.lib.screening import Answer, assess, may_take_gbv_case


def test_unanswered_checklist_is_neither_urgent_nor_gbv():
    result = assess([Answer("unknown", True), Answer("no", True, True)])
    assert (result.sign_count, result.is_urgent, result.is_gbv) == (0, False, False)


def test_a_sign_of_forced_labour_answered_yes_is_urgent():
    result = assess([Answer("yes", True), Answer("yes", True), Answer("no", True)])
    assert result.sign_count == 2
    assert result.is_urgent
    assert not result.is_gbv


def test_yes_to_an_indicator_that_is_no_sign_is_not_urgent():
    result = assess([Answer("yes", False, True)])
    assert not result.is_urgent, "sexual harassment alone is not a sign of forced labour"
    assert result.is_gbv, "but it is a case of gender-based violence"


def test_only_a_woman_trained_in_gbv_takes_gbv_cases():
    assert may_take_gbv_case("female", True)
    assert not may_take_gbv_case("female", False)
    assert not may_take_gbv_case("male", True)
    assert not may_take_gbv_case(None, True)
