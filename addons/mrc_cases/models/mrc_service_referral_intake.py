from odoo import api, fields, models
from odoo.exceptions import ValidationError


class MrcServiceReferral(models.Model):
    """The referral an intake proposed (``mrc.intake.action_mrc_propose_referral`` passes
    ``intake_id``); its screening results are shared only with the migrant's consent."""

    _inherit = "mrc.service.referral"

    intake_id = fields.Many2one(
        "mrc.intake",
        index="btree_not_null",
        ondelete="set null",
        tracking=True,
        help="The intake assessment that proposed this referral.",
    )

    @api.constrains("intake_id", "candidate_id")
    def _check_intake_candidate(self):
        for referral in self.sudo():
            if referral.intake_id and referral.intake_id.candidate_id != referral.candidate_id:
                raise ValidationError(
                    self.env._("The intake of a referral must be the same migrant's.")
                )

    def _mrc_screening_summary(self):
        """The indicators answered yes at the intake, by name (shared with consent only)."""
        summary = super()._mrc_screening_summary()
        intake = self.sudo().intake_id
        if not intake:
            return summary
        signs = intake.answer_ids.filtered(lambda a: a.answer == "yes").indicator_id
        found = ", ".join(signs.mapped("name"))
        return "; ".join(part for part in (summary, found) if part)
