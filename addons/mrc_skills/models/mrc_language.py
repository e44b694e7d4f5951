from odoo import fields, models


class MrcLanguage(models.Model):
    _name = "mrc.language"
    _description = "Language spoken by migrants"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        required=True,
        help="The two-letter ISO 639-1 code, for example 'es' or 'tl'; for a language that has "
        "none, the three-letter ISO 639-3 code, for example 'shn' (Shan).",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_unique", "unique(code)", "Each ISO 639 language code can be used only once."),
        (
            "code_format",
            "CHECK(code ~ '^[a-z]{2,3}$')",
            "The language code must be two lower-case letters (ISO 639-1, for example 'es') "
            "or, for a language without such a code, three lower-case letters (ISO 639-3, for "
            "example 'shn').",
        ),
    ]
