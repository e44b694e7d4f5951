from odoo import api, fields, models


class MrcVettingCheck(models.Model):
    _name = "mrc.vetting.check"
    _description = "Vetting checklist line"
    _order = "partner_id, sequence, id"

    partner_id = fields.Many2one(
        "res.partner", string="Organisation", required=True, index=True, ondelete="cascade"
    )
    check_type_id = fields.Many2one(
        "mrc.vetting.check.type", string="Check", required=True, ondelete="restrict"
    )
    sequence = fields.Integer(related="check_type_id.sequence", store=True)
    is_mandatory = fields.Boolean(related="check_type_id.is_mandatory")
    result = fields.Selection(
        [("pass", "Pass"), ("fail", "Fail"), ("na", "Not applicable")],
        help="Empty while the check is still to do.",
    )
    reviewer_id = fields.Many2one("res.users", readonly=True)
    date = fields.Date(readonly=True)
    note = fields.Text()

    _sql_constraints = [
        (
            "check_unique",
            "unique(partner_id, check_type_id)",
            "Each check appears once on an organisation's checklist.",
        ),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._stamp_review(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._stamp_review(vals)
        return super().write(vals)

    def _stamp_review(self, vals):
        """Record who reviewed and when, whenever a result is given: the user who gives it,
        today. Only the superuser (for example demo data) records another reviewer or date."""
        if self.env.su:
            if vals.get("result"):
                vals.setdefault("reviewer_id", self.env.uid)
                vals.setdefault("date", fields.Date.context_today(self))
        elif vals.get("result") or {"reviewer_id", "date"} & set(vals):
            vals.update(reviewer_id=self.env.uid, date=fields.Date.context_today(self))
