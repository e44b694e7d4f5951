from odoo import fields, models

PROFICIENCIES = [
    ("basic", "Basic"),
    ("intermediate", "Intermediate"),
    ("fluent", "Fluent"),
    ("native", "Native"),
]


class MrcCandidateLanguage(models.Model):
    _name = "mrc.candidate.language"
    _description = "Language a Migrant Speaks"
    _order = "candidate_id, sequence, id"

    candidate_id = fields.Many2one(
        "hr.candidate", string="Migrant", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    language_id = fields.Many2one("mrc.language", required=True, index=True)
    proficiency = fields.Selection(PROFICIENCIES, required=True, default="intermediate")

    _sql_constraints = [
        (
            "candidate_language_unique",
            "UNIQUE(candidate_id, language_id)",
            "A language is listed once per migrant.",
        ),
    ]
