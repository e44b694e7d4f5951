from odoo import fields, models

from odoo.addons.mrc_recruiters.models.mrc_complaint import REFERRAL_TARGETS


class MrcServiceType(models.Model):
    _name = "mrc.service.type"
    _description = "Service Given by a Partner Provider"
    _order = "sequence, name, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        help="A short technical name, unique, for reports and data exchange (e.g. legal_aid)."
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)
    color = fields.Integer()
    complaint_target = fields.Selection(
        REFERRAL_TARGETS,
        string="Complaint Referral Kind",
        help="The kind of referral a complaint sent to a provider of this service counts as "
        "in the complaint statistics (the fixed list complaints used before providers).",
    )
    provider_ids = fields.Many2many(
        "res.partner",
        "mrc_service_type_provider_rel",
        "service_type_id",
        "partner_id",
        string="Providers",
        domain=[("mrc_is_provider", "=", True)],
    )
    provider_count = fields.Integer(compute="_compute_provider_count")

    _sql_constraints = [
        ("code_unique", "UNIQUE(code)", "Two services cannot have the same code."),
    ]

    def _compute_provider_count(self):
        for service in self:
            service.provider_count = len(service.provider_ids)
