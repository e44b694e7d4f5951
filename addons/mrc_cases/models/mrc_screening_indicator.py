from odoo import fields, models


class MrcScreeningIndicator(models.Model):
    """A question of the intake screening: the ILO indicators of forced labour, and any the
    centre adds. Each says whether a "yes" points to trafficking or forced labour (the case
    becomes urgent) and whether it points to gender-based violence or sexual harassment (the
    case goes to a female counsellor trained in GBV)."""

    _name = "mrc.screening.indicator"
    _description = "Screening Indicator"
    _inherit = ["mail.thread"]
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True, tracking=True)
    code = fields.Char(required=True, help="A short unique code, for example 'wages'.")
    sequence = fields.Integer(default=10)
    description = fields.Text(
        string="What to ask", translate=True, help="How the counsellor asks about it."
    )
    is_trafficking_sign = fields.Boolean(
        string="Points to trafficking or forced labour",
        default=True,
        tracking=True,
        help="A yes marks the case urgent: a manager is told at once and an urgent referral is "
        "proposed.",
    )
    is_gbv = fields.Boolean(
        string="Points to gender-based violence",
        tracking=True,
        help="A yes makes it a case of gender-based violence or sexual harassment, offered only "
        "to a female counsellor trained in GBV.",
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_unique", "unique(code)", "Each screening indicator code can be used only once."),
    ]
