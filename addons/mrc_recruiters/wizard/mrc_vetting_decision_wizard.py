from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..models.res_partner import VETTING_STATES

# What the wizard decides; vetting itself is the Vet button, which checks rule 2.
DECISION_STATES = [(key, label) for key, label in VETTING_STATES if key != "vetted"]


class MrcVettingDecisionWizard(models.TransientModel):
    _name = "mrc.vetting.decision.wizard"
    _description = "Change of vetting state with its reason"

    partner_ids = fields.Many2many("res.partner", string="Organisations", required=True)
    target_state = fields.Selection(
        DECISION_STATES, string="New state", required=True, default="suspended"
    )
    reason = fields.Text(required=True)

    @api.model
    def _mrc_check_target_state(self, state):
        """Refuse, with a clear message, a new state the wizard does not decide (a client
        may send any value; the selection alone would answer with a server error)."""
        if state and state not in dict(DECISION_STATES):
            raise ValidationError(
                self.env._(
                    "An organisation is vetted only with the Vet button, once every mandatory "
                    "check is passed; this decision can reject, suspend, blacklist or send "
                    "back to draft or review."
                )
            )

    @api.model
    def default_get(self, fields_list):
        state = self.env.context.get("default_target_state")
        self._mrc_check_target_state(state)
        return super().default_get(fields_list)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._mrc_check_target_state(vals.get("target_state"))
        return super().create(vals_list)

    def write(self, vals):
        self._mrc_check_target_state(vals.get("target_state"))
        return super().write(vals)

    def action_apply(self):
        self.ensure_one()
        self.partner_ids._mrc_set_vetting_state(self.target_state, self.reason)
        return {"type": "ir.actions.act_window_close"}
