from odoo import fields, models


class MrcVettingCheckType(models.Model):
    _name = "mrc.vetting.check.type"
    _description = "Vetting check type"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    description = fields.Text(translate=True, help="What the reviewer verifies and how.")
    sequence = fields.Integer(default=10)
    is_mandatory = fields.Boolean(
        string="Mandatory",
        default=True,
        help="An organisation is vetted only when every mandatory check that applies to it "
        "has passed.",
    )
    applies_to = fields.Selection(
        [("all", "All organisations"), ("employer", "Employers"), ("agency", "Agencies")],
        required=True,
        default="all",
    )
    active = fields.Boolean(default=True)

    def _mrc_applies_to(self, partner):
        """Whether this check type concerns ``partner`` (an employer and/or an agency)."""
        self.ensure_one()
        return (
            self.applies_to == "all"
            or (self.applies_to == "employer" and partner.mrc_is_employer)
            or (self.applies_to == "agency" and partner.mrc_is_agency)
        )
