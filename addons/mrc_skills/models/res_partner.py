from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    mrc_is_issuing_body = fields.Boolean(
        string="Issues certificates",
        help="Training centres, authorities and other bodies whose certificates migrants hold; "
        "the PDF import recognises them.",
    )
    mrc_issuer_acronym = fields.Char(
        string="Acronym", help="Short name written on certificates, for example SENA or TESDA."
    )
