from odoo import api, fields, models


class MrcIntakeAssign(models.TransientModel):
    """Give a case to a counsellor (rule 8): a case of gender-based violence goes to a female
    counsellor trained in GBV; a manager may give it to another with a recorded reason."""

    _name = "mrc.intake.assign"
    _description = "Assign a Case to a Counsellor"

    intake_id = fields.Many2one("mrc.intake", string="Case", required=True, ondelete="cascade")
    is_gbv = fields.Boolean(related="intake_id.is_gbv")
    counsellor_id = fields.Many2one(
        "res.users",
        required=True,
        domain=lambda self: [
            ("share", "=", False),
            ("groups_id", "in", self.env.ref("mrc_recruiters.group_mrc_counsellor").ids),
        ],
    )
    is_eligible = fields.Boolean(compute="_compute_is_eligible")
    reason = fields.Text(
        help="Why a case of gender-based violence goes to a counsellor who is not a woman "
        "trained in GBV (managers only). Recorded on the case."
    )

    @api.depends("counsellor_id")
    def _compute_is_eligible(self):
        for wizard in self:
            wizard.is_eligible = wizard.counsellor_id.sudo().mrc_is_gbv_eligible

    def action_confirm(self):
        self.ensure_one()
        self.intake_id._mrc_assign(self.counsellor_id, self.reason)
        if self.intake_id.has_access("read"):
            return {"type": "ir.actions.act_window_close"}
        # handed to a colleague: the case is theirs now, back to the list of one's own
        return self.env["ir.actions.act_window"]._for_xml_id("mrc_cases.mrc_intake_action")
