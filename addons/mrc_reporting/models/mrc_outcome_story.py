from odoo import api, fields, models
from odoo.exceptions import ValidationError


class MrcOutcomeStory(models.Model):
    """Outcome harvesting: a change in a migrant's life the centre contributed to, told with
    its evidence; quoted in a report only with the migrant's consent."""

    _name = "mrc.outcome.story"
    _description = "Outcome Story"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"

    name = fields.Char(string="Title", required=True, tracking=True)
    date = fields.Date(required=True, default=fields.Date.context_today, index=True, tracking=True)
    candidate_id = fields.Many2one(
        "hr.candidate", string="Migrant", index="btree_not_null", tracking=True
    )
    complaint_id = fields.Many2one(
        "mrc.complaint",
        index="btree_not_null",
        groups="mrc_recruiters.group_mrc_complaints",
    )
    referral_id = fields.Many2one(
        "mrc.service.referral", string="Service Referral", index="btree_not_null"
    )
    user_id = fields.Many2one(
        "res.users",
        string="Recorded by",
        default=lambda self: self.env.user,
        index=True,
        tracking=True,
    )
    what_changed = fields.Text(required=True)
    for_whom = fields.Char(required=True)
    contribution = fields.Text(string="How the Centre Contributed", required=True)
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "mrc_outcome_story_attachment_rel",
        "story_id",
        "attachment_id",
        string="Evidence",
    )
    consent_to_quote = fields.Boolean(
        string="Consent to Quote",
        tracking=True,
        help="The migrant agreed that this story be quoted in reports. Without it the story "
        "is never put in a report.",
    )
    consent_date = fields.Date(string="Consent Recorded on", tracking=True)
    period_ids = fields.Many2many(
        "mrc.report.period",
        "mrc_outcome_story_report_period_rel",
        "story_id",
        "period_id",
        string="Report Periods",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )

    @api.constrains("candidate_id", "referral_id", "complaint_id")
    def _check_belongs(self):
        for story in self:
            if not (story.candidate_id or story.referral_id or story.sudo().complaint_id):
                raise ValidationError(
                    self.env._("An outcome story belongs to a migrant, a complaint or a referral.")
                )

    @api.constrains("consent_to_quote", "period_ids")
    def _check_consent(self):
        for story in self:
            if story.period_ids and not story.consent_to_quote:
                raise ValidationError(
                    self.env._(
                        "The story %s has no consent to quote: it cannot be selected for a report.",
                        story.name,
                    )
                )

    @api.onchange("consent_to_quote")
    def _onchange_consent_to_quote(self):
        if self.consent_to_quote and not self.consent_date:
            self.consent_date = fields.Date.context_today(self)

    def write(self, vals):
        # Consent withdrawn: the story leaves every report it was selected for.
        if "consent_to_quote" in vals and not vals["consent_to_quote"]:
            vals = dict(vals, period_ids=[fields.Command.clear()])
        return super().write(vals)
