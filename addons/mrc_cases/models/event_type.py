from odoo import fields, models

TRAINING_KINDS = [
    ("orientation", "Pre-departure orientation"),
    ("rights", "Know your rights"),
    ("financial", "Financial literacy"),
    ("skills", "Skills training"),
    ("outreach", "Outreach session"),
]


class EventType(models.Model):
    _inherit = "event.type"

    mrc_kind = fields.Selection(
        TRAINING_KINDS,
        string="MRC Kind",
        help="What the centre offers with events of this template: a training migrants "
        "register for, or an outreach session counted by the people reached.",
    )
