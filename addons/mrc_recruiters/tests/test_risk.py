"""Plain pytest functions for the pure risk scoring (no database)."""

import json

import pytest

from odoo.addons.mrc_recruiters.lib.risk import (
    ComplaintFacts,
    OrganisationFacts,
    RiskReason,
    complaint_points,
    decay,
    score_organisation,
)


def test_no_complaints_vetted_employer_scores_zero():
    """A vetted employer with no complaint has no risk and no reason."""
    result = score_organisation(OrganisationFacts(vetting_state="vetted"))
    assert result.score == 0.0, "nothing should add risk"
    assert result.reasons == (), "no reason expected"


def test_decay_halves_after_half_life():
    """A complaint weighs half as much after one half-life, a quarter after two."""
    assert decay(0, 100) == 1.0
    assert decay(100, 100) == pytest.approx(0.5)
    assert decay(200, 100) == pytest.approx(0.25)


def test_decay_refuses_non_positive_half_life():
    """A half-life of zero days makes no sense and is refused."""
    with pytest.raises(ValueError):
        decay(10, 0)


def test_future_complaint_does_not_weigh_more_than_new():
    """A negative age (clock skew) counts as a complaint received today."""
    assert decay(-30, 365) == 1.0


def test_substantiated_counts_more_than_open():
    """A substantiated complaint weighs more than the same complaint still open."""
    substantiated = complaint_points(ComplaintFacts("high", 0, substantiated=True), 365)
    still_open = complaint_points(ComplaintFacts("high", 0, is_open=True), 365)
    assert substantiated > still_open > 0, (substantiated, still_open)


def test_unsubstantiated_closed_complaint_adds_nothing():
    """A complaint closed as unsubstantiated adds no risk."""
    assert complaint_points(ComplaintFacts("critical", 0), 365) == 0.0


def test_severity_order():
    """Critical weighs more than high, high more than medium, medium more than low."""
    points = [
        complaint_points(ComplaintFacts(sev, 0, substantiated=True), 365)
        for sev in ("low", "medium", "high", "critical")
    ]
    assert points == sorted(points) and len(set(points)) == 4, points


def test_old_complaints_decay():
    """The same complaints a year older score lower."""
    fresh = OrganisationFacts(complaints=[ComplaintFacts("high", 0, substantiated=True)] * 2)
    old = OrganisationFacts(complaints=[ComplaintFacts("high", 365, substantiated=True)] * 2)
    assert score_organisation(old, 365).score == pytest.approx(
        score_organisation(fresh, 365).score / 2
    )


def test_score_is_capped_at_100():
    """However many complaints, the score never passes 100."""
    org = OrganisationFacts(
        complaints=[ComplaintFacts("critical", 0, substantiated=True)] * 10,
        vetting_state="blacklisted",
    )
    assert score_organisation(org).score == 100.0


def test_agency_licence_state_adds_risk():
    """An agency without a valid licence scores more than a licensed one; an expired licence
    more than none at all; an employer's licences do not count."""
    licensed = score_organisation(OrganisationFacts(is_agency=True, has_valid_license=True))
    none = score_organisation(OrganisationFacts(is_agency=True))
    expired = score_organisation(OrganisationFacts(is_agency=True, has_expired_license=True))
    employer = score_organisation(OrganisationFacts(is_agency=False))
    assert licensed.score == 0.0 and employer.score == 0.0
    assert 0 < none.score < expired.score, (none.score, expired.score)
    assert expired.reasons[0].kind == "expired_license"


def test_reasons_explain_the_score():
    """The reasons add up to the score, largest first, and read as words."""
    org = OrganisationFacts(
        complaints=[
            ComplaintFacts("high", 0, substantiated=True),
            ComplaintFacts("high", 0, substantiated=True),
            ComplaintFacts("low", 0, is_open=True),
        ],
        vetting_state="suspended",
    )
    result = score_organisation(org)
    assert result.score == pytest.approx(sum(r.points for r in result.reasons), abs=0.1)
    assert [r.points for r in result.reasons] == sorted(
        (r.points for r in result.reasons), reverse=True
    )
    first = result.reasons[0]
    assert (first.kind, first.count, first.detail) == ("substantiated", 2, "high")
    assert first.text.startswith("2 substantiated high complaint(s)"), first.text


def test_reasons_round_trip_as_plain_data():
    """Each reason becomes JSON-ready data (points to one decimal) and comes back the same."""
    org = OrganisationFacts(
        complaints=[ComplaintFacts("critical", 100, substantiated=True)],
        vetting_state="rejected",
        is_agency=True,
    )
    reasons = score_organisation(org).reasons
    data = [reason.to_dict() for reason in reasons]
    assert json.loads(json.dumps(data)) == data, data
    back = [RiskReason.from_dict(item) for item in data]
    assert [(r.kind, r.count, r.detail) for r in back] == [
        (r.kind, r.count, r.detail) for r in reasons
    ]
    assert [r.points for r in back] == [round(r.points, 1) for r in reasons]
