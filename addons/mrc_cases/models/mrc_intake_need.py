from odoo import fields, models

NEED_TYPES = [
    ("employment", "Employment"),
    ("legal", "Legal"),
    ("health", "Health"),
    ("shelter", "Shelter"),
    ("psychosocial", "Psychosocial"),
    ("documents", "Documents"),
    ("financial", "Financial"),
    ("repatriation", "Repatriation"),
    ("family_tracing", "Family tracing"),
]
PRIORITIES = [("0", "Low"), ("1", "Medium"), ("2", "High"), ("3", "Critical")]


class MrcIntakeNeed(models.Model):
    """A need found at intake, with its priority."""

    _name = "mrc.intake.need"
    _description = "Need Found at Intake"
    _order = "priority desc, id"

    intake_id = fields.Many2one("mrc.intake", required=True, index=True, ondelete="cascade")
    need_type = fields.Selection(NEED_TYPES, string="Need", required=True, index=True)
    priority = fields.Selection(PRIORITIES, required=True, default="1", index=True)
    note = fields.Char(string="Details")
    is_met = fields.Boolean(string="Met", help="The need has been addressed.")
    candidate_id = fields.Many2one(related="intake_id.candidate_id", store=True, index=True)
    counsellor_id = fields.Many2one(related="intake_id.counsellor_id", store=True, index=True)
    company_id = fields.Many2one(related="intake_id.company_id", store=True, index=True)
    date = fields.Date(related="intake_id.date", store=True)
    gender = fields.Selection(related="intake_id.gender", store=True)

    _sql_constraints = [
        ("need_unique", "unique(intake_id, need_type)", "Each need is listed once per intake."),
    ]
