from odoo import api, fields, models

from ..lib.normalize import normalize


class MrcSkillAlias(models.Model):
    _name = "mrc.skill.alias"
    _description = "Other name of a skill"
    _order = "skill_id, lang, name"

    skill_id = fields.Many2one("hr.skill", required=True, ondelete="cascade", index=True)
    skill_type_id = fields.Many2one(related="skill_id.skill_type_id", store=True)
    name = fields.Char(
        required=True, help="Another name, a translation or a common misspelling of the skill."
    )
    lang = fields.Char(
        string="Language", size=2, help="ISO 639-1 code of the alias' language (en, es...)."
    )
    normalized = fields.Char(
        compute="_compute_normalized", store=True, index=True, help="Canonical form for matching."
    )

    _sql_constraints = [
        (
            "name_unique",
            "unique(skill_id, name)",
            "This alias already exists for this skill.",
        ),
    ]

    @api.depends("name", "lang")
    def _compute_normalized(self):
        for alias in self:
            alias.normalized = normalize(alias.name or "", alias.lang or None)
