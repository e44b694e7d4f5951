"""How each indicator of ``mrc.indicator`` is computed, defined once, as plain data.

Keys of a spec:
- ``model``: the model counted; ``date``: its stored, indexed date (or datetime) placing a
  record in a period (``None``: a count of today's state, the period is ignored);
- ``domain``: what is counted; ``measure``: a ``_read_group`` aggregate (``__count``,
  ``field:count_distinct``, ``field:sum``); ``money``: ``(amount, currency, date)`` fields when
  the measure is an amount converted to the company's currency at each record's date;
- ``person``: the path to the migrant's client card (only clients count; ``person_optional``:
  records without a migrant, such as anonymous complaints, count too, as sex ``unknown``);
- ``type``: the field giving the indicator's own classification (service type, provider,
  complaint category, reason, ...), the ``type`` breakdown; ``channel``: the contact channel;
- ``returning``: only migrants with a service logged before the period;
- ``derived``: ``("ratio", numerator, denominator)`` or ``("diff", a, b)`` of two other codes.
"""

SERVED = {
    "model": "mrc.candidate.service",
    "date": "date",
    "measure": "candidate_id:count_distinct",
    "person": "candidate_id",
}
COMPLAINT = {
    "model": "mrc.complaint",
    "date": "date_received",
    "person": "candidate_id",
    "person_optional": True,
    "type": "category_ids",
}
REMEDY = {
    "model": "mrc.complaint.remedy",
    "person": "complaint_id.candidate_id",
    "person_optional": True,
    "type": "kind",
    "domain": [("is_money", "=", True)],
}
FOLLOWUP = {
    "model": "mrc.placement.followup",
    "date": "date_answered",
    "person": "candidate_id",
    "domain": [("state", "=", "answered")],
}

SPECS = {
    "migrants_served": SERVED,
    "migrants_returning": dict(SERVED, returning=True),
    "migrants_new": {"derived": ("diff", "migrants_served", "migrants_returning")},
    "migrants_women": dict(SERVED, domain=[("candidate_id.mrc_gender", "=", "female")]),
    "migrants_women_share": {"derived": ("ratio", "migrants_women", "migrants_served")},
    "intakes": {
        "model": "mrc.intake",
        "date": "date",
        "person": "candidate_id",
        "channel": "channel",
    },
    "services_given": dict(SERVED, measure="__count", type="service_type"),
    "assistance_given": {
        "model": "mrc.intake.assistance",
        "date": "date",
        "person": "candidate_id",
        "type": "assistance_type",
    },
    "referrals_made": {
        "model": "mrc.service.referral",
        "date": "date_sent",
        "person": "candidate_id",
        "type": "partner_id",
    },
    "referrals_completed": {
        "model": "mrc.service.referral",
        "date": "date_service_given",
        "person": "candidate_id",
        "type": "partner_id",
    },
    "vacancies_offered": {
        "model": "hr.job",
        "date": "create_date",
        "domain": [("mrc_is_vacancy", "=", True)],
    },
    "vacancies_withdrawn": {
        "model": "hr.job",
        "date": "mrc_withdrawn_date",
        "domain": [("mrc_is_vacancy", "=", True)],
        "type": "mrc_withdrawn_reason",
    },
    "matches": {"model": "mrc.match", "date": "create_date", "person": "candidate_id"},
    "job_referrals": {
        "model": "hr.applicant",
        "date": "create_date",
        "person": "candidate_id",
        "domain": [("mrc_is_referral", "=", True)],
    },
    "placements": {
        "model": "hr.applicant",
        "date": "mrc_placement_date",
        "person": "candidate_id",
        "domain": [("mrc_is_placed", "=", True)],
    },
    "placements_90_days": dict(
        FOLLOWUP,
        measure="applicant_id:count_distinct",
        domain=[*FOLLOWUP["domain"], ("days", ">=", 90)],
    ),
    "followups_done": FOLLOWUP,
    "followups_failing": dict(
        FOLLOWUP, domain=[*FOLLOWUP["domain"], ("has_broken_promise", "=", True)]
    ),
    "followups_failing_share": {"derived": ("ratio", "followups_failing", "followups_done")},
    "complaints_received": COMPLAINT,
    "complaints_resolved": dict(COMPLAINT, domain=[("state", "in", ("resolved", "closed"))]),
    "complaints_settled": dict(COMPLAINT, domain=[("is_settled", "=", True)]),
    "compensation_claimed": dict(
        COMPLAINT,
        type=None,
        measure="compensation_claimed:sum",
        money=("compensation_claimed", "currency_id", "date_received"),
    ),
    "compensation_awarded": dict(
        COMPLAINT,
        type=None,
        measure="compensation_awarded:sum",
        money=("compensation_awarded", "currency_id", "date_received"),
    ),
    "compensation_paid": dict(
        REMEDY, date="date", measure="amount:sum", money=("amount", "currency_id", "date")
    ),
    "compensation_confirmed": dict(
        REMEDY,
        date="date_confirmed",
        measure="amount:sum",
        money=("amount", "currency_id", "date"),
        domain=[*REMEDY["domain"], ("is_confirmed", "=", True)],
    ),
    "organisations_vetted": {
        "model": "res.partner",
        "date": "mrc_vetting_date",
        "domain": [("mrc_vetting_state", "=", "vetted")],
        "type": "mrc_is_agency",
    },
    "organisations_suspended": {
        "model": "res.partner",
        "date": None,
        "domain": [("mrc_vetting_state", "=", "suspended")],
        "type": "mrc_is_agency",
    },
    "organisations_flagged": {
        "model": "res.partner",
        "date": "mrc_flag_date",
        "domain": [("mrc_is_flagged", "=", True)],
        "type": "mrc_is_agency",
    },
    "training_attendance": {
        "model": "event.registration",
        "date": "date_closed",
        "person": "mrc_candidate_id",
        "person_optional": True,
        "domain": [
            ("state", "=", "done"),
            ("mrc_kind", "!=", False),
            ("mrc_kind", "!=", "outreach"),
        ],
        "type": "mrc_kind",
    },
    "outreach_reach": {
        "model": "event.event",
        "date": "date_begin",
        "measure": "mrc_reached_total:sum",
        "domain": [("mrc_kind", "=", "outreach")],
    },
}

PERIODS = ("month", "quarter", "year")
PERSON_BREAKDOWNS = ("sex", "age_band", "nationality", "corridor", "migration_status")
BREAKDOWNS = (*PERIODS, *PERSON_BREAKDOWNS, "channel", "type")


def allowed_breakdowns(code: str) -> tuple[str, ...]:
    """The breakdowns indicator ``code`` can apply (a derived one: those of both its parts)."""
    spec = SPECS[code]
    if spec.get("derived"):
        _kind, first, second = spec["derived"]
        other = set(allowed_breakdowns(second))
        return tuple(name for name in allowed_breakdowns(first) if name in other and name != "type")
    names = []
    if spec.get("date"):
        names += PERIODS
    if spec.get("person"):
        names += PERSON_BREAKDOWNS
    if spec.get("channel"):
        names.append("channel")
    if spec.get("type"):
        names.append("type")
    return tuple(names)
