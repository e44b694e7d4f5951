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

    def _mrc_raise_skill_levels(self, wanted):
        """Give the migrant each skill at least at the wanted level, never lowering one.

        :param wanted: list of (hr.skill, hr.skill.level) pairs.
        :return: list of (hr.skill, hr.skill.level kept) pairs where the migrant already had a
            higher level than wanted, which the caller may report.
        """
        self.ensure_one()
        CandidateSkill = self.env["hr.candidate.skill"]
        existing = {line.skill_id: line for line in self.candidate_skill_ids}
        to_create, kept_higher = {}, []
        for skill, level in sorted(wanted, key=lambda pair: pair[1].level_progress):
            line = existing.get(skill)
            if not line:
                to_create[skill] = {
                    "candidate_id": self.id,
                    "skill_type_id": skill.skill_type_id.id,
                    "skill_id": skill.id,
                    "skill_level_id": level.id,
                }
            elif line.level_progress < level.level_progress:
                line.skill_level_id = level
            elif line.level_progress > level.level_progress:
                kept_higher.append((skill, line.skill_level_id))
        if to_create:
            CandidateSkill.create(list(to_create.values()))
        return kept_higher
