from odoo import fields, models

RELATIONSHIPS = [
    ("spouse", "Spouse or partner"),
    ("child", "Child"),
    ("parent", "Parent"),
    ("sibling", "Sibling"),
    ("grandparent", "Grandparent"),
    ("other_relative", "Other relative"),
    ("other", "Other"),
]


class MrcFamilyMember(models.Model):
    """A family member of the migrant recorded on a case, often a beneficiary of its
    assistance."""

    _name = "mrc.family.member"
    _description = "Family Member"
    _inherit = ["mail.thread"]
    _order = "intake_id, id"

    name = fields.Char(required=True, tracking=True)
    intake_id = fields.Many2one(
        "mrc.intake", string="Case", required=True, index=True, ondelete="cascade"
    )
    candidate_id = fields.Many2one(related="intake_id.candidate_id", store=True, index=True)
    counsellor_id = fields.Many2one(related="intake_id.counsellor_id", store=True, index=True)
    relationship = fields.Selection(RELATIONSHIPS, required=True, tracking=True)
    gender = fields.Selection(
        [("female", "Female"), ("male", "Male"), ("other", "Other")], string="Sex"
    )
    birthdate = fields.Date(string="Date of Birth")
    country_id = fields.Many2one("res.country", string="Lives In")
    phone = fields.Char()
    is_beneficiary = fields.Boolean(
        string="Beneficiary", default=True, tracking=True, help="Receives the case's assistance."
    )
    note = fields.Char(string="Details")
    company_id = fields.Many2one(related="intake_id.company_id", store=True, index=True)
