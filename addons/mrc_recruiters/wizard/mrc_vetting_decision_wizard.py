from odoo import fields, models

from ..models.res_partner import VETTING_STATES


class MrcVettingDecisionWizard(models.TransientModel):
    _name = "mrc.vetting.decision.wizard"
    _description = "Change of vetting state with its reason"

    partner_ids = fields.Many2many("res.partner", string="Organisations", required=True)
    target_state = fields.Selection(
        [(key, label) for key, label in VETTING_STATES if key != "vetted"],
        string="New state",
        required=True,
        default="suspended",
    )
    reason = fields.Text(required=True)

    def action_apply(self):
        self.ensure_one()
        self.partner_ids._mrc_set_vetting_state(self.target_state, self.reason)
        return {"type": "ir.actions.act_window_close"}
