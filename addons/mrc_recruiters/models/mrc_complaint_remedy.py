from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_date

REMEDY_KINDS = [
    ("compensation", "Compensation paid"),
    ("wages", "Wages recovered"),
    ("fee_refund", "Recruitment fee refunded"),
    ("documents", "Documents returned"),
    ("reinstatement", "Reinstatement or deployment"),
    ("apology", "Apology"),
    ("other", "Other"),
]

# The remedies that are money paid to the migrant: they need an amount.
MONEY_KINDS = frozenset({"compensation", "wages", "fee_refund"})


class MrcComplaintRemedy(models.Model):
    """A remedy actually obtained for the migrant on a complaint: money paid, documents
    returned, reinstatement, an apology. Written by complaints officers and managers only (ACL
    and :meth:`_mrc_check_remedy_rights`); the migrant's confirmation of receipt is what makes a
    complaint settled."""

    _name = "mrc.complaint.remedy"
    _description = "Remedy Obtained on a Complaint"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"
    _rec_name = "kind"

    complaint_id = fields.Many2one("mrc.complaint", required=True, ondelete="cascade", index=True)
    partner_id = fields.Many2one(
        related="complaint_id.partner_id", string="Organisation", store=True, index=True
    )
    company_id = fields.Many2one(
        related="complaint_id.company_id", string="Centre", store=True, index=True
    )
    kind = fields.Selection(REMEDY_KINDS, required=True, default="compensation", tracking=True)
    currency_id = fields.Many2one(
        "res.currency",
        required=True,
        default=lambda self: self.env.company.currency_id,
    )
    amount = fields.Monetary(currency_field="currency_id", tracking=True)
    date = fields.Date(
        string="Obtained on", required=True, default=fields.Date.context_today, tracking=True
    )
    is_confirmed = fields.Boolean(
        string="Receipt confirmed",
        tracking=True,
        help="The migrant confirmed receiving this remedy.",
    )
    date_confirmed = fields.Date(string="Confirmed on", tracking=True)
    note = fields.Char(help="What was obtained, from whom, how it was checked.")
    is_money = fields.Boolean(compute="_compute_is_money", store=True)
    amount_company = fields.Monetary(
        string="Amount (company currency)",
        compute="_compute_amount_company",
        store=True,
        currency_field="company_currency_id",
    )
    company_currency_id = fields.Many2one(
        "res.currency", default=lambda self: self.env.company.currency_id, readonly=True
    )

    _sql_constraints = [
        (
            "amount_not_negative",
            "CHECK(COALESCE(amount, 0) >= 0)",
            "A remedy's amount cannot be negative.",
        ),
    ]

    @api.depends("kind")
    def _compute_is_money(self):
        for remedy in self:
            remedy.is_money = remedy.kind in MONEY_KINDS

    @api.depends("amount", "currency_id", "date", "company_currency_id")
    def _compute_amount_company(self):
        for remedy in self:
            target = remedy.company_currency_id or self.env.company.currency_id
            remedy.amount_company = (
                remedy.currency_id._convert(
                    remedy.amount, target, self.env.company, remedy.date or fields.Date.today()
                )
                if remedy.currency_id
                else remedy.amount
            )

    @api.constrains("kind", "amount", "date", "is_confirmed", "date_confirmed")
    def _check_remedy(self):
        today = fields.Date.context_today(self)
        for remedy in self:
            if remedy.amount < 0:
                raise ValidationError(self.env._("A remedy's amount cannot be negative."))
            if remedy.kind in MONEY_KINDS and not remedy.amount:
                raise ValidationError(self.env._("Enter the amount paid for a remedy of money."))
            if remedy.date and remedy.date > today:
                raise ValidationError(
                    self.env._(
                        "A remedy is recorded once obtained: its date cannot be in the future."
                    )
                )
            if remedy.date_confirmed and remedy.date and remedy.date_confirmed < remedy.date:
                raise ValidationError(
                    self.env._("The receipt cannot be confirmed before the remedy was obtained.")
                )

    @api.model
    def _mrc_check_amount_vals(self, vals):
        """Refuse a negative amount before it reaches the database constraint."""
        if (vals.get("amount") or 0) < 0:
            raise ValidationError(self.env._("A remedy's amount cannot be negative."))

    @api.model
    def _mrc_check_remedy_rights(self):
        """Remedies are decisions on a complaint: complaints officers and managers only,
        whatever the request's context says (rule 7)."""
        if not self.env.su and not self.env.user.has_group("mrc_recruiters.group_mrc_complaints"):
            raise AccessError(
                self.env._("Only complaints officers and managers record remedies on complaints.")
            )

    @api.model_create_multi
    def create(self, vals_list):
        self._mrc_check_remedy_rights()
        today = fields.Date.context_today(self)
        for vals in vals_list:
            self._mrc_check_amount_vals(vals)
            if vals.get("is_confirmed") and not vals.get("date_confirmed"):
                vals["date_confirmed"] = today
        remedies = super().create(vals_list)
        remedies.complaint_id._mrc_post_remedy_note(remedies)
        return remedies

    def write(self, vals):
        self._mrc_check_remedy_rights()
        self._mrc_check_amount_vals(vals)
        if vals.get("is_confirmed") and "date_confirmed" not in vals:
            vals = dict(vals, date_confirmed=fields.Date.context_today(self))
        elif "is_confirmed" in vals and not vals["is_confirmed"]:
            vals = dict(vals, date_confirmed=False)
        return super().write(vals)

    def unlink(self):
        self._mrc_check_remedy_rights()
        return super().unlink()

    def action_confirm_receipt(self):
        """The migrant confirmed receiving the remedy: record it, today."""
        self._mrc_check_remedy_rights()
        self.filtered(lambda r: not r.is_confirmed).write({"is_confirmed": True})
        return True

    @api.model
    def _mrc_confirm_by_complainant(self, complaint_id, remedy_id):
        """The migrant confirms on the portal that she received a remedy paid to her: the
        caller must be the complainant of the named (not anonymous) complaint the remedy is
        recorded on, the remedy money paid and not confirmed yet. Checked as the caller, then
        written as superuser (remedies are otherwise written by complaints officers only) with
        today's date and a note in the complaint's thread.

        :param int complaint_id: the complaint of the portal page
        :param int remedy_id: the remedy she confirms
        :return: the remedy, confirmed
        :raise UserError: with what is wrong; nothing is written
        """
        partner = self.env.user.partner_id
        complaint = self.env["mrc.complaint"].sudo().browse(complaint_id).exists()
        if (
            not complaint
            or complaint.is_anonymous
            or not complaint.complainant_partner_id
            or complaint.complainant_partner_id != partner
        ):
            raise UserError(
                self.env._("Only the person who lodged a complaint confirms its remedies.")
            )
        remedy = self.sudo().browse(remedy_id).exists()
        if not remedy or remedy.complaint_id != complaint:
            raise UserError(self.env._("This remedy is not recorded on your complaint."))
        # One confirmation at a time: a second post waits here, then finds it confirmed.
        self.env.cr.execute(
            "SELECT id FROM mrc_complaint_remedy WHERE id = %s FOR UPDATE", [remedy.id]
        )
        remedy.invalidate_recordset(["is_confirmed", "date_confirmed"])
        if not remedy.is_money:
            raise UserError(
                self.env._(
                    "Only money paid to you is confirmed here. Tell your complaints officer "
                    "when you received the other remedies."
                )
            )
        if remedy.is_confirmed:
            raise UserError(
                self.env._(
                    "You already confirmed receiving this payment, on %s.",
                    format_date(self.env, remedy.date_confirmed),
                )
            )
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        # Her today, never before the day the officer recorded it (another time zone).
        today = max(fields.Date.context_today(self), remedy.date)
        remedy.write({"is_confirmed": True, "date_confirmed": today})
        complaint.message_post(
            body=self.env._(
                "%(name)s confirmed on the portal receiving the remedy: %(kind)s %(amount)s",
                name=partner.name,
                kind=kinds.get(remedy.kind, remedy.kind),
                amount=remedy.currency_id.format(remedy.amount),
            ),
            author_id=partner.id,
            subtype_xmlid="mail.mt_note",
        )
        return remedy
