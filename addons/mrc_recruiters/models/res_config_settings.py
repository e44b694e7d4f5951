from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    mrc_risk_threshold = fields.Float(
        string="Risk threshold",
        config_parameter="mrc_recruiters.risk_threshold",
        default=60.0,
        help="An organisation whose risk score reaches this value (0-100) is flagged.",
    )
    mrc_risk_half_life_days = fields.Integer(
        string="Complaint half-life (days)",
        config_parameter="mrc_recruiters.risk_half_life_days",
        default=365,
        help="A complaint weighs half as much in the risk score after this many days.",
    )
    mrc_license_warning_days = fields.Integer(
        string="Licence warning (days)",
        config_parameter="mrc_recruiters.license_warning_days",
        default=30,
        help="Liaison staff get an activity this many days before a licence expires.",
    )
