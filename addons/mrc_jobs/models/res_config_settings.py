from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    mrc_match_weight_skills = fields.Float(
        string="Weight of skills",
        config_parameter="mrc_jobs.match_weight_skills",
        default=60.0,
        help="Share of the score given to the coverage of the vacancy's required skills.",
    )
    mrc_match_weight_occupation = fields.Float(
        string="Weight of occupation",
        config_parameter="mrc_jobs.match_weight_occupation",
        default=15.0,
        help="Share of the score given to the closeness of the desired occupation (ISCO).",
    )
    mrc_match_weight_languages = fields.Float(
        string="Weight of languages",
        config_parameter="mrc_jobs.match_weight_languages",
        default=10.0,
        help="Share of the score given to proficiency in the vacancy's languages.",
    )
    mrc_match_weight_country = fields.Float(
        string="Weight of country",
        config_parameter="mrc_jobs.match_weight_country",
        default=15.0,
        help="Share of the score given to a vacancy in one of the preferred countries.",
    )
    mrc_match_certificate_bonus = fields.Float(
        string="Certificate bonus",
        config_parameter="mrc_jobs.match_certificate_bonus",
        default=5.0,
        help="Points added for verified certificates of the required skills.",
    )
    mrc_match_threshold = fields.Float(
        string="Similarity threshold",
        config_parameter="mrc_jobs.match_threshold",
        default=82.0,
        help="Lowest similarity (0-100) at which two skill names count as the same skill.",
    )
    mrc_match_keep = fields.Integer(
        string="Suggestions per vacancy",
        config_parameter="mrc_jobs.match_keep",
        default=20,
        help="Migrants kept as suggested matches for each vacancy by the scheduled rematch.",
    )
    mrc_match_min_score = fields.Integer(
        string="Lowest score suggested",
        config_parameter="mrc_jobs.match_min_score",
        default=30,
        help="Matches scoring below this (0-100) are not suggested.",
    )

    @api.constrains(
        "mrc_match_weight_skills",
        "mrc_match_weight_occupation",
        "mrc_match_weight_languages",
        "mrc_match_weight_country",
        "mrc_match_certificate_bonus",
        "mrc_match_threshold",
        "mrc_match_keep",
        "mrc_match_min_score",
    )
    def _check_mrc_match_settings(self):
        for settings in self:
            weights = (
                settings.mrc_match_weight_skills,
                settings.mrc_match_weight_occupation,
                settings.mrc_match_weight_languages,
                settings.mrc_match_weight_country,
                settings.mrc_match_certificate_bonus,
            )
            if min(weights) < 0:
                raise ValidationError(self.env._("Matching weights cannot be negative."))
            if not 0 < settings.mrc_match_threshold <= 100:
                raise ValidationError(
                    self.env._("The similarity threshold lies between 1 and 100.")
                )
            if settings.mrc_match_keep < 1 or not 0 <= settings.mrc_match_min_score <= 100:
                raise ValidationError(
                    self.env._(
                        "Keep at least one suggestion per vacancy, with a lowest score "
                        "between 0 and 100."
                    )
                )

    def set_values(self):
        """Store zero weights too (the standard settings drop a parameter whose value is 0,
        which would bring the default back). Only an administrator saves settings, and only
        the values this settings record holds, once the standard values are stored."""
        self._mrc_check_settings_rights()
        refresh = self.env["mrc.match.refresh"].sudo()
        before = refresh._mrc_signature()
        result = super().set_values()
        params = self.env["ir.config_parameter"].sudo()
        for name, field in self._fields.items():
            if name.startswith("mrc_match_") and field.config_parameter:
                value = repr(self[name])
                if params.get_param(field.config_parameter) != value:
                    params.set_param(field.config_parameter, value)
        self._mrc_queue_rematch_if_changed(before)
        return result

    def _mrc_queue_rematch_if_changed(self, before):
        """New weights, suggestions kept or lowest score: every stored suggestion is ranked
        again, in background jobs on the ``root.mrc`` channel (Job Queue menu), instead of in
        the administrator's request; the hourly refresh then knows these settings."""
        refresh = self.env["mrc.match.refresh"].sudo()
        after = refresh._mrc_signature()
        if after == before:
            return 0
        queued = refresh._mrc_queue_rematch(everything=True)
        self.env["ir.config_parameter"].sudo().set_param("mrc_jobs.match_last_signature", after)
        return queued
