from odoo import api, fields, models

CONSENT_ITEMS = [
    ("contact", "Contact details"),
    ("case_summary", "Case summary"),
    ("documents", "Documents"),
    ("screening", "Screening results"),
]


class MrcServiceReferralConsent(models.Model):
    """What the migrant agrees to share with the provider, one line per item (rule 9)."""

    _name = "mrc.service.referral.consent"
    _description = "Migrant's Consent to Share an Item with a Provider"
    _order = "referral_id, id"

    referral_id = fields.Many2one(
        "mrc.service.referral", required=True, index=True, ondelete="cascade"
    )
    item = fields.Selection(CONSENT_ITEMS, required=True)
    consented = fields.Boolean(string="Agreed to Share")
    note = fields.Char(help="For example: only the passport copy, not the payslips.")
    state = fields.Selection(related="referral_id.state")

    _sql_constraints = [
        (
            "item_unique",
            "UNIQUE(referral_id, item)",
            "Each item is listed once per referral.",
        ),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        referrals = self.env["mrc.service.referral"].browse(
            {vals.get("referral_id") for vals in vals_list if vals.get("referral_id")}
        )
        referrals._mrc_check_consent_editable()
        return super().create(vals_list)

    def write(self, vals):
        self.referral_id._mrc_check_consent_editable()
        if "referral_id" in vals:
            self.env["mrc.service.referral"].browse(
                vals["referral_id"]
            )._mrc_check_consent_editable()
        return super().write(vals)

    def unlink(self):
        self.referral_id._mrc_check_consent_editable()
        return super().unlink()
