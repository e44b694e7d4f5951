from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from .hr_candidate import SENSITIVE_GROUPS

FOLLOWUP_DAYS = (30, 90)


class HrApplicant(models.Model):
    _inherit = "hr.applicant"

    mrc_is_referral = fields.Boolean(
        related="job_id.mrc_is_vacancy", store=True, string="MRC Referral", index=True
    )
    mrc_match_id = fields.Many2one("mrc.match", string="Match", readonly=True, index=True)
    mrc_referred_by_id = fields.Many2one("res.users", string="Referred By", readonly=True)
    mrc_stage_type = fields.Selection(
        related="stage_id.mrc_stage_type", store=True, string="Referral Step"
    )
    mrc_placement_date = fields.Date(string="Placement Date", tracking=True, copy=False)
    mrc_is_placed = fields.Boolean(
        string="Placed", compute="_compute_mrc_is_placed", store=True, index=True
    )
    # Stored copies for monitoring and evaluation (pivot and graph by profile and place).
    mrc_gender = fields.Selection(related="candidate_id.mrc_gender", store=True)
    mrc_nationality_id = fields.Many2one(
        related="candidate_id.mrc_nationality_id", store=True, groups=SENSITIVE_GROUPS
    )
    mrc_country_id = fields.Many2one(related="job_id.mrc_country_id", store=True)
    mrc_occupation_id = fields.Many2one(related="job_id.mrc_occupation_id", store=True)
    mrc_employer_id = fields.Many2one(related="job_id.mrc_employer_id", store=True)

    @api.depends("mrc_placement_date")
    def _compute_mrc_is_placed(self):
        for applicant in self:
            applicant.mrc_is_placed = bool(applicant.mrc_placement_date)

    @api.depends("job_id")
    def _compute_stage(self):
        referred = self.env["hr.recruitment.stage"].search(
            [("mrc_stage_type", "=", "referred")], order="sequence", limit=1
        )
        mrc = self.filtered(lambda a: a.job_id.mrc_is_vacancy and not a.stage_id)
        for applicant in mrc:
            applicant.stage_id = referred
        return super(HrApplicant, self - mrc)._compute_stage()

    @api.model
    def _read_group_stage_ids(self, stages, domain):
        """MRC vacancies show the referral pipeline; other jobs keep their own stages."""
        result = super()._read_group_stage_ids(stages, domain)
        job = self.env["hr.job"].browse(self.env.context.get("default_job_id"))
        if self.env.context.get("mrc_referral_pipeline") or (job.exists() and job.mrc_is_vacancy):
            mrc_stages = self.env["hr.recruitment.stage"].search([("mrc_stage_type", "!=", False)])
            return (stages | mrc_stages).sorted("sequence")
        if not job.exists():
            return result
        return result.filtered(lambda s: not s.mrc_stage_type or s in stages)

    @api.model_create_multi
    def create(self, vals_list):
        applicants = super().create(vals_list)
        applicants.filtered("mrc_is_referral")._mrc_check_referral()
        applicants._mrc_record_placement()
        return applicants

    def write(self, vals):
        if "stage_id" in vals:
            self._mrc_check_stage_change()
        res = super().write(vals)
        if "job_id" in vals or "candidate_id" in vals:
            self.filtered("mrc_is_referral")._mrc_check_referral()
        if "stage_id" in vals:
            self._mrc_record_placement()
        return res

    def _mrc_check_stage_change(self):
        """A referral moves through its steps (interview, offer, hired) by a counsellor's hand
        only (rule 7)."""
        if not self.filtered("mrc_is_referral"):
            return
        self.env["mrc.guard.mixin"]._mrc_require_group(
            "mrc_recruiters.group_mrc_counsellor",
            self.env._("Only counsellors move a referral to another step."),
        )

    def _mrc_check_referral(self):
        """A referral sends the migrant's profile to an employer: the migrant must have
        consented (rule 6) and the vacancy must be offered today (rule 1), whoever creates the
        referral or changes its migrant or vacancy."""
        self.candidate_id._mrc_check_can_share()
        self._mrc_check_vacancy_eligible()

    def _mrc_check_vacancy_eligible(self):
        for applicant in self:
            job = applicant.job_id
            if not job.mrc_is_offered:
                raise UserError(
                    self.env._(
                        "%(migrant)s cannot be referred to %(vacancy)s: the vacancy is not "
                        "eligible.\n%(issues)s",
                        migrant=applicant.candidate_id.display_name,
                        vacancy=job.display_name,
                        issues=job.mrc_compliance_issues or "",
                    )
                )

    def _mrc_record_placement(self):
        """Hired: record the placement date and plan follow-ups at 30 and 90 days."""
        hired = self.filtered(
            lambda a: a.mrc_is_referral and a.stage_id.hired_stage and not a.mrc_placement_date
        )
        if not hired:
            return
        today = fields.Date.context_today(self)
        hired.write({"mrc_placement_date": today})
        hired._mrc_plan_followups(today)

    def _mrc_plan_followups(self, placement_date):
        """Plan the placement follow-ups of these referrals, ``FOLLOWUP_DAYS`` after
        ``placement_date``: here an activity each for the counsellor who referred the migrant.
        Hook: mrc_cases makes them records with structured answers instead."""
        today = placement_date
        activity_type = self.env.ref(
            "mrc_jobs.mail_activity_type_placement_followup", raise_if_not_found=False
        )
        for applicant in self:
            user = applicant.mrc_referred_by_id or applicant.user_id or self.env.user
            for days in FOLLOWUP_DAYS:
                applicant.activity_schedule(
                    activity_type_id=activity_type.id if activity_type else None,
                    date_deadline=today + relativedelta(days=days),
                    summary=self.env._("Follow-up %s days after placement", days),
                    note=self.env._(
                        "Check with %s that the job, wage and conditions match the offer.",
                        applicant.candidate_id.display_name,
                    ),
                    user_id=user.id,
                )
