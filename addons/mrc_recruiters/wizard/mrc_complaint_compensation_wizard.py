from odoo import fields, models


class MrcComplaintCompensationWizard(models.TransientModel):
    _name = "mrc.complaint.compensation.wizard"
    _description = "Compensation awarded on a complaint"

    complaint_id = fields.Many2one(
        "mrc.complaint", required=True, readonly=True, ondelete="cascade"
    )
    currency_id = fields.Many2one(related="complaint_id.currency_id")
    amount = fields.Monetary(
        string="Compensation awarded", currency_field="currency_id", required=True
    )

    def action_apply(self):
        self.ensure_one()
        self.complaint_id._mrc_award_compensation(self.amount)
        return {"type": "ir.actions.act_window_close"}
