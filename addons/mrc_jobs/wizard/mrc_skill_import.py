from odoo import models


class MrcSkillImport(models.TransientModel):
    _inherit = "mrc.skill.import"

    def action_confirm(self):
        """A card whose CV or certificates the centre imports is the centre's client."""
        result = super().action_confirm()
        self.candidate_id._mrc_mark_client()
        return result
