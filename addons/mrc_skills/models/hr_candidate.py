from odoo import api, fields, models


class HrCandidate(models.Model):
    _inherit = "hr.candidate"

    mrc_certification_ids = fields.One2many(
        "mrc.certification", "candidate_id", string="Certifications"
    )
    mrc_certification_count = fields.Integer(compute="_compute_mrc_certification_count")

    @api.depends("mrc_certification_ids")
    def _compute_mrc_certification_count(self):
        counts = dict(
            self.env["mrc.certification"]._read_group(
                [("candidate_id", "in", self.ids)], ["candidate_id"], ["__count"]
            )
        )
        for candidate in self:
            candidate.mrc_certification_count = counts.get(candidate, 0)

    def action_mrc_view_certifications(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "mrc_skills.mrc_certification_action"
        )
        action["domain"] = [("candidate_id", "=", self.id)]
        action["context"] = {"default_candidate_id": self.id}
        return action
