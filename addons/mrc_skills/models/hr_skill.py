from odoo import api, fields, models


class HrSkill(models.Model):
    _inherit = "hr.skill"

    mrc_alias_ids = fields.One2many("mrc.skill.alias", "skill_id", string="Aliases")
    mrc_alias_count = fields.Integer(compute="_compute_mrc_alias_count", string="Alias count")

    @api.depends("mrc_alias_ids")
    def _compute_mrc_alias_count(self):
        for skill in self:
            skill.mrc_alias_count = len(skill.mrc_alias_ids)
