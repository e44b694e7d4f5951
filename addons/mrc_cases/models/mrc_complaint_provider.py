from odoo import api, fields, models

from odoo.addons.mrc_recruiters.models.mrc_complaint import REFERRAL_TARGETS


class MrcComplaint(models.Model):
    """A complaint is referred to a provider of the referral network. The fixed list of
    referral kinds it used before stays, read-only where a provider is named: it follows from
    the provider's services (``mrc.service.type.complaint_target``) and keeps the statistics
    comparable; complaints referred before keep their kind."""

    _inherit = "mrc.complaint"

    mrc_referral_partner_id = fields.Many2one(
        "res.partner",
        string="Referred to",
        index="btree_not_null",
        tracking=True,
        domain="[('mrc_is_provider', '=', True)]",
        help="The partner service provider the complaint is referred to.",
    )
    referral_target = fields.Selection(
        selection_add=[("provider", "Partner service provider")],
        ondelete={"provider": "set null"},
        compute="_compute_referral_target",
        store=True,
        readonly=False,
        string="Referral Kind",
    )

    @api.depends("mrc_referral_partner_id")
    def _compute_referral_target(self):
        targets = {key for key, _label in REFERRAL_TARGETS}
        for complaint in self:
            provider = complaint.mrc_referral_partner_id
            if not provider:
                complaint.referral_target = complaint.referral_target
                continue
            kinds = [
                s.complaint_target
                for s in provider.sudo().mrc_service_type_ids.sorted("sequence")
                if s.complaint_target in targets
            ]
            complaint.referral_target = kinds[0] if kinds else "provider"
