from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResPartner(models.Model):
    """Partner service providers of the referral network (legal aid, shelters, health, ...)."""

    _inherit = "res.partner"

    mrc_is_provider = fields.Boolean(
        string="Service Provider",
        index=True,
        tracking=True,
        help="A partner organisation migrants are referred to for a service.",
    )
    mrc_service_type_ids = fields.Many2many(
        "mrc.service.type",
        "mrc_service_type_provider_rel",
        "partner_id",
        "service_type_id",
        string="Services Given",
    )
    mrc_provider_language_ids = fields.Many2many(
        "mrc.language",
        "mrc_provider_language_rel",
        "partner_id",
        "language_id",
        string="Working Languages",
        help="The languages the provider works in.",
    )
    mrc_opening_hours = fields.Char(
        string="Opening Hours", help="For example: Mon-Fri 9:00-17:00, hotline 24 hours."
    )
    mrc_women_only = fields.Boolean(
        string="Serves Women Only",
        tracking=True,
        help="The provider takes referrals of women only (for example a women's shelter).",
    )
    mrc_service_referral_ids = fields.One2many(
        "mrc.service.referral", "partner_id", string="Service Referrals"
    )
    mrc_service_referral_count = fields.Integer(
        string="Referrals Received", compute="_compute_mrc_service_referral_count"
    )

    def _compute_mrc_service_referral_count(self):
        Referral = self.env["mrc.service.referral"]
        counts = {}
        if Referral.has_access("read"):
            counts = dict(
                Referral._read_group([("partner_id", "in", self.ids)], ["partner_id"], ["__count"])
            )
        for partner in self:
            partner.mrc_service_referral_count = counts.get(partner._origin, 0)

    @api.constrains("mrc_is_provider", "mrc_service_type_ids")
    def _check_mrc_provider_services(self):
        for partner in self:
            if partner.mrc_is_provider and not partner.mrc_service_type_ids:
                raise ValidationError(
                    self.env._("Service provider %s must give at least one service.", partner.name)
                )

    def action_mrc_open_service_referrals(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Service referrals"),
            "res_model": "mrc.service.referral",
            "view_mode": "list,kanban,form",
            "domain": [("partner_id", "=", self.id)],
            "context": {"default_partner_id": self.id},
        }
