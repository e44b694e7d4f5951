from odoo import api, fields, models
from odoo.exceptions import UserError

SENSITIVE_GROUPS = "mrc_recruiters.group_mrc_counsellor,mrc_recruiters.group_mrc_manager"

GENDERS = [
    ("female", "Female"),
    ("male", "Male"),
    ("non_binary", "Non-binary"),
    ("undisclosed", "Prefers not to say"),
]

MIGRATION_STATUSES = [
    ("potential", "Potential migrant"),
    ("in_transit", "In transit"),
    ("asylum_seeker", "Asylum seeker"),
    ("refugee", "Refugee"),
    ("returnee", "Returnee"),
    ("temporary_worker", "Temporary worker"),
    ("regular_resident", "Regular resident"),
    ("irregular", "Irregular"),
]


class HrCandidate(models.Model):
    _name = "hr.candidate"
    _inherit = ["hr.candidate", "mrc.guard.mixin"]

    # Rule 7: consent is recorded and withdrawn by a counsellor's action, erasure by the
    # erasure's; no create, write or copy sets them.
    _mrc_guarded_fields = frozenset(
        {"mrc_consent_share", "mrc_consent_share_date", "mrc_is_erased", "mrc_erased_date"}
    )

    # Client card
    mrc_gender = fields.Selection(GENDERS, string="Gender", tracking=True)
    mrc_birthdate = fields.Date(string="Date of Birth", groups=SENSITIVE_GROUPS)
    mrc_nationality_id = fields.Many2one(
        "res.country", string="Nationality", index=True, groups=SENSITIVE_GROUPS
    )
    mrc_residence_country_id = fields.Many2one(
        "res.country", string="Country of Residence", index=True
    )
    mrc_migration_status = fields.Selection(
        MIGRATION_STATUSES, string="Migration Status", groups=SENSITIVE_GROUPS
    )
    mrc_language_ids = fields.One2many("mrc.candidate.language", "candidate_id", string="Languages")
    mrc_desired_occupation_ids = fields.Many2many(
        "mrc.occupation",
        "hr_candidate_mrc_desired_occupation_rel",
        "candidate_id",
        "occupation_id",
        string="Desired Occupations",
    )
    mrc_desired_job = fields.Char(
        string="Desired Job", help="The job sought, in the migrant's words."
    )
    mrc_preferred_country_ids = fields.Many2many(
        "res.country",
        "hr_candidate_mrc_preferred_country_rel",
        "candidate_id",
        "country_id",
        string="Preferred Countries of Work",
    )
    mrc_available_from = fields.Date(string="Available From")
    mrc_experience_years = fields.Integer(string="Years of Experience")

    # Family or emergency contact
    mrc_family_contact_name = fields.Char(string="Family Contact", groups=SENSITIVE_GROUPS)
    mrc_family_contact_relationship = fields.Char(string="Relationship", groups=SENSITIVE_GROUPS)
    mrc_family_contact_phone = fields.Char(string="Contact Phone", groups=SENSITIVE_GROUPS)
    mrc_family_contact_country_id = fields.Many2one(
        "res.country", string="Contact Country", groups=SENSITIVE_GROUPS
    )

    # Migration plan
    mrc_plan_destination_id = fields.Many2one("res.country", string="Planned Destination")
    mrc_plan_departure_date = fields.Date(string="Expected Departure")
    mrc_plan_recruiter_id = fields.Many2one(
        "res.partner",
        string="Intended Recruiter",
        domain="[('is_company', '=', True)]",
        help="The employer or recruitment agency the migrant intends to go through.",
    )

    # Consent
    mrc_consent_processing_date = fields.Date(
        string="Consent to Processing",
        tracking=True,
        help="Date the migrant consented to the centre processing their data.",
    )
    mrc_consent_share = fields.Boolean(
        string="Consents to Sharing",
        tracking=True,
        help="The migrant agrees that their profile is sent to employers when referred.",
    )
    mrc_consent_share_date = fields.Date(
        string="Sharing Consent Date",
        compute="_compute_mrc_consent_share_date",
        store=True,
    )

    # Services and follow-up
    mrc_service_ids = fields.One2many(
        "mrc.candidate.service",
        "candidate_id",
        string="Services Received",
        groups=SENSITIVE_GROUPS,
    )
    mrc_service_count = fields.Integer(
        compute="_compute_mrc_service_count", string="Services", groups=SENSITIVE_GROUPS
    )
    mrc_next_followup_date = fields.Date(
        string="Next Follow-up",
        compute="_compute_mrc_next_followup_date",
        store=True,
        index=True,
    )
    mrc_match_ids = fields.One2many("mrc.match", "candidate_id", string="Matches")
    mrc_match_count = fields.Integer(compute="_compute_mrc_match_count", string="Matches Count")
    mrc_is_erased = fields.Boolean(string="Erased", readonly=True, copy=False)
    mrc_erased_date = fields.Date(string="Erased On", readonly=True, copy=False)

    @api.depends("mrc_consent_share")
    def _compute_mrc_consent_share_date(self):
        today = fields.Date.context_today(self)
        for candidate in self:
            if not candidate.mrc_consent_share:
                candidate.mrc_consent_share_date = False
            elif not candidate.mrc_consent_share_date:
                candidate.mrc_consent_share_date = today

    def _compute_mrc_service_count(self):
        counts = dict(
            self.env["mrc.candidate.service"]._read_group(
                [("candidate_id", "in", self.ids)], ["candidate_id"], ["__count"]
            )
        )
        for candidate in self:
            candidate.mrc_service_count = counts.get(candidate, 0)

    @api.depends("mrc_service_ids.followup_date")
    def _compute_mrc_next_followup_date(self):
        today = self.env.company._mrc_today()
        for candidate in self:
            dates = [d for d in candidate.mrc_service_ids.mapped("followup_date") if d]
            upcoming = [d for d in dates if d >= today]
            candidate.mrc_next_followup_date = (
                min(upcoming) if upcoming else max(dates, default=False)
            )

    def _compute_mrc_match_count(self):
        counts = {}
        # staff who do not work with matches (complaints officers) open the card with none
        if self.env["mrc.match"].has_access("read"):
            counts = dict(
                self.env["mrc.match"]._read_group(
                    [("candidate_id", "in", self.ids), ("state", "!=", "dismissed")],
                    ["candidate_id"],
                    ["__count"],
                )
            )
        for candidate in self:
            candidate.mrc_match_count = counts.get(candidate, 0)

    def action_mrc_find_jobs(self):
        """Rank the open vacancies for these migrants and show the matches, best first."""
        self.env["mrc.match.refresh"]._mrc_refresh_matches(candidates=self)
        return self.action_mrc_open_matches()

    def action_mrc_open_matches(self):
        action = self.env["ir.actions.act_window"]._for_xml_id("mrc_jobs.mrc_match_action")
        action.update(
            {
                "name": self.env._("Jobs for %s", self.display_name)
                if len(self) == 1
                else self.env._("Jobs"),
                "domain": [("candidate_id", "in", self.ids)],
                "context": {
                    "default_candidate_id": self[:1].id,
                    "search_default_filter_open": 1,
                },
            }
        )
        return action

    def action_mrc_open_services(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "mrc_jobs.mrc_candidate_service_action"
        )
        action.update(
            {
                "domain": [("candidate_id", "=", self.id)],
                "context": {"default_candidate_id": self.id},
            }
        )
        return action

    def _mrc_check_counsellor(self):
        self._mrc_require_group(
            "mrc_recruiters.group_mrc_counsellor",
            self.env._("Only counsellors record or withdraw a migrant's consent."),
        )

    def action_mrc_record_consent(self):
        """Record, as of today, that the migrants consent to their profile being sent to the
        employers they are referred to (rule 6; counsellors only)."""
        self._mrc_check_counsellor()
        erased = self.filtered("mrc_is_erased")
        if erased:
            raise UserError(
                self.env._(
                    "%s has been erased: no consent can be recorded.", erased[0].display_name
                )
            )
        self.filtered(lambda c: not c.mrc_consent_share).sudo().write(
            {"mrc_consent_share": True, "mrc_consent_share_date": fields.Date.context_today(self)}
        )
        return True

    def action_mrc_withdraw_consent(self):
        """Record that the migrants withdrew their consent to sharing (counsellors only)."""
        self._mrc_check_counsellor()
        self.filtered("mrc_consent_share").sudo().write({"mrc_consent_share": False})
        return True

    def action_mrc_erase(self):
        """Erase on request (rule 6): anonymise the person, keep what statistics need.

        Only counsellors and managers erase; the erasure itself (``_mrc_erase``, in
        hr_candidate_erasure.py) then runs as superuser without tracking.
        """
        self._mrc_require_group(
            "mrc_recruiters.group_mrc_counsellor",
            self.env._("Only counsellors and managers may erase a migrant's data."),
        )
        self._mrc_erase()
        return True

    def _mrc_check_can_share(self):
        """Raise when a migrant's profile may not reach an employer (rule 6)."""
        for candidate in self:
            if candidate.mrc_is_erased:
                raise UserError(
                    self.env._("%s has been erased and cannot be referred.", candidate.display_name)
                )
            if not candidate.mrc_consent_share:
                raise UserError(
                    self.env._(
                        "%s has not consented to sharing their profile with employers: "
                        "record the consent on the client card first.",
                        candidate.display_name,
                    )
                )
