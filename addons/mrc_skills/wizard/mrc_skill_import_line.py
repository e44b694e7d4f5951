from odoo import api, fields, models
from odoo.exceptions import UserError


class MrcSkillImportLine(models.TransientModel):
    _name = "mrc.skill.import.line"
    _description = "Skill proposed by the PDF import"
    _order = "document_id, score desc, id"

    import_id = fields.Many2one(
        "mrc.skill.import", string="Import wizard", required=True, ondelete="cascade"
    )
    document_id = fields.Many2one(
        "mrc.skill.import.document",
        required=True,
        ondelete="cascade",
        domain="[('import_id', '=', import_id)]",
    )
    selected = fields.Boolean(string="Keep", default=True)
    skill_type_id = fields.Many2one("hr.skill.type", required=True)
    skill_id = fields.Many2one("hr.skill", domain="[('skill_type_id', '=', skill_type_id)]")
    new_skill_name = fields.Char(help="Name of a new skill to create when none fits.")
    skill_level_id = fields.Many2one(
        "hr.skill.level", string="Level", domain="[('skill_type_id', '=', skill_type_id)]"
    )
    score = fields.Float(digits=(5, 1), help="How closely the text matched (0-100).")
    matched_text = fields.Char(string="Text found")
    matched_alias = fields.Char(string="Matched name")
    create_certification = fields.Boolean(
        string="Certification",
        help="Create a certification carrying the PDF, to be verified; otherwise only the "
        "migrant's skill is recorded.",
    )

    @api.onchange("skill_id")
    def _onchange_skill_id(self):
        if self.skill_id and self.skill_level_id.skill_type_id != self.skill_id.skill_type_id:
            levels = self.skill_id.skill_type_id.skill_level_ids
            self.skill_level_id = levels.filtered("default_level")[:1] or levels[:1]

    def _check_complete(self):
        for line in self:
            if not line.skill_id and not line.new_skill_name:
                raise UserError(
                    self.env._("Choose a skill, or name a new one, on every selected line.")
                )
            if not line.skill_level_id:
                raise UserError(
                    self.env._("Choose a level for %s.", line.skill_id.name or line.new_skill_name)
                )
            if line.skill_level_id.skill_type_id != line.skill_type_id:
                raise UserError(
                    self.env._(
                        "The level %(level)s does not belong to the skill type %(type)s.",
                        level=line.skill_level_id.name,
                        type=line.skill_type_id.name,
                    )
                )

    def _create_missing_skills(self):
        """Create the new skills named on lines without one, with the text found as alias."""
        to_create = self.filtered(lambda line: not line.skill_id)
        if not to_create:
            return
        skills = self.env["hr.skill"].create(
            [
                {"name": line.new_skill_name.strip(), "skill_type_id": line.skill_type_id.id}
                for line in to_create
            ]
        )
        for line, skill in zip(to_create, skills):
            line.skill_id = skill
        aliases = [
            {"skill_id": line.skill_id.id, "name": line.matched_text}
            for line in to_create
            if line.matched_text and line.matched_text != line.skill_id.name
        ]
        if aliases:
            self.env["mrc.skill.alias"].create(aliases)
