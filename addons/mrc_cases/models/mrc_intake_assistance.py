from odoo import fields, models

ASSISTANCE_TYPES = [
    ("food", "Food"),
    ("cash", "Cash"),
    ("transport", "Transport"),
    ("shelter", "Shelter nights"),
    ("protective_equipment", "Protective equipment"),
]


class MrcIntakeAssistance(models.Model):
    """Emergency assistance given to a migrant on a case: what, how much, worth how much."""

    _name = "mrc.intake.assistance"
    _description = "Emergency Assistance"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"

    intake_id = fields.Many2one(
        "mrc.intake", string="Case", required=True, index=True, ondelete="cascade"
    )
    candidate_id = fields.Many2one(related="intake_id.candidate_id", store=True, index=True)
    counsellor_id = fields.Many2one(related="intake_id.counsellor_id", store=True, index=True)
    assistance_type = fields.Selection(
        ASSISTANCE_TYPES, string="Assistance", required=True, index=True, tracking=True
    )
    date = fields.Date(required=True, default=fields.Date.context_today, index=True)
    quantity = fields.Float(
        default=1.0, digits=(16, 2), tracking=True, help="Nights for shelter, units otherwise."
    )
    value = fields.Monetary(currency_field="currency_id", tracking=True)
    currency_id = fields.Many2one(
        "res.currency", required=True, default=lambda self: self.env.company.currency_id
    )
    given_by_id = fields.Many2one("res.users", default=lambda self: self.env.user)
    note = fields.Char(string="Details")
    company_id = fields.Many2one(related="intake_id.company_id", store=True, index=True)
    gender = fields.Selection(related="intake_id.gender", store=True)

    _sql_constraints = [
        (
            "quantity_positive",
            "CHECK(quantity > 0)",
            "The quantity of assistance must be positive.",
        ),
        ("value_positive", "CHECK(value >= 0)", "The value of assistance cannot be negative."),
    ]

    def _compute_display_name(self):
        labels = dict(self._fields["assistance_type"]._description_selection(self.env))
        for line in self:
            line.display_name = " - ".join(
                filter(None, [labels.get(line.assistance_type), line.intake_id.name])
            )
