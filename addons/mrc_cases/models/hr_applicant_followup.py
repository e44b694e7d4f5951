from odoo import fields, models

from odoo.addons.mrc_jobs.models.hr_applicant import FOLLOWUP_DAYS


class HrApplicant(models.Model):
    """Placement follow-ups become records with structured answers (mrc.placement.followup)
    instead of bare activities."""

    _inherit = "hr.applicant"

    mrc_followup_ids = fields.One2many(
        "mrc.placement.followup", "applicant_id", string="Placement follow-ups"
    )
    mrc_followup_count = fields.Integer(compute="_compute_mrc_followup_count", string="Follow-ups")

    def _compute_mrc_followup_count(self):
        counts = dict(
            self.env["mrc.placement.followup"]._read_group(
                [("applicant_id", "in", self.ids)], ["applicant_id"], ["__count"]
            )
        )
        for applicant in self:
            applicant.mrc_followup_count = counts.get(applicant, 0)

    def _mrc_plan_followups(self, placement_date):
        result = super()._mrc_plan_followups(placement_date)
        self.env["mrc.placement.followup"]._mrc_plan(self, placement_date, FOLLOWUP_DAYS)
        return result

    def action_mrc_view_followups(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Follow-ups"),
            "res_model": "mrc.placement.followup",
            "view_mode": "list,form",
            "domain": [("applicant_id", "=", self.id)],
            "context": {"default_applicant_id": self.id},
        }
