"""Risk score of an employer or recruitment agency, from plain data.

The score runs from 0 (no known risk) to 100. Complaints add points by severity; a
substantiated complaint counts fully, one still being handled counts for a fraction, and an
unsubstantiated one not at all. Each complaint's points halve every ``half_life_days`` after it
was received. The vetting state and, for agencies, the licence add fixed points. An agency also
answers for the substantiated complaints against its individual brokers and sub-agents, weighed
like its own, and an employer for the placement follow-ups that found a broken promise, weighed
like an open complaint of the severity of the worst promise broken. The total is capped at 100.
No Odoo import: the ORM gathers the data and writes the result back.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

SEVERITY_POINTS: dict[str, float] = {
    "low": 5.0,
    "medium": 12.0,
    "high": 25.0,
    "critical": 40.0,
}
"""Points of one substantiated complaint received today, by severity."""

OPEN_FACTOR = 0.35
"""Share of its points that a complaint still being handled counts for."""

VETTING_POINTS: dict[str, float] = {
    "draft": 0.0,
    "in_review": 0.0,
    "vetted": 0.0,
    "rejected": 15.0,
    "suspended": 20.0,
    "blacklisted": 100.0,
}
"""Points added by the organisation's vetting state."""

NO_LICENSE_POINTS = 10.0
"""Points added to an agency with no licence valid today."""

EXPIRED_LICENSE_POINTS = 20.0
"""Points added to an agency whose licence has expired or was revoked and not replaced."""

MAX_SCORE = 100.0

FOLLOWUP_FACTOR = OPEN_FACTOR
"""Share of its severity's points that a follow-up finding a broken promise counts for: the
migrant's word, not yet investigated, like an open complaint. Once a complaint is opened from
the follow-up, the complaint counts instead of it."""

FOLLOWUP_SEVERITY: dict[str, str] = {
    "documents": "critical",
    "wage": "high",
    "contract": "high",
    "fees": "high",
    "hours": "medium",
    "housing": "medium",
    "recommend": "low",
}
"""The severity of each promise a placement follow-up checks, when it is broken: the worker
does not hold their own documents, the wage is not as promised, the contract is not the one
signed, fees were charged, the hours or the housing are not as agreed, they would not
recommend the employer."""

SEVERITY_ORDER = ("low", "medium", "high", "critical")


@dataclass(frozen=True)
class ComplaintFacts:
    """What the risk score needs to know about one complaint.

    :param severity: ``low``, ``medium``, ``high`` or ``critical``
    :param age_days: days since the complaint was received (negative counts as 0)
    :param substantiated: resolved as substantiated
    :param is_open: still being handled (not resolved, closed or unsubstantiated)
    :param category: a category code, for the reasons (the first one if several)
    """

    severity: str
    age_days: float
    substantiated: bool = False
    is_open: bool = False
    category: str | None = None


@dataclass(frozen=True)
class FollowupFacts:
    """A placement follow-up that found broken promises.

    :param failed: the promises broken, keys of :data:`FOLLOWUP_SEVERITY` (unknown keys count
        as ``low``)
    :param age_days: days since the follow-up was answered (negative counts as 0)
    """

    failed: tuple[str, ...]
    age_days: float


@dataclass(frozen=True)
class OrganisationFacts:
    """What the risk score needs to know about one organisation.

    :param complaints: its complaints
    :param vetting_state: ``draft``, ``in_review``, ``vetted``, ``rejected``, ``suspended``
        or ``blacklisted``
    :param is_agency: a recruitment agency (licences count only for agencies)
    :param has_valid_license: at least one licence valid today
    :param has_expired_license: at least one licence expired or revoked
    :param broker_complaints: complaints against the individual brokers and sub-agents who work
        for it (an agency), not naming it as well (only substantiated ones count)
    :param followups: placement follow-ups with this employer that found a broken promise and
        gave rise to no complaint yet
    """

    complaints: Sequence[ComplaintFacts] = ()
    broker_complaints: Sequence[ComplaintFacts] = ()
    followups: Sequence[FollowupFacts] = ()
    vetting_state: str = "draft"
    is_agency: bool = False
    has_valid_license: bool = False
    has_expired_license: bool = False


@dataclass(frozen=True)
class RiskReason:
    """One part of the score, in words and as data for translation.

    :param kind: ``substantiated``, ``open``, ``broker`` (substantiated complaints against its
        brokers), ``followup`` (follow-ups finding broken promises), ``vetting``,
        ``expired_license`` or ``no_license``
    :param points: points this reason adds, after decay
    :param count: how many complaints or follow-ups it covers (0 for the others)
    :param detail: the severity for complaints and follow-ups, the vetting state for
        ``vetting``
    """

    kind: str
    points: float
    count: int = 0
    detail: str = ""

    @property
    def text(self) -> str:
        """The reason in English words, for example ``2 substantiated high complaints: +31.5``."""
        if self.kind in ("substantiated", "open"):
            what = "substantiated" if self.kind == "substantiated" else "open"
            return f"{self.count} {what} {self.detail} complaint(s): +{self.points:.1f}"
        if self.kind == "broker":
            return (
                f"{self.count} substantiated {self.detail} complaint(s) against its brokers: "
                f"+{self.points:.1f}"
            )
        if self.kind == "followup":
            return (
                f"{self.count} follow-up(s) finding {self.detail} broken promises: "
                f"+{self.points:.1f}"
            )
        if self.kind == "vetting":
            return f"vetting state {self.detail}: +{self.points:.1f}"
        if self.kind == "expired_license":
            return f"licence expired or revoked, none valid: +{self.points:.1f}"
        return f"agency without a valid licence: +{self.points:.1f}"

    def to_dict(self) -> dict[str, str | int | float]:
        """The reason as plain JSON-ready data, points rounded to one decimal.

        >>> RiskReason("vetting", 20.0, detail="suspended").to_dict()
        {'kind': 'vetting', 'count': 0, 'detail': 'suspended', 'points': 20.0}
        """
        return {
            "kind": self.kind,
            "count": self.count,
            "detail": self.detail,
            "points": round(self.points, 1),
        }

    @classmethod
    def from_dict(cls, data: dict) -> RiskReason:
        """The reason back from :meth:`to_dict`'s data; missing keys take their defaults."""
        return cls(
            kind=str(data.get("kind", "")),
            points=float(data.get("points", 0.0)),
            count=int(data.get("count", 0)),
            detail=str(data.get("detail", "")),
        )


@dataclass(frozen=True)
class RiskResult:
    """The score (0-100, one decimal) and the reasons that make it up, largest first."""

    score: float
    reasons: tuple[RiskReason, ...] = field(default_factory=tuple)


def decay(age_days: float, half_life_days: float) -> float:
    """Weight of something ``age_days`` old when its weight halves every ``half_life_days``.

    >>> decay(0, 365), decay(365, 365)
    (1.0, 0.5)
    """
    if half_life_days <= 0:
        raise ValueError("half_life_days must be positive")
    return 0.5 ** (max(age_days, 0.0) / half_life_days)


def complaint_points(complaint: ComplaintFacts, half_life_days: float) -> float:
    """Points one complaint adds today: severity weight, times the substantiation factor,
    times the decay. Unsubstantiated and unknown severities add nothing."""
    base = SEVERITY_POINTS.get(complaint.severity, 0.0)
    if complaint.substantiated:
        factor = 1.0
    elif complaint.is_open:
        factor = OPEN_FACTOR
    else:
        factor = 0.0
    return base * factor * decay(complaint.age_days, half_life_days)


def followup_severity(failed: Sequence[str]) -> str | None:
    """The severity of a follow-up's findings: that of the worst promise broken, or None when
    every promise was kept.

    >>> followup_severity(["hours", "contract"]), followup_severity([])
    ('high', None)
    """
    if not failed:
        return None
    ranks = [SEVERITY_ORDER.index(FOLLOWUP_SEVERITY.get(key, "low")) for key in failed]
    return SEVERITY_ORDER[max(ranks)]


def followup_points(followup: FollowupFacts, half_life_days: float) -> float:
    """Points one follow-up with broken promises adds today: its severity's weight, times
    :data:`FOLLOWUP_FACTOR`, times the decay. Nothing when every promise was kept."""
    severity = followup_severity(followup.failed)
    if severity is None:
        return 0.0
    return SEVERITY_POINTS[severity] * FOLLOWUP_FACTOR * decay(followup.age_days, half_life_days)


def score_organisation(org: OrganisationFacts, half_life_days: float = 365.0) -> RiskResult:
    """Score one organisation 0-100 and explain the score.

    :param org: the organisation's complaints, vetting state and licences
    :param half_life_days: days after which a complaint weighs half as much
    :return: the score rounded to one decimal and the reasons, largest first
    """
    grouped: dict[tuple[str, str], list[float]] = {}
    for complaint in org.complaints:
        points = complaint_points(complaint, half_life_days)
        if points <= 0:
            continue
        kind = "substantiated" if complaint.substantiated else "open"
        grouped.setdefault((kind, complaint.severity), []).append(points)
    for complaint in org.broker_complaints:
        if not complaint.substantiated:
            continue
        points = complaint_points(complaint, half_life_days)
        if points > 0:
            grouped.setdefault(("broker", complaint.severity), []).append(points)
    for followup in org.followups:
        points = followup_points(followup, half_life_days)
        if points > 0:
            grouped.setdefault(("followup", followup_severity(followup.failed)), []).append(points)
    reasons = [
        RiskReason(kind=kind, points=sum(points), count=len(points), detail=severity)
        for (kind, severity), points in grouped.items()
    ]
    vetting = VETTING_POINTS.get(org.vetting_state, 0.0)
    if vetting:
        reasons.append(RiskReason(kind="vetting", points=vetting, detail=org.vetting_state))
    if org.is_agency and not org.has_valid_license:
        if org.has_expired_license:
            reasons.append(RiskReason(kind="expired_license", points=EXPIRED_LICENSE_POINTS))
        else:
            reasons.append(RiskReason(kind="no_license", points=NO_LICENSE_POINTS))
    reasons.sort(key=lambda reason: (-reason.points, reason.kind, reason.detail))
    total = min(MAX_SCORE, sum(reason.points for reason in reasons))
    return RiskResult(score=round(total, 1), reasons=tuple(reasons))


def score_many(
    orgs: dict[int, OrganisationFacts], half_life_days: float = 365.0
) -> dict[int, RiskResult]:
    """Score several organisations keyed by id; see :func:`score_organisation`."""
    return {key: score_organisation(org, half_life_days) for key, org in orgs.items()}
