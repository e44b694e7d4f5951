from odoo import api, fields, models
from odoo.exceptions import UserError

from ..lib.wages import WAGE_PERIODS

ELIGIBILITY_FIELDS = ("mrc_is_eligible",)
# What rule 1 looks at: a change to any of these re-judges the vacancy.
ELIGIBILITY_DEPENDS = (
    "active",
    "mrc_employer_id.mrc_is_safe",
    "mrc_employer_id.mrc_vetting_state",
    "mrc_employer_id.mrc_is_flagged",
    "mrc_agency_id.mrc_is_safe",
    "mrc_agency_id.mrc_vetting_state",
    "mrc_agency_id.mrc_is_flagged",
    "mrc_worker_fee_amount",
    "mrc_wage_amount",
    "mrc_wage_currency_id",
    "mrc_wage_period",
    "mrc_hours_per_week",
    "mrc_country_id",
    "mrc_is_published",
    "mrc_deadline",
    "no_of_recruitment",
    "no_of_hired_employee",
)


class HrJob(models.Model):
    _name = "hr.job"
    _inherit = ["hr.job", "mrc.guard.mixin"]

    # Rule 7: publication changes through the liaison's actions; the computed flags are never
    # written by hand.
    _mrc_guarded_fields = frozenset({"mrc_is_published", "mrc_is_eligible", "mrc_is_vacancy"})

    mrc_is_vacancy = fields.Boolean(
        string="MRC Vacancy",
        compute="_compute_mrc_is_vacancy",
        store=True,
        index=True,
        help="A vacancy of an outside employer, offered to migrants by the centre.",
    )
    mrc_employer_id = fields.Many2one(
        "res.partner",
        string="Employer",
        index=True,
        tracking=True,
        domain="[('mrc_is_employer', '=', True)]",
    )
    mrc_agency_id = fields.Many2one(
        "res.partner",
        string="Recruitment Agency",
        index=True,
        tracking=True,
        domain="[('mrc_is_agency', '=', True)]",
    )
    mrc_country_id = fields.Many2one(
        "res.country", string="Country of Work", index=True, tracking=True
    )
    mrc_city = fields.Char(string="City of Work")
    mrc_occupation_id = fields.Many2one(
        "mrc.occupation", string="Occupation (ISCO)", index=True, tracking=True
    )
    mrc_skill_requirement_ids = fields.One2many(
        "mrc.job.skill", "job_id", string="Required Skills", copy=True
    )
    mrc_language_ids = fields.Many2many(
        "mrc.language",
        "hr_job_mrc_language_rel",
        "job_id",
        "language_id",
        string="Required Languages",
    )
    mrc_required_certification_skill_ids = fields.Many2many(
        "hr.skill",
        "hr_job_mrc_certification_skill_rel",
        "job_id",
        "skill_id",
        string="Required Certifications",
        help="Skills the migrant must hold a verified certification for.",
    )
    mrc_wage_amount = fields.Monetary(
        string="Wage", currency_field="mrc_wage_currency_id", tracking=True
    )
    mrc_wage_currency_id = fields.Many2one(
        "res.currency",
        string="Wage Currency",
        default=lambda self: self.env.company.currency_id,
    )
    mrc_wage_period = fields.Selection(
        WAGE_PERIODS, string="Wage Period", default="month", tracking=True
    )
    mrc_hours_per_week = fields.Float(string="Hours a Week", default=40.0)
    mrc_contract_months = fields.Integer(string="Contract (months)")
    mrc_housing_provided = fields.Boolean(string="Housing Provided")
    mrc_transport_provided = fields.Boolean(string="Transport Provided")
    mrc_worker_fee_amount = fields.Monetary(
        string="Fees Charged to the Worker",
        currency_field="mrc_wage_currency_id",
        tracking=True,
        help="Any recruitment fee or cost the worker pays. Fair recruitment requires zero.",
    )
    mrc_contract_in_worker_language = fields.Boolean(
        string="Contract in the Worker's Language", default=True
    )
    mrc_deadline = fields.Date(string="Application Deadline", index=True, tracking=True)
    mrc_is_published = fields.Boolean(
        string="Published",
        index=True,
        tracking=True,
        copy=False,
        help="Offered to migrants on the portal and by matching while eligible.",
    )
    mrc_positions_left = fields.Integer(
        string="Positions Left", compute="_compute_mrc_positions_left"
    )
    mrc_is_eligible = fields.Boolean(
        string="Eligible",
        compute="_compute_mrc_eligibility",
        store=True,
        index=True,
        help="Rule 1: safe employer and agency, no fee, minimum wage, open.",
    )
    mrc_is_offered = fields.Boolean(
        string="Offered to Migrants",
        compute="_compute_mrc_is_offered",
        search="_search_mrc_is_offered",
        help="Eligible, its application deadline not passed and its agency, if any, holding a "
        "licence valid today: what the portal, matching and referrals offer. Deadlines and "
        "licences lapse at midnight without any change the stored eligibility could notice; "
        "this field does, before the daily actions close the vacancy and suspend the agency.",
    )
    mrc_compliance_issues = fields.Text(
        string="Compliance Issues",
        compute="_compute_mrc_compliance_issues",
        help="Every reason, in words, that keeps the vacancy from migrants (rule 1).",
    )
    mrc_match_ids = fields.One2many("mrc.match", "job_id", string="Matches")
    mrc_match_count = fields.Integer(compute="_compute_mrc_match_count", string="Matches Count")

    @api.depends("mrc_employer_id")
    def _compute_mrc_is_vacancy(self):
        for job in self:
            job.mrc_is_vacancy = bool(job.mrc_employer_id)

    @api.depends("no_of_recruitment", "no_of_hired_employee")
    def _compute_mrc_positions_left(self):
        for job in self:
            job.mrc_positions_left = max(job.no_of_recruitment - job.no_of_hired_employee, 0)

    @api.depends(*ELIGIBILITY_DEPENDS)
    def _compute_mrc_eligibility(self):
        minimum_wages = self.env["mrc.minimum.wage"]._mrc_for_countries(self.mrc_country_id)
        for job in self:
            job.mrc_is_eligible = job.mrc_is_vacancy and not job._mrc_compliance_problems(
                minimum_wages
            )

    @api.depends("mrc_is_eligible", "mrc_deadline", "mrc_agency_id")
    def _compute_mrc_is_offered(self):
        today = self.env.company._mrc_today()
        unlicensed = self._mrc_unlicensed_agencies()
        for job in self:
            job.mrc_is_offered = (
                job.mrc_is_eligible
                and not (job.mrc_deadline and job.mrc_deadline < today)
                and job.mrc_agency_id not in unlicensed
            )

    def _search_mrc_is_offered(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Search vacancies offered to migrants with yes or no."))
        # Whether an agency holds a licence is all that is asked of its licences: answered as
        # superuser, so that migrants, who cannot read licences, get the same answer.
        licensed = self.env["res.partner"].sudo()._search([("mrc_has_valid_license", "=", True)])
        offered = [
            "&",
            "&",
            ("mrc_is_eligible", "=", True),
            "|",
            ("mrc_deadline", "=", False),
            ("mrc_deadline", ">=", self.env.company._mrc_today()),
            "|",
            ("mrc_agency_id", "=", False),
            ("mrc_agency_id", "in", licensed),
        ]
        return offered if (operator == "=") == value else ["!", *offered]

    def _compute_mrc_match_count(self):
        counts = dict(
            self.env["mrc.match"]._read_group(
                [("job_id", "in", self.ids), ("state", "!=", "dismissed")],
                ["job_id"],
                ["__count"],
            )
        )
        for job in self:
            job.mrc_match_count = counts.get(job, 0)

    def _mrc_recompute_eligibility(self):
        """Recompute rule 1 for these vacancies (after a change the ORM cannot see)."""
        if not self:
            return
        for name in ELIGIBILITY_FIELDS:
            self.env.add_to_compute(self._fields[name], self)
        self.flush_recordset(list(ELIGIBILITY_FIELDS))

    def _mrc_check_liaison(self):
        self._mrc_require_group(
            "mrc_recruiters.group_mrc_liaison",
            self.env._("Only employer liaison staff publish and withdraw vacancies."),
        )

    def action_mrc_publish(self):
        """Publish vacancies that meet every rule except being open (liaison staff only)."""
        self._mrc_check_liaison()
        for job in self:
            blocking = [
                message for code, message in job._mrc_offer_problems() if code not in ("closed",)
            ]
            if blocking:
                raise UserError(
                    self.env._(
                        "%(vacancy)s cannot be published:\n%(problems)s",
                        vacancy=job.display_name,
                        problems="\n".join(blocking),
                    )
                )
        self.sudo().write({"mrc_is_published": True})
        return True

    def action_mrc_unpublish(self):
        """Withdraw vacancies from migrants (liaison staff only)."""
        self._mrc_check_liaison()
        self.sudo().write({"mrc_is_published": False})
        return True

    def action_mrc_find_candidates(self):
        """Rank the migrants for these vacancies and show the matches, best first."""
        self.env["mrc.match.refresh"]._mrc_refresh_matches(jobs=self)
        return self.action_mrc_open_matches()

    def action_mrc_open_matches(self):
        action = self.env["ir.actions.act_window"]._for_xml_id("mrc_jobs.mrc_match_action")
        action.update(
            {
                "name": self.env._("Candidates for %s", self.display_name)
                if len(self) == 1
                else self.env._("Candidates"),
                "domain": [("job_id", "in", self.ids)],
                "context": {"default_job_id": self[:1].id, "search_default_filter_open": 1},
            }
        )
        return action

    def action_search_matching_candidates(self):
        """Replace the stock exact-overlap search with the MRC engine on MRC vacancies."""
        if self.mrc_is_vacancy:
            return self.action_mrc_find_candidates()
        return super().action_search_matching_candidates()

    def _mrc_withdraw(self, reason):
        """Unpublish these vacancies and say why in their chatter."""
        published = self.filtered("mrc_is_published")
        if not published:
            return
        published.sudo().write({"mrc_is_published": False})
        for job in published:
            job.message_post(body=self.env._("Vacancy withdrawn: %s", reason))

    @api.model
    def _mrc_cron_close_expired(self):
        """Scheduled action: close the published vacancies whose deadline has passed."""
        expired = self.search(
            [("mrc_is_published", "=", True), ("mrc_deadline", "<", self.env.company._mrc_today())]
        )
        expired._mrc_withdraw(self.env._("the application deadline has passed."))
        return len(expired)
