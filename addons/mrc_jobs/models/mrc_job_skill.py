from odoo import api, fields, models
from odoo.exceptions import ValidationError


class MrcJobSkill(models.Model):
    _name = "mrc.job.skill"
    _description = "Skill Required by a Vacancy"
    _order = "job_id, is_mandatory desc, weight desc, id"

    job_id = fields.Many2one(
        "hr.job", string="Vacancy", required=True, ondelete="cascade", index=True
    )
    skill_type_id = fields.Many2one("hr.skill.type", required=True)
    skill_id = fields.Many2one(
        "hr.skill",
        required=True,
        index=True,
        domain="[('skill_type_id', '=', skill_type_id)]",
    )
    min_level_id = fields.Many2one(
        "hr.skill.level",
        string="Minimum Level",
        domain="[('skill_type_id', '=', skill_type_id)]",
        help="Leave empty when any level will do.",
    )
    is_mandatory = fields.Boolean(
        string="Mandatory", help="A migrant without this skill at this level is not matched."
    )
    weight = fields.Float(default=1.0, help="Relative importance among the required skills.")

    _sql_constraints = [
        ("job_skill_unique", "UNIQUE(job_id, skill_id)", "A skill is required once per vacancy."),
        ("weight_positive", "CHECK(weight > 0)", "The weight of a skill must be positive."),
    ]

    @api.onchange("skill_id")
    def _onchange_skill_id(self):
        if self.skill_id:
            self.skill_type_id = self.skill_id.skill_type_id

    @api.constrains("skill_id", "skill_type_id", "min_level_id")
    def _check_skill_type(self):
        for line in self:
            if line.skill_id.skill_type_id != line.skill_type_id:
                raise ValidationError(
                    self.env._(
                        "The skill %(skill)s is not of the type %(type)s.",
                        skill=line.skill_id.name,
                        type=line.skill_type_id.name,
                    )
                )
            if line.min_level_id and line.min_level_id.skill_type_id != line.skill_type_id:
                raise ValidationError(
                    self.env._(
                        "The level %(level)s does not belong to the skill type %(type)s.",
                        level=line.min_level_id.name,
                        type=line.skill_type_id.name,
                    )
                )
