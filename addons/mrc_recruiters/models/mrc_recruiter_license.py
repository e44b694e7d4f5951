from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

LICENSE_STATES = [
    ("pending", "Not yet valid"),
    ("valid", "Valid"),
    ("expiring", "Expiring soon"),
    ("expired", "Expired"),
    ("revoked", "Revoked"),
]
# The states of a licence valid on the day: the licence state (its compute, and its search,
# which mirrors it) is the one test of validity; everything else reads the state.
VALID_STATES = ("valid", "expiring")


class MrcRecruiterLicense(models.Model):
    _name = "mrc.recruiter.license"
    _description = "Recruitment licence"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_to desc, id desc"

    name = fields.Char(string="Licence number", required=True, tracking=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Organisation",
        required=True,
        index=True,
        ondelete="cascade",
        domain="[('is_company', '=', True)]",
    )
    authority = fields.Char(string="Issuing authority", required=True)
    country_id = fields.Many2one("res.country", string="Issuing country", required=True)
    date_from = fields.Date(string="Valid from", required=True, tracking=True)
    date_to = fields.Date(string="Valid to", required=True, index=True, tracking=True)
    document = fields.Binary(attachment=True, copy=False)
    document_name = fields.Char(string="File name")
    is_revoked = fields.Boolean(string="Revoked", tracking=True, copy=False)
    state = fields.Selection(
        LICENSE_STATES, compute="_compute_state", search="_search_state", string="Status"
    )

    _sql_constraints = [
        (
            "number_country_unique",
            "unique(name, country_id)",
            "A licence number must be unique within its issuing country.",
        ),
    ]

    @api.model
    def _mrc_warning_days(self):
        return self.env["res.config.settings"]._mrc_param("mrc_recruiters.license_warning_days")

    @api.depends("date_from", "date_to", "is_revoked")
    @api.depends_context("date")
    def _compute_state(self):
        """The one decision on a licence's validity, on the centre's today
        (``res.company._mrc_today``); ``_search_state`` is its domain mirror."""
        today = self.env.company._mrc_today()
        horizon = today + timedelta(days=self._mrc_warning_days())
        for licence in self:
            if licence.is_revoked:
                licence.state = "revoked"
            elif not licence.date_to or licence.date_to < today:
                licence.state = "expired"
            elif licence.date_from and licence.date_from > today:
                licence.state = "pending"
            elif licence.date_to <= horizon:
                licence.state = "expiring"
            else:
                licence.state = "valid"

    def _search_state(self, operator, value):
        if operator not in ("=", "!=", "in", "not in"):
            raise ValidationError(self.env._("Unsupported search on the licence status."))
        values = {value} if isinstance(value, str) else set(value or ())
        today = self.env.company._mrc_today()
        horizon = today + timedelta(days=self._mrc_warning_days())
        per_state = {
            "revoked": [("is_revoked", "=", True)],
            "expired": [("is_revoked", "=", False), ("date_to", "<", today)],
            "pending": [
                ("is_revoked", "=", False),
                ("date_to", ">=", today),
                ("date_from", ">", today),
            ],
            "expiring": [
                ("is_revoked", "=", False),
                ("date_from", "<=", today),
                ("date_to", ">=", today),
                ("date_to", "<=", horizon),
            ],
            "valid": [
                ("is_revoked", "=", False),
                ("date_from", "<=", today),
                ("date_to", ">", horizon),
            ],
        }
        domain = []
        for state in values:
            leaves = per_state.get(state)
            if leaves is None:
                continue
            part = ["&"] * (len(leaves) - 1) + leaves
            domain = (["|"] + domain + part) if domain else part
        if not domain:
            domain = [(0, "=", 1)]
        if operator in ("!=", "not in"):
            domain = ["!"] + domain
        return domain

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for licence in self:
            if licence.date_from and licence.date_to and licence.date_to < licence.date_from:
                raise ValidationError(
                    self.env._("Licence %s cannot end before it starts.", licence.name)
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name"):
                vals["name"] = vals["name"].strip().upper()
        self._check_number_free([(vals.get("name"), vals.get("country_id")) for vals in vals_list])
        licences = super().create(vals_list)
        self.env["mrc.risk.engine"]._mrc_update_risk(licences.partner_id)
        return licences

    def write(self, vals):
        if vals.get("name"):
            vals["name"] = vals["name"].strip().upper()
        if "name" in vals or "country_id" in vals:
            self._check_number_free(
                [
                    (vals.get("name", lic.name), vals.get("country_id", lic.country_id.id))
                    for lic in self
                ],
                exclude=self,
            )
        partners = self.partner_id
        result = super().write(vals)
        if {"partner_id", "date_from", "date_to", "is_revoked"} & set(vals):
            partners |= self.partner_id
            partners._mrc_suspend_unlicensed_agencies()
            self.env["mrc.risk.engine"]._mrc_update_risk(partners)
        return result

    def unlink(self):
        partners = self.partner_id
        result = super().unlink()
        partners = partners.exists()
        partners._mrc_suspend_unlicensed_agencies()
        self.env["mrc.risk.engine"]._mrc_update_risk(partners)
        return result

    @api.model
    def _check_number_free(self, pairs, exclude=None):
        """Refuse, with a clear message, a licence number already used in the same issuing
        country (the database constraint backs this up).

        :param pairs: (number, country id) of the licences about to be written
        :param exclude: the licences being rewritten, which do not clash with themselves
        """
        pairs = [(name, country) for name, country in pairs if name and country]
        if not pairs:
            return
        seen = set()
        for pair in pairs:
            if pair in seen:
                raise ValidationError(
                    self.env._("Licence number %s appears twice for the same country.", pair[0])
                )
            seen.add(pair)
        domain = [("id", "not in", (exclude or self.browse()).ids)]
        domain += ["|"] * (len(pairs) - 1)
        for name, country in pairs:
            domain += ["&", ("name", "=", name), ("country_id", "=", country)]
        clash = self.sudo().search(domain, limit=1)
        if clash:
            raise ValidationError(
                self.env._(
                    "Licence number %(number)s is already registered in %(country)s.",
                    number=clash.name,
                    country=clash.country_id.name,
                )
            )

    def action_revoke(self):
        """Revoke the licences; an agency left without a valid licence is suspended."""
        self.write({"is_revoked": True})

    def _mrc_today_valid(self):
        """The licences valid today in the centre's time zone: those whose state says so."""
        return self.filtered(lambda lic: lic.state in VALID_STATES)

    @api.model
    def _mrc_cron_check_licenses(self):
        """Daily: give liaison staff an activity for each licence about to expire, then
        suspend the vetted agencies whose licence has expired (rule 2)."""
        self._mrc_warn_expiring()
        agencies = self.env["res.partner"].search(
            [("mrc_is_agency", "=", True), ("mrc_vetting_state", "=", "vetted")]
        )
        agencies._mrc_suspend_unlicensed_agencies()

    @api.model
    def _mrc_warn_expiring(self):
        """Schedule one to-do per licence expiring within the warning period, unless one is
        already open, for the organisation's liaison officer."""
        expiring = self.search([("state", "=", "expiring"), ("partner_id.active", "=", True)])
        if not expiring:
            return self.browse()
        todo = self.env.ref("mail.mail_activity_data_todo")
        already = set(
            self.env["mail.activity"]
            .search(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", expiring.ids),
                    ("activity_type_id", "=", todo.id),
                ]
            )
            .mapped("res_id")
        )
        to_warn = expiring.filtered(lambda lic: lic.id not in already)
        fallback = self.env["res.partner"]._mrc_default_liaison_user()
        for licence in to_warn:
            licence.activity_schedule(
                act_type_xmlid="mail.mail_activity_data_todo",
                date_deadline=licence.date_to,
                summary=self.env._("Licence %s expires soon: ask for its renewal", licence.name),
                user_id=(licence.partner_id.mrc_liaison_user_id or fallback).id,
            )
        return to_warn
