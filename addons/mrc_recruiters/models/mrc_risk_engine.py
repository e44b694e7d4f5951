import dataclasses

from odoo import api, fields, models
from odoo.tools import formatLang

from odoo.addons.queue_job.job import identity_exact

from ..lib.risk import ComplaintFacts, OrganisationFacts, RiskReason, score_organisation

CLOSED_COMPLAINT_STATES = ("resolved", "closed", "unsubstantiated")
RISK_CHUNK = 500  # organisations per background job


class MrcRiskEngine(models.AbstractModel):
    """The ORM side of risk scoring (rule 3): gathers the facts of organisations
    (``res.partner``) in few queries, lets ``lib/risk`` score them, writes the scores, counts
    and reasons back and flags those past the threshold (the flag itself is
    ``res.partner._mrc_flag``). Puts the stored reasons into words in the reader's language.

    Scores are derived data: they are computed as superuser, whoever changed the complaint,
    the licence or the vetting state, since that user may not see the rest.
    """

    _name = "mrc.risk.engine"
    _description = "Risk Scoring Engine"

    @api.model
    def _mrc_risk_facts(self, partners):
        """Gather the risk inputs of these organisations in two queries.

        :param partners: res.partner organisations
        :return: ``(facts, complaints)``: an :class:`OrganisationFacts` by partner id, and the
            :class:`ComplaintFacts` list by partner id (partners without complaints left out)
        """
        today = fields.Date.context_today(self)
        complaints = (
            self.env["mrc.complaint"]
            .sudo()
            .search_read(
                [("partner_id", "in", partners.ids)],
                ["partner_id", "severity", "state", "is_substantiated", "date_received"],
            )
        )
        by_partner = {}
        for row in complaints:
            by_partner.setdefault(row["partner_id"][0], []).append(
                ComplaintFacts(
                    severity=row["severity"],
                    age_days=(today - row["date_received"]).days,
                    substantiated=row["is_substantiated"],
                    is_open=row["state"] not in CLOSED_COMPLAINT_STATES,
                )
            )
        licences = (
            self.env["mrc.recruiter.license"].sudo().search([("partner_id", "in", partners.ids)])
        )
        valid = licences._mrc_today_valid()
        expired_states = {"expired", "revoked"}
        licence_ids = {}
        for licence in licences:
            licence_ids.setdefault(licence.partner_id.id, []).append(licence.id)
        facts = {}
        for partner in partners:
            mine = licences.browse(licence_ids.get(partner.id, []))
            facts[partner.id] = OrganisationFacts(
                complaints=tuple(by_partner.get(partner.id, ())),
                vetting_state=partner.mrc_vetting_state,
                is_agency=partner.mrc_is_agency,
                has_valid_license=bool(mine & valid),
                has_expired_license=any(lic.state in expired_states for lic in mine),
            )
        brokers = self._mrc_broker_complaint_facts(partners)
        signals = self._mrc_signal_facts(partners)
        for partner_id, org in facts.items():
            extra = dict(signals.get(partner_id, {}))
            if partner_id in brokers:
                extra["broker_complaints"] = brokers[partner_id]
            if extra:
                facts[partner_id] = dataclasses.replace(org, **extra)
        return facts, by_partner

    @api.model
    def _mrc_broker_complaint_facts(self, partners):
        """The substantiated complaints against the individual brokers and sub-agents who work
        for these agencies (``res.partner.mrc_broker_agency_id``), in one grouped query. A
        complaint that also names the agency itself counts once, as the agency's own.

        :return: a tuple of :class:`ComplaintFacts` by agency id (agencies without any left out)
        """
        today = fields.Date.context_today(self)
        rows = (
            self.env["mrc.complaint"]
            .sudo()
            ._read_group(
                [
                    ("broker_agency_id", "in", partners.ids),
                    ("is_substantiated", "=", True),
                ],
                ["broker_agency_id", "partner_id", "severity", "date_received:day"],
                ["__count"],
            )
        )
        by_agency = {}
        for agency, respondent, severity, received, count in rows:
            if respondent == agency:
                continue
            fact = ComplaintFacts(
                severity=severity,
                age_days=(today - received).days,
                substantiated=True,
                is_open=False,
            )
            by_agency.setdefault(agency.id, []).extend([fact] * count)
        return {key: tuple(value) for key, value in by_agency.items()}

    @api.model
    def _mrc_signal_facts(self, partners):
        """Hook for add-ons above: other signals against these organisations, as the keyword
        arguments of :class:`OrganisationFacts` they fill (for example ``followups``, a tuple of
        :class:`~..lib.risk.FollowupFacts`), by partner id. Read them in few grouped queries.

        :return: ``{partner id: {field name: value}}``; nothing here
        """
        return {}

    # ------------------------------------------------------------------ reasons in words

    @api.model
    def _mrc_reasons_text(self, data):
        """Risk reasons stored as data (see ``mrc_risk_reason_data``) in words, one a line, in
        the language of the environment; a text written by a person is returned as written.

        :param data: a list of :meth:`RiskReason.to_dict` dicts, a str, or False
        :return: the text, or False when there is no reason
        """
        if not data:
            return False
        if isinstance(data, str):
            return data
        return "\n".join(self._mrc_reason_text(RiskReason.from_dict(item)) for item in data)

    @api.model
    def _mrc_reason_text(self, reason):
        """One risk reason (a :class:`RiskReason`) in the language of the environment."""
        severities = dict(
            self.env["mrc.complaint"]._fields["severity"]._description_selection(self.env)
        )
        states = dict(
            self.env["res.partner"]._fields["mrc_vetting_state"]._description_selection(self.env)
        )
        points = formatLang(self.env, reason.points, digits=1)
        if reason.kind == "substantiated":
            return self.env._(
                "%(count)s substantiated complaint(s) of %(severity)s severity: +%(points)s",
                count=reason.count,
                severity=severities.get(reason.detail, reason.detail).lower(),
                points=points,
            )
        if reason.kind == "open":
            return self.env._(
                "%(count)s open complaint(s) of %(severity)s severity: +%(points)s",
                count=reason.count,
                severity=severities.get(reason.detail, reason.detail).lower(),
                points=points,
            )
        if reason.kind == "broker":
            return self.env._(
                "%(count)s substantiated complaint(s) of %(severity)s severity against its "
                "brokers: +%(points)s",
                count=reason.count,
                severity=severities.get(reason.detail, reason.detail).lower(),
                points=points,
            )
        if reason.kind == "followup":
            return self.env._(
                "%(count)s placement follow-up(s) finding broken promises of %(severity)s "
                "severity: +%(points)s",
                count=reason.count,
                severity=severities.get(reason.detail, reason.detail).lower(),
                points=points,
            )
        if reason.kind == "vetting":
            return self.env._(
                "vetting state %(state)s: +%(points)s",
                state=states.get(reason.detail, reason.detail).lower(),
                points=points,
            )
        if reason.kind == "expired_license":
            return self.env._("licence expired or revoked, none valid: +%s", points)
        if reason.kind == "no_license":
            return self.env._("agency without a valid licence: +%s", points)
        return reason.text

    # ------------------------------------------------------------------ scores and flags

    @api.model
    def _mrc_scores(self, partners):
        """Score these organisations (records read as superuser) with lib/risk.

        :return: ({partner id: RiskResult}, {partner id: its complaints' facts})
        """
        settings = self.env["res.config.settings"]
        half_life = settings._mrc_param("mrc_recruiters.risk_half_life_days") or 365
        facts, complaints = self._mrc_risk_facts(partners)
        results = {
            partner.id: score_organisation(facts[partner.id], half_life_days=half_life)
            for partner in partners
        }
        return results, complaints

    @api.model
    def _mrc_update_risk(self, partners):
        """Recompute the complaint counts and the risk score of these organisations, write
        them, and flag those past the threshold (rule 3). Runs as superuser: the score is
        derived data and the user who changes a complaint or a licence may not see the rest.

        :param partners: res.partner records; those neither employer nor agency are skipped
        :return: the organisations flagged now, in the environment of ``partners``
        """
        flagged = partners.browse()
        partners = partners.exists().filtered(lambda p: p.mrc_is_employer or p.mrc_is_agency)
        partners = partners.sudo()
        if not partners:
            return flagged
        threshold = self.env["res.config.settings"]._mrc_param("mrc_recruiters.risk_threshold")
        results, complaints = self._mrc_scores(partners)
        to_flag = {}
        for partner in partners:
            result = results[partner.id]
            mine = complaints.get(partner.id, ())
            reasons = [reason.to_dict() for reason in result.reasons] or False
            vals = {
                "mrc_risk_score": result.score,
                "mrc_risk_reason_data": reasons,
                "mrc_complaint_count": len(mine),
                "mrc_open_complaint_count": sum(1 for c in mine if c.is_open),
                "mrc_substantiated_count": sum(1 for c in mine if c.substantiated),
            }
            changed = {key: value for key, value in vals.items() if partner[key] != value}
            if changed:
                partner.write(changed)
            if (
                not partner.mrc_is_flagged
                and result.score >= threshold
                and result.score > partner.mrc_flag_lift_score
            ):
                to_flag[partner] = reasons
        for partner, reasons in to_flag.items():
            partner._mrc_flag(reasons, threshold)
            flagged |= partner
        return flagged

    @api.model
    def _mrc_cron_update_risk(self):
        """Daily: complaints age, so every organisation's score is recomputed, in background
        jobs of ``RISK_CHUNK`` organisations on the ``root.mrc`` channel (Job Queue menu); a
        chunk already waiting with the same organisations is not queued twice.

        :return: the number of jobs queued
        """
        organisations = (
            self.env["res.partner"]
            .sudo()
            .search(["|", ("mrc_is_employer", "=", True), ("mrc_is_agency", "=", True)], order="id")
        )
        ids = organisations.ids
        engine = self.sudo()
        for start in range(0, len(ids), RISK_CHUNK):
            chunk = ids[start : start + RISK_CHUNK]
            engine.with_delay(
                channel="root.mrc",
                identity_key=identity_exact,
                description=self.env._("MRC: risk scores of %s organisations", len(chunk)),
            )._mrc_job_update_risk(chunk)
        return -(-len(ids) // RISK_CHUNK)

    @api.model
    def _mrc_job_update_risk(self, partner_ids):
        """Job: recompute the risk of the organisations ``partner_ids`` (a list of ids).
        A serialization failure (a complaint decided at the same moment) is retried by
        queue_job.

        :return: a summary for the Job Queue
        """
        flagged = self._mrc_update_risk(self.env["res.partner"].browse(partner_ids))
        return f"{len(partner_ids)} organisations scored, {len(flagged)} flagged"

    @api.model
    def _mrc_fill_reason_data(self):
        """Give the organisations scored before the reasons were kept as data (in
        ``mrc_risk_reason_data``, ``mrc_flag_reason_data``) their reasons, so that they show
        in the reader's language without waiting for the daily recompute. Run once, by the
        18.0.1.2.0 migration. Writes the reasons only: no score, count or flag changes. A
        flagged organisation without flag reasons gets its current ones.

        :return: the organisations given reasons
        """
        filled = self.env["res.partner"].browse()
        organisations = (
            self.env["res.partner"]
            .sudo()
            .search(["|", ("mrc_is_employer", "=", True), ("mrc_is_agency", "=", True)])
        )
        missing = organisations.filtered(
            lambda p: (
                not p.mrc_risk_reason_data or (p.mrc_is_flagged and not p.mrc_flag_reason_data)
            )
        )
        if not missing:
            return filled
        results, _complaints = self._mrc_scores(missing)
        for partner in missing:
            reasons = partner.mrc_risk_reason_data or [
                reason.to_dict() for reason in results[partner.id].reasons
            ]
            vals = {"mrc_risk_reason_data": reasons}
            if partner.mrc_is_flagged and not partner.mrc_flag_reason_data:
                vals["mrc_flag_reason_data"] = reasons
            if reasons:
                partner.write(vals)
                filled |= partner
        return filled
