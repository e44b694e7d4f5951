from odoo import fields, models


class MrcLanguage(models.Model):
    _name = "mrc.language"
    _description = "Language spoken by migrants"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        required=True, size=2, help="Two-letter ISO 639-1 code, for example 'es' or 'tl'."
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_unique", "unique(code)", "Each ISO 639-1 language code can be used only once."),
        (
            "code_format",
            "CHECK(code ~ '^[a-z]{2}$')",
            "The language code must be two lower-case letters (ISO 639-1).",
        ),
    ]
