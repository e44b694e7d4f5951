from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .event_type import TRAINING_KINDS


class EventEvent(models.Model):
    """Trainings and outreach sessions of the centre are Odoo events."""

    _inherit = "event.event"

    mrc_kind = fields.Selection(
        TRAINING_KINDS,
        string="MRC Kind",
        compute="_compute_mrc_kind",
        store=True,
        readonly=False,
        index=True,
        tracking=True,
    )
    mrc_portal_published = fields.Boolean(
        string="Open to Migrants",
        tracking=True,
        help="Migrants see the training on their portal and register for it themselves.",
    )
    mrc_reached_women = fields.Integer(string="Women Reached")
    mrc_reached_men = fields.Integer(string="Men Reached")
    mrc_reached_other = fields.Integer(
        string="Others Reached", help="People reached of another or undisclosed sex."
    )
    mrc_reached_total = fields.Integer(
        string="People Reached",
        compute="_compute_mrc_reached_total",
        store=True,
        help="The people reached counted by sex, when they are not registered one by one.",
    )

    _sql_constraints = [
        (
            "mrc_reached_not_negative",
            "CHECK(COALESCE(mrc_reached_women, 0) >= 0 AND COALESCE(mrc_reached_men, 0) >= 0 "
            "AND COALESCE(mrc_reached_other, 0) >= 0)",
            "The number of people reached cannot be negative.",
        ),
    ]

    @api.depends("event_type_id")
    def _compute_mrc_kind(self):
        for event in self:
            if event.event_type_id.mrc_kind:
                event.mrc_kind = event.event_type_id.mrc_kind
            elif not event.mrc_kind:
                event.mrc_kind = False

    @api.depends("mrc_reached_women", "mrc_reached_men", "mrc_reached_other")
    def _compute_mrc_reached_total(self):
        for event in self:
            event.mrc_reached_total = (
                event.mrc_reached_women + event.mrc_reached_men + event.mrc_reached_other
            )

    @api.constrains("mrc_reached_women", "mrc_reached_men", "mrc_reached_other")
    def _check_mrc_reached(self):
        for event in self:
            if min(event.mrc_reached_women, event.mrc_reached_men, event.mrc_reached_other) < 0:
                raise ValidationError(
                    self.env._("The number of people reached cannot be negative.")
                )

    @api.constrains("mrc_portal_published", "mrc_kind")
    def _check_mrc_portal_published(self):
        for event in self:
            if event.mrc_portal_published and event.mrc_kind in (False, "outreach"):
                raise ValidationError(
                    self.env._(
                        "Only a training (orientation, rights, financial literacy or skills) "
                        "is opened to migrants on the portal; %s is not one.",
                        event.name,
                    )
                )

    @api.model
    def _mrc_portal_domain(self):
        """Trainings a migrant may register for on the portal: open to migrants, not over."""
        return [
            ("mrc_portal_published", "=", True),
            ("mrc_kind", "not in", (False, "outreach")),
            ("date_end", ">=", fields.Datetime.now()),
        ]
