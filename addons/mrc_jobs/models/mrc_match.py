from odoo import api, fields, models
from odoo.exceptions import UserError

MATCH_STATES = [
    ("suggested", "Suggested"),
    ("shortlisted", "Shortlisted"),
    ("referred", "Referred"),
    ("dismissed", "Dismissed"),
]


class MrcMatch(models.Model):
    _name = "mrc.match"
    _description = "Match of a Migrant and a Vacancy"
    _inherit = ["mail.thread", "mrc.guard.mixin"]
    _order = "score desc, id"
    _rec_names_search = ["candidate_id", "job_id"]
    # Rule 7: the engine scores and explains (as superuser, after its own checks); the state
    # and the referral change through the counsellor's actions only.
    _mrc_guarded_fields = frozenset({"state", "score", "explanation", "applicant_id"})

    candidate_id = fields.Many2one(
        "hr.candidate", string="Migrant", required=True, ondelete="cascade", index=True
    )
    job_id = fields.Many2one(
        "hr.job", string="Vacancy", required=True, ondelete="cascade", index=True
    )
    score = fields.Float(digits=(5, 1), aggregator="avg", index=True)
    explanation = fields.Json()
    explanation_html = fields.Html(
        string="Why", compute="_compute_explanation_html", sanitize=False
    )
    state = fields.Selection(
        MATCH_STATES, default="suggested", required=True, index=True, tracking=True
    )
    applicant_id = fields.Many2one("hr.applicant", string="Referral", readonly=True, index=True)
    company_id = fields.Many2one(related="candidate_id.company_id", store=True, index=True)
    employer_id = fields.Many2one(related="job_id.mrc_employer_id", string="Employer")
    country_id = fields.Many2one(related="job_id.mrc_country_id", string="Country of Work")
    job_is_eligible = fields.Boolean(related="job_id.mrc_is_offered", string="Vacancy Eligible")
    candidate_consents = fields.Boolean(
        related="candidate_id.mrc_consent_share", string="Consents to Sharing"
    )

    _sql_constraints = [
        (
            "candidate_job_unique",
            "UNIQUE(candidate_id, job_id)",
            "A migrant and a vacancy are matched once.",
        ),
        ("score_range", "CHECK(score >= 0 AND score <= 100)", "A score lies between 0 and 100."),
    ]

    @api.depends("candidate_id", "job_id")
    def _compute_display_name(self):
        for match in self:
            match.display_name = f"{match.candidate_id.display_name} → {match.job_id.display_name}"

    @api.depends("explanation")
    @api.depends_context("lang")
    def _compute_explanation_html(self):
        """The stored explanation (data) in words, in the reader's language."""
        html = self.env["mrc.match.explanation"]._mrc_html(self)
        for match in self:
            match.explanation_html = html[match.id]

    def action_shortlist(self):
        self._mrc_check_counsellor()
        self._mrc_check_state(("suggested", "dismissed"), self.env._("shortlisted"))
        self.sudo().write({"state": "shortlisted"})
        return True

    def action_dismiss(self):
        self._mrc_check_counsellor()
        self._mrc_check_state(("suggested", "shortlisted"), self.env._("dismissed"))
        self.sudo().write({"state": "dismissed"})
        return True

    def action_refer(self):
        """Refer the migrants: one application each in the vacancy's referral pipeline.

        Refused, with the reason, when a vacancy is no longer eligible (rule 1) or a migrant has
        not consented to sharing their profile (rule 6): ``hr.applicant.create`` checks both for
        every referral, whoever creates it. Nothing is created unless all pass.
        """
        self._mrc_check_counsellor()
        self._mrc_check_state(("suggested", "shortlisted"), self.env._("referred"))
        stage = self.env["hr.recruitment.stage"].search(
            [("mrc_stage_type", "=", "referred")], order="sequence", limit=1
        )
        applicants = self.env["hr.applicant"].create(
            [
                {
                    "candidate_id": match.candidate_id.id,
                    "job_id": match.job_id.id,
                    "stage_id": stage.id,
                    "mrc_match_id": match.id,
                    "mrc_referred_by_id": self.env.user.id,
                    "company_id": match.job_id.company_id.id or match.candidate_id.company_id.id,
                }
                for match in self
            ]
        )
        for match, applicant in zip(self, applicants):
            match.sudo().write({"state": "referred", "applicant_id": applicant.id})
        if len(applicants) == 1:
            return applicants.get_formview_action()
        return True

    def action_open_applicant(self):
        self.ensure_one()
        return self.applicant_id.get_formview_action()

    def _mrc_check_counsellor(self):
        self._mrc_require_group(
            "mrc_recruiters.group_mrc_counsellor",
            self.env._("Only counsellors shortlist, dismiss and refer matches."),
        )
        self.check_access("write")

    def _mrc_check_state(self, allowed, target):
        wrong = self.filtered(lambda m: m.state not in allowed)
        if wrong:
            states = dict(self._fields["state"]._description_selection(self.env))
            raise UserError(
                self.env._(
                    "%(match)s is %(state)s and cannot be %(target)s.",
                    match=wrong[0].display_name,
                    state=states[wrong[0].state],
                    target=target,
                )
            )
