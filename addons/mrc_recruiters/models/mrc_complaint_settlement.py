from odoo import api, fields, models


class MrcComplaint(models.Model):
    """Remedies obtained on a complaint and whether it is settled: awarded (the decision,
    ``compensation_awarded``), paid (the money remedies recorded) and confirmed (those the
    migrant confirmed receiving) are reported separately."""

    _inherit = "mrc.complaint"  # pylint: disable=consider-merging-classes-inherited

    remedy_ids = fields.One2many("mrc.complaint.remedy", "complaint_id", string="Remedies")
    remedy_count = fields.Integer(compute="_compute_settlement", string="Remedy count", store=True)
    compensation_paid = fields.Monetary(
        string="Paid",
        currency_field="currency_id",
        compute="_compute_settlement",
        store=True,
        help="Money remedies recorded (compensation, wages recovered, fees refunded), in the "
        "complaint's currency.",
    )
    compensation_confirmed = fields.Monetary(
        string="Confirmed received",
        currency_field="currency_id",
        compute="_compute_settlement",
        store=True,
        help="The part of the money paid that the migrant confirmed receiving.",
    )
    is_settled = fields.Boolean(
        string="Settled",
        compute="_compute_settlement",
        store=True,
        index=True,
        help="At least one remedy obtained, every remedy confirmed by the migrant, and the money "
        "confirmed at least the compensation awarded.",
    )

    @api.depends(
        "remedy_ids.amount",
        "remedy_ids.currency_id",
        "remedy_ids.date",
        "remedy_ids.kind",
        "remedy_ids.is_confirmed",
        "currency_id",
        "compensation_awarded",
    )
    def _compute_settlement(self):
        for complaint in self:
            remedies = complaint.remedy_ids
            currency = complaint.currency_id or self.env.company.currency_id
            paid = confirmed = 0.0
            for remedy in remedies.filtered("is_money"):
                amount = remedy.currency_id._convert(
                    remedy.amount, currency, self.env.company, remedy.date or fields.Date.today()
                )
                paid += amount
                if remedy.is_confirmed:
                    confirmed += amount
            complaint.remedy_count = len(remedies)
            complaint.compensation_paid = paid
            complaint.compensation_confirmed = confirmed
            complaint.is_settled = bool(
                remedies
                and all(remedies.mapped("is_confirmed"))
                and currency.compare_amounts(confirmed, complaint.compensation_awarded) >= 0
            )

    def _mrc_post_remedy_note(self, remedies):
        """Note each new remedy in its complaint's thread (the complaint's followers learn)."""
        kinds = dict(remedies._fields["kind"]._description_selection(self.env))
        for remedy in remedies:
            amount = remedy.currency_id.format(remedy.amount) if remedy.is_money else ""
            remedy.complaint_id.message_post(
                body=self.env._(
                    "Remedy recorded: %(kind)s %(amount)s",
                    kind=kinds.get(remedy.kind, remedy.kind),
                    amount=amount,
                ),
                subtype_xmlid="mail.mt_note",
            )
