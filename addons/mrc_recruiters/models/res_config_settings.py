from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .ir_http import FORM_MAX_MB


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
    mrc_evidence_max_mb = fields.Float(
        string="Largest evidence file (MB)",
        config_parameter="mrc_recruiters.evidence_max_mb",
        default=5.0,
        digits=(6, 1),
        help="Each document or photo attached to a complaint on the portal may be at most this "
        "large.",
    )

    def set_values(self):
        self._mrc_check_settings_rights()
        if not 0 < self.mrc_risk_threshold <= 100:
            raise ValidationError(self.env._("The risk threshold must be between 0 and 100."))
        if self.mrc_risk_half_life_days <= 0:
            raise ValidationError(self.env._("The complaint half-life must be at least a day."))
        if self.mrc_license_warning_days < 0:
            raise ValidationError(self.env._("The licence warning cannot be negative."))
        if not 0 < self.mrc_evidence_max_mb <= FORM_MAX_MB:
            raise ValidationError(
                self.env._(
                    "The largest evidence file must be more than 0 and at most %s MB (what a "
                    "form may carry in all).",
                    FORM_MAX_MB,
                )
            )
        return super().set_values()

    def execute(self):
        self._mrc_check_settings_rights()
        return super().execute()

    def _mrc_check_settings_rights(self):
        """Refuse to store settings (rule 7) unless an administrator saves exactly one settings
        record: Odoo's ``set_values`` is callable over RPC and checks no rights, and on an
        empty recordset it would store every setting as empty. Each add-on's ``set_values``
        override calls this first, before it writes anything."""
        if not self.env.is_admin():
            raise AccessError(self.env._("Only administrators change the settings."))
        if len(self) != 1:
            raise UserError(self.env._("Settings are saved from one settings form at a time."))

    @api.model
    def _mrc_param(self, key):
        """The one reader of the MRC settings: the system parameter ``key`` converted to the
        type of the settings field that stores it, or that field's default when the parameter
        is unset or unreadable (the defaults are defined once, on the fields).

        :param str key: a ``config_parameter`` of a field of this model, for example
            ``mrc_recruiters.risk_threshold``
        :return: a float, an int or the stored text, by the field's type
        """
        field = next(
            (f for f in self._fields.values() if getattr(f, "config_parameter", None) == key),
            None,
        )
        if field is None:
            raise ValueError(f"No settings field stores {key!r}")
        default = field.default(self) if field.default else False
        raw = self.env["ir.config_parameter"].sudo().get_param(key)
        if raw in (None, False, ""):
            return default
        try:
            if field.type == "float":
                return float(raw)
            if field.type == "integer":
                return int(float(raw))
        except ValueError:
            return default
        return raw
