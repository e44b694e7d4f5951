from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.mrc_recruiters.lib.risk import followup_severity

from ..lib.followup import QUESTIONS, broken_promises

ANSWERS = [("yes", "Yes"), ("no", "No")]
ANSWERS_NA = [*ANSWERS, ("na", "Not applicable")]

STATES = [
    ("planned", "Planned"),
    ("answered", "Answered"),
    ("cancelled", "Cancelled"),
]

# Who may answer a follow-up or open a complaint from it: the counsellors who keep the migrants'
# cards, complaints officers and managers (never the employer liaison).
STAFF_GROUPS = ("mrc_recruiters.group_mrc_counsellor", "mrc_recruiters.group_mrc_complaints")


class MrcPlacementFollowup(models.Model):
    """A placement follow-up, 30 or 90 days after a migrant is placed: seven structured
    questions on whether the job keeps its promises. A broken promise counts against the
    employer's risk score (through ``mrc.risk.engine._mrc_signal_facts``) like an open
    complaint, and offers to open a complaint with one click."""

    _name = "mrc.placement.followup"
    _description = "Placement Follow-up"
    _inherit = ["portal.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "date_due desc, id desc"

    name = fields.Char(compute="_compute_name", store=True)
    applicant_id = fields.Many2one(
        "hr.applicant", string="Placement", required=True, index=True, ondelete="cascade"
    )
    candidate_id = fields.Many2one(
        related="applicant_id.candidate_id", string="Migrant", store=True, index=True
    )
    partner_id = fields.Many2one(
        related="candidate_id.partner_id", string="Migrant's contact", store=True, index=True
    )
    job_id = fields.Many2one(related="applicant_id.job_id", string="Vacancy", store=True)
    employer_id = fields.Many2one(
        "res.partner",
        compute="_compute_employer_id",
        store=True,
        readonly=False,
        index=True,
    )
    counsellor_id = fields.Many2one(
        "res.users", index=True, tracking=True, default=lambda s: s.env.user
    )
    days = fields.Integer(string="Days after placement", required=True, default=30)
    date_due = fields.Date(string="Due", required=True, index=True, tracking=True)
    date_answered = fields.Date(string="Answered on", readonly=True, copy=False, tracking=True)
    answered_by = fields.Selection(
        [("counsellor", "Counsellor"), ("migrant", "The migrant, on the portal")],
        readonly=True,
        copy=False,
    )
    state = fields.Selection(STATES, default="planned", required=True, tracking=True, index=True)
    answer_wage = fields.Selection(ANSWERS, string="Is the wage as promised?", tracking=True)
    answer_contract = fields.Selection(
        ANSWERS, string="Is the contract the one signed (no substitution)?", tracking=True
    )
    answer_documents = fields.Selection(
        ANSWERS, string="Does the worker hold their own documents?", tracking=True
    )
    answer_fees = fields.Selection(ANSWERS, string="Were any fees charged?", tracking=True)
    answer_hours = fields.Selection(ANSWERS, string="Are the hours as agreed?", tracking=True)
    answer_housing = fields.Selection(ANSWERS_NA, string="Is housing as described?", tracking=True)
    answer_recommend = fields.Selection(
        ANSWERS, string="Would they recommend the employer?", tracking=True
    )
    notes = fields.Text()
    broken_codes = fields.Char(
        string="Broken promise keys", compute="_compute_broken", store=True, index=True
    )
    broken_summary = fields.Char(string="Broken promises", compute="_compute_broken_summary")
    has_broken_promise = fields.Boolean(
        string="Broken promise", compute="_compute_broken", store=True, index=True
    )
    severity = fields.Selection(
        [("low", "Low"), ("medium", "Medium"), ("high", "High"), ("critical", "Critical")],
        compute="_compute_broken",
        store=True,
    )
    has_complaint = fields.Boolean(string="Complaint opened", readonly=True, copy=False, index=True)
    complaint_id = fields.Many2one(
        "mrc.complaint",
        readonly=True,
        copy=False,
        index="btree_not_null",
        groups="mrc_recruiters.group_mrc_complaints",
    )

    @api.depends("days", "candidate_id", "job_id")
    def _compute_name(self):
        for followup in self:
            followup.name = self.env._(
                "%(days)s-day follow-up: %(migrant)s, %(job)s",
                days=followup.days,
                migrant=followup.candidate_id.partner_name or followup.candidate_id.display_name,
                job=followup.job_id.name or "",
            )

    @api.depends("job_id")
    def _compute_employer_id(self):
        for followup in self:
            if not followup.employer_id:
                followup.employer_id = followup.job_id.sudo().mrc_employer_id.id

    @api.depends(*QUESTIONS.values())
    def _compute_broken(self):
        for followup in self:
            broken = broken_promises({name: followup[name] for name in QUESTIONS.values()})
            followup.broken_codes = ",".join(broken) or False
            followup.has_broken_promise = bool(broken)
            followup.severity = followup_severity(broken) or False

    @api.depends("broken_codes")
    def _compute_broken_summary(self):
        for followup in self:
            labels = [
                followup._fields[QUESTIONS[key]]._description_string(self.env)
                for key in (followup.broken_codes or "").split(",")
                if key in QUESTIONS
            ]
            followup.broken_summary = "; ".join(labels)

    def _compute_access_url(self):
        result = super()._compute_access_url()
        for followup in self:
            followup.access_url = f"/my/followups/{followup.id}"
        return result

    @api.model_create_multi
    def create(self, vals_list):
        followups = super().create(vals_list)
        followups._mrc_update_employer_risk()
        return followups

    def write(self, vals):
        employers = self.employer_id
        result = super().write(vals)
        if {"state", "employer_id", "has_complaint", *QUESTIONS.values()} & set(vals):
            self._mrc_update_employer_risk(employers)
        return result

    def unlink(self):
        employers = self.employer_id
        result = super().unlink()
        self.env["mrc.risk.engine"]._mrc_update_risk(employers.exists())
        return result

    # ------------------------------------------------------------------ actions

    @api.model
    def _mrc_check_staff(self):
        if not self.env.su and not any(self.env.user.has_group(g) for g in STAFF_GROUPS):
            raise AccessError(
                self.env._("Only counsellors, complaints officers and managers handle follow-ups.")
            )

    def action_mrc_answered(self):
        """The counsellor recorded the answers: the follow-up is answered, today."""
        self._mrc_check_staff()
        self._mrc_mark_answered("counsellor")
        return True

    def _mrc_mark_answered(self, who):
        for followup in self:
            if followup.state != "planned":
                raise UserError(
                    self.env._("Follow-up %s is not waiting for answers.", followup.name)
                )
            missing = [
                followup._fields[name]._description_string(self.env)
                for name in QUESTIONS.values()
                if not followup[name]
            ]
            if missing:
                raise UserError(
                    self.env._(
                        "Answer every question of follow-up %(name)s first: %(missing)s",
                        name=followup.name,
                        missing="; ".join(missing),
                    )
                )
        self.write(
            {
                "state": "answered",
                "date_answered": fields.Date.context_today(self),
                "answered_by": who,
            }
        )
        self.sudo()._mrc_placement_activities().action_feedback(
            feedback=self.env._("Follow-up answered.")
        )

    def action_mrc_cancel(self):
        self._mrc_check_staff()
        self.filtered(lambda f: f.state == "planned").write({"state": "cancelled"})
        self._mrc_placement_activities().unlink()
        return True

    def action_mrc_send_link(self):
        """Send the migrant the link to answer this follow-up on the portal, in her thread."""
        self._mrc_check_staff()
        for followup in self:
            partner = followup.partner_id
            if not partner:
                raise UserError(self.env._("%s has no contact to send the link to.", followup.name))
            followup.message_post(
                body=self.env._(
                    "Please tell us how your job is going: %(url)s",
                    url=followup.get_base_url() + followup.access_url,
                ),
                partner_ids=partner.ids,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        return True

    def _mrc_update_employer_risk(self, employers=None):
        partners = (employers or self.browse().employer_id) | self.employer_id
        self.env["mrc.risk.engine"]._mrc_update_risk(partners)

    @api.model
    def _mrc_plan(self, applicants, placement_date, days_list):
        """Create the follow-ups of these placements ``days_list`` days after
        ``placement_date``, for the counsellor who referred the migrant (whose to-do mrc_jobs
        plans on the referral, done when the follow-up is answered). A follow-up already
        planned for the same placement and day is not planned twice.

        :return: the follow-ups created
        """
        planned = {
            (applicant.id, days)
            for applicant, days in self._read_group(
                [("applicant_id", "in", applicants.ids)], ["applicant_id", "days"]
            )
        }
        vals_list = []
        for applicant in applicants:
            user = applicant.mrc_referred_by_id or applicant.user_id or self.env.user
            for days in days_list:
                if (applicant.id, days) in planned:
                    continue
                vals_list.append(
                    {
                        "applicant_id": applicant.id,
                        "days": days,
                        "date_due": placement_date + relativedelta(days=days),
                        "counsellor_id": user.id,
                    }
                )
        return self.create(vals_list)

    def _mrc_placement_activities(self):
        """The to-dos of these follow-ups: mrc_jobs plans them on the referral, one per
        follow-up date, for the counsellor."""
        activity_type = self.env.ref(
            "mrc_jobs.mail_activity_type_placement_followup", raise_if_not_found=False
        )
        if not activity_type or not self:
            return self.env["mail.activity"]
        activities = self.env["mail.activity"].search(
            [
                ("res_model", "=", "hr.applicant"),
                ("res_id", "in", self.applicant_id.ids),
                ("activity_type_id", "=", activity_type.id),
            ]
        )
        due = {(f.applicant_id.id, f.date_due) for f in self}
        return activities.filtered(lambda a: (a.res_id, a.date_deadline) in due)
