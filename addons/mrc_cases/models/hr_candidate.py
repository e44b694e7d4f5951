from odoo import fields, models
from odoo.exceptions import ValidationError

from odoo.addons.mrc_jobs.models.hr_candidate_erasure import QUIET_CONTEXT


class HrCandidate(models.Model):
    _inherit = "hr.candidate"

    mrc_intake_ids = fields.One2many("mrc.intake", "candidate_id", string="Intakes")
    mrc_intake_count = fields.Integer(compute="_compute_mrc_intake_count", string="Intake Count")

    def _compute_mrc_intake_count(self):
        counts = {}
        # liaison staff open the client card but read no intake
        if self.env["mrc.intake"].has_access("read"):
            counts = dict(
                self.env["mrc.intake"]._read_group(
                    [("candidate_id", "in", self.ids)], ["candidate_id"], ["__count"]
                )
            )
        for candidate in self:
            candidate.mrc_intake_count = counts.get(candidate, 0)

    def write(self, vals):
        if vals.get("user_id") and not self.env.su:
            self._mrc_check_card_counsellor(vals["user_id"])
        return super().write(vals)

    def _mrc_check_card_counsellor(self, user_id):
        """The client card's counsellor follows the case (rule 8): a migrant with an open case
        of gender-based violence keeps the case's counsellor, or a counsellor who may take it."""
        user = self.env["res.users"].sudo().browse(user_id)
        if user.mrc_is_gbv_eligible:
            return
        cases = (
            self.env["mrc.intake"]
            .sudo()
            .search(
                [("candidate_id", "in", self.ids), ("state", "=", "open"), ("is_gbv", "=", True)]
            )
        )
        if cases.filtered(lambda case: case.counsellor_id != user):
            raise ValidationError(
                self.env._(
                    "This migrant has an open case of gender-based violence: the counsellor "
                    "changes through the case's assignment, to a female counsellor trained in GBV "
                    "or by a manager's recorded override."
                )
            )

    def _mrc_erase(self):
        """Erasure on request also reaches the migrants' cases: the intakes stay for the
        statistics (channel, needs, screening answers, urgency, assistance given) without
        their free text, chatter and activities; the family members, other people's personal
        data, are deleted."""
        candidates = self.sudo().with_context(**QUIET_CONTEXT)
        intakes = candidates.env["mrc.intake"].search([("candidate_id", "in", candidates.ids)])
        family = intakes.family_member_ids
        candidates._mrc_purge_records([intakes, intakes.assistance_ids, family])
        family.unlink()
        intakes.write({"screening_note": False, "override_reason": False})
        for lines in (intakes.answer_ids, intakes.need_ids, intakes.assistance_ids):
            lines.write({"note": False})
        return super()._mrc_erase()

    def action_mrc_open_intakes(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("mrc_cases.mrc_intake_action")
        action.update(
            {
                "domain": [("candidate_id", "=", self.id)],
                "context": {"default_candidate_id": self.id},
            }
        )
        return action
