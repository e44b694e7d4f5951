from odoo import api, fields, models
from odoo.exceptions import ValidationError


class MrcReportPeriod(models.Model):
    _name = "mrc.report.period"
    _description = "M&E Report Period"
    _inherit = ["mail.thread"]
    _order = "date_from desc, id desc"

    name = fields.Char(required=True, tracking=True)
    date_from = fields.Date(string="From", required=True, tracking=True)
    date_to = fields.Date(string="To", required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    story_ids = fields.Many2many(
        "mrc.outcome.story",
        "mrc_outcome_story_report_period_rel",
        "period_id",
        "story_id",
        string="Outcome Stories",
        domain=[("consent_to_quote", "=", True)],
    )
    story_count = fields.Integer(compute="_compute_story_count", string="Stories")

    @api.depends("story_ids")
    def _compute_story_count(self):
        for period in self:
            period.story_count = len(period.story_ids)

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for period in self:
            if period.date_from > period.date_to:
                raise ValidationError(self.env._("A report period cannot end before it starts."))

    @api.constrains("story_ids")
    def _check_story_consent(self):
        for period in self:
            unconsented = period.story_ids.filtered(lambda story: not story.consent_to_quote)
            if unconsented:
                raise ValidationError(
                    self.env._(
                        "The story %s has no consent to quote: it cannot be selected for a report.",
                        unconsented[0].name,
                    )
                )

    def _mrc_quotable_stories(self):
        """The stories a report of this period may quote: selected and consented to."""
        self.ensure_one()
        return self.story_ids.filtered("consent_to_quote")
