"""Plain pytest functions: brokers' complaints and placement follow-ups in the pure risk score."""

import pytest

from odoo.addons.mrc_recruiters.lib.risk import (
    FOLLOWUP_FACTOR,
    SEVERITY_POINTS,
    ComplaintFacts,
    FollowupFacts,
    OrganisationFacts,
    RiskReason,
    complaint_points,
    followup_points,
    followup_severity,
    score_organisation,
)


def test_broker_substantiated_complaint_weighs_like_the_agency_own():
    """A substantiated complaint against a broker adds to the agency what the same complaint
    against the agency itself would add."""
    complaint = ComplaintFacts("high", 30, substantiated=True)
    own = score_organisation(OrganisationFacts(complaints=(complaint,)))
    broker = score_organisation(OrganisationFacts(broker_complaints=(complaint,)))
    assert broker.score == own.score > 0, (broker.score, own.score)
    assert broker.reasons[0].kind == "broker", broker.reasons
    assert broker.reasons[0].detail == "high" and broker.reasons[0].count == 1


def test_broker_complaints_count_only_once_substantiated():
    """A broker's complaint still open, or closed as unsubstantiated, adds nothing to the
    agency: only substantiated ones count."""
    pending = ComplaintFacts("critical", 0, is_open=True)
    dismissed = ComplaintFacts("critical", 0)
    result = score_organisation(OrganisationFacts(broker_complaints=(pending, dismissed)))
    assert result.score == 0.0, result
    assert result.reasons == ()


def test_broker_complaints_decay_and_add_up():
    """Two substantiated broker complaints, one a half-life old, add 1.5 times one new one."""
    new = ComplaintFacts("medium", 0, substantiated=True)
    old = ComplaintFacts("medium", 365, substantiated=True)
    result = score_organisation(OrganisationFacts(broker_complaints=(new, old)), 365)
    assert result.score == pytest.approx(1.5 * SEVERITY_POINTS["medium"], abs=0.05)
    assert result.reasons[0].count == 2


def test_followup_severity_is_the_worst_promise_broken():
    """Documents held by someone else outweigh hours; all promises kept is no finding."""
    assert followup_severity(["hours", "documents"]) == "critical"
    assert followup_severity(["recommend"]) == "low"
    assert followup_severity(["contract"]) == "high"
    assert followup_severity([]) is None
    assert followup_severity(["unknown"]) == "low", "an unknown promise still counts a little"


def test_followup_weighs_like_an_open_complaint_of_its_severity():
    """A follow-up finding contract substitution weighs what an open high complaint of the
    same age weighs."""
    followup = FollowupFacts(failed=("contract",), age_days=10)
    open_complaint = ComplaintFacts("high", 10, is_open=True)
    assert followup_points(followup, 365) == pytest.approx(complaint_points(open_complaint, 365))
    assert FOLLOWUP_FACTOR < 1.0, "an unverified finding counts less than a substantiated one"


def test_followup_raises_the_employer_score_with_a_reason():
    """The employer's score rises with a follow-up's broken promise, and says why."""
    before = score_organisation(OrganisationFacts(vetting_state="vetted"))
    after = score_organisation(
        OrganisationFacts(
            vetting_state="vetted",
            followups=(FollowupFacts(failed=("contract", "hours"), age_days=0),),
        )
    )
    assert after.score > before.score == 0.0, (before, after)
    reason = after.reasons[0]
    assert (reason.kind, reason.detail, reason.count) == ("followup", "high", 1), reason
    assert "follow-up" in reason.text


def test_followup_with_every_promise_kept_adds_nothing():
    """A follow-up whose answers all pass is no signal."""
    result = score_organisation(OrganisationFacts(followups=(FollowupFacts((), 0),)))
    assert result.score == 0.0 and result.reasons == ()


def test_signal_reasons_round_trip():
    """Broker and follow-up reasons survive the plain-data round trip used for storage."""
    for reason in (
        RiskReason("broker", 25.0, count=1, detail="high"),
        RiskReason("followup", 8.8, count=1, detail="high"),
    ):
        assert RiskReason.from_dict(reason.to_dict()) == reason
