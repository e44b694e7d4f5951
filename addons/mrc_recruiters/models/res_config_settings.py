from odoo import fields, models
from odoo.exceptions import ValidationError


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

    def set_values(self):
        for settings in self:
            if not 0 < settings.mrc_risk_threshold <= 100:
                raise ValidationError(self.env._("The risk threshold must be between 0 and 100."))
            if settings.mrc_risk_half_life_days <= 0:
                raise ValidationError(self.env._("The complaint half-life must be at least a day."))
            if settings.mrc_license_warning_days < 0:
                raise ValidationError(self.env._("The licence warning cannot be negative."))
        return super().set_values()
