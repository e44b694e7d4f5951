from odoo import fields, models


class MrcFlagLiftWizard(models.TransientModel):
    _name = "mrc.flag.lift.wizard"
    _description = "Lifting of an organisation's flag with its reason"

    partner_ids = fields.Many2many(
        "res.partner", string="Organisations", required=True, domain=[("mrc_is_flagged", "=", True)]
    )
    reason = fields.Text(required=True)

    def action_apply(self):
        self.ensure_one()
        self.partner_ids._mrc_lift_flag(self.reason)
        return {"type": "ir.actions.act_window_close"}
