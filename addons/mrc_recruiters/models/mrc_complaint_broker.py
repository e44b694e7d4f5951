from odoo import api, fields, models
from odoo.exceptions import ValidationError


class MrcComplaint(models.Model):
    """A complaint may name a natural person as respondent: an individual broker or sub-agent,
    registered with the centre or just a name. Their agency (``mrc_broker_agency_id``) answers
    for their substantiated complaints in its risk score (lib/risk ``broker_complaints``)."""

    _inherit = "mrc.complaint"

    broker_id = fields.Many2one(
        "res.partner",
        string="Individual Broker",
        index="btree_not_null",
        tracking=True,
        domain="[('is_company', '=', False)]",
        help="A natural person complained against: a broker, sub-agent or middleman, with or "
        "without an organisation. Type a name to create a contact for an unregistered person.",
    )
    broker_agency_id = fields.Many2one(
        "res.partner",
        string="Broker's Agency",
        related="broker_id.mrc_broker_agency_id",
        store=True,
        index="btree_not_null",
        help="The recruitment agency the broker works for: it answers for the broker's "
        "substantiated complaints in its risk score.",
    )

    @api.constrains("partner_id", "broker_id")
    def _check_respondent(self):
        for complaint in self:
            if not complaint.partner_id and not complaint.broker_id:
                raise ValidationError(
                    self.env._(
                        "A complaint must name whom it is against: an employer, a recruitment "
                        "agency or an individual broker."
                    )
                )
            if complaint.broker_id.is_company:
                raise ValidationError(
                    self.env._(
                        "%s is an organisation: name it as the organisation complained "
                        "against, not as an individual broker.",
                        complaint.broker_id.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        # a constraint runs on create only for the fields given: check the respondent anyway
        complaints = super().create(vals_list)
        complaints._check_respondent()
        return complaints

    def _mrc_risk_partners(self):
        return super()._mrc_risk_partners() | self.sudo().broker_agency_id.with_env(self.env)
