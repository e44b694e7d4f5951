from odoo import api, fields, models
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

    @api.model_create_multi
    def create(self, vals_list):
        candidates = super().create(vals_list)
        # A card may be created around a case (its intakes linked or created in the same
        # call): checked once they are in place, like a change of counsellor.
        if not self.env.su:
            candidates._mrc_check_gbv_counsellor()
        return candidates

    def write(self, vals):
        result = super().write(vals)
        # After the write: a case linked into the card in the same call counts too.
        if not self.env.su and ("user_id" in vals or "mrc_intake_ids" in vals):
            self._mrc_check_gbv_counsellor()
        return result

    def _mrc_check_gbv_counsellor(self):
        """The client card's counsellor follows the case (rule 8): a migrant with an open case
        of gender-based violence keeps the case's counsellor, or a counsellor who may take it.
        Checked after every creation of a card, change of its counsellor or of its cases, and
        move of a case to another card (mrc.intake), whoever makes it; the system's own
        synchronisation of the card (as superuser) follows the case and is not checked.

        :raise ValidationError: when a card's counsellor may not hold one of its open GBV
            cases
        """
        cards = self.sudo().filtered("user_id")
        if not cards:
            return
        cases = (
            self.env["mrc.intake"]
            .sudo()
            .search(
                [("candidate_id", "in", cards.ids), ("state", "=", "open"), ("is_gbv", "=", True)]
            )
        )
        for case in cases:
            user = case.candidate_id.user_id
            if case.counsellor_id != user and not user.mrc_is_gbv_eligible:
                raise ValidationError(
                    self.env._(
                        "This migrant has an open case of gender-based violence: the counsellor "
                        "changes through the case's assignment, to a female counsellor trained "
                        "in GBV or by a manager's recorded override."
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
