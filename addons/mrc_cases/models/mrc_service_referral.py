from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

REFERRAL_STATES = [
    ("draft", "Draft"),
    ("sent", "Sent"),
    ("accepted", "Accepted"),
    ("done", "Service given"),
    ("closed", "Closed"),
    ("declined", "Declined"),
]

# The only state changes a referral may make.
REFERRAL_TRANSITIONS = {
    "draft": {"sent"},
    "sent": {"accepted", "declined", "closed"},
    "accepted": {"done", "declined", "closed"},
    "done": {"closed"},
    "declined": {"closed"},
    "closed": set(),
}

# Written only by the action_* methods (counsellors and managers), with sudo() after the check.
REFERRAL_GUARDED_FIELDS = frozenset(
    {"state", "date_sent", "date_accepted", "date_service_given", "date_declined", "date_closed"}
)

# Who reads what a migrant told the centre (reason, feedback, consent lines): staff only, never
# the portal, even on the migrant's own referral.
STAFF_GROUPS = "mrc_recruiters.group_mrc_counsellor,mrc_recruiters.group_mrc_complaints"
OPEN_STATES = ("sent", "accepted")


class MrcServiceReferral(models.Model):
    _name = "mrc.service.referral"
    _description = "Referral of a Migrant to a Partner Service"
    _inherit = ["mail.thread", "mail.activity.mixin", "mrc.guard.mixin"]
    _order = "is_urgent desc, date_sent desc, id desc"

    _mrc_guarded_fields = REFERRAL_GUARDED_FIELDS

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/", index=True
    )
    candidate_id = fields.Many2one(
        "hr.candidate",
        string="Migrant",
        required=True,
        index=True,
        tracking=True,
        ondelete="restrict",
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Provider",
        required=True,
        index=True,
        tracking=True,
        ondelete="restrict",
        domain="[('mrc_is_provider', '=', True)]",
    )
    service_type_id = fields.Many2one(
        "mrc.service.type",
        string="Service",
        required=True,
        index=True,
        tracking=True,
        ondelete="restrict",
        domain="[('id', 'in', provider_service_type_ids)]",
    )
    provider_service_type_ids = fields.Many2many(related="partner_id.mrc_service_type_ids")
    provider_women_only = fields.Boolean(related="partner_id.mrc_women_only")
    reason = fields.Text(required=True, groups=STAFF_GROUPS)
    is_urgent = fields.Boolean(string="Urgent", tracking=True, index=True)
    user_id = fields.Many2one(
        "res.users",
        string="Counsellor",
        default=lambda self: self.env.user,
        index=True,
        tracking=True,
    )
    state = fields.Selection(
        REFERRAL_STATES,
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
        group_expand="_group_expand_states",
    )
    consent_ids = fields.One2many(
        "mrc.service.referral.consent",
        "referral_id",
        string="Consent to Share",
        copy=True,
        groups=STAFF_GROUPS,
        default=lambda self: self._default_consent_ids(),
    )
    shared_items = fields.Char(
        string="Shared with the Provider",
        compute="_compute_shared_items",
        groups=STAFF_GROUPS,
    )
    date_sent = fields.Date(string="Sent on", readonly=True, copy=False)
    date_accepted = fields.Date(string="Accepted on", readonly=True, copy=False)
    date_service_given = fields.Date(string="Service Given on", readonly=True, copy=False)
    date_declined = fields.Date(string="Declined on", readonly=True, copy=False)
    date_closed = fields.Date(string="Closed on", readonly=True, copy=False)
    feedback_due_date = fields.Date(
        string="Feedback Due",
        tracking=True,
        index=True,
        help="The date agreed with the provider for its feedback; without feedback by then, "
        "the counsellor gets an activity.",
    )
    feedback = fields.Text(string="Provider's Feedback", tracking=True, groups=STAFF_GROUPS)
    feedback_date = fields.Date(string="Feedback Received on", tracking=True)
    is_feedback_overdue = fields.Boolean(
        string="Feedback Overdue",
        compute="_compute_is_feedback_overdue",
        search="_search_is_feedback_overdue",
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    # Stored copies for monitoring and evaluation.
    gender = fields.Selection(related="candidate_id.mrc_gender", store=True, string="Gender")
    color = fields.Integer(compute="_compute_color")
    language_warning = fields.Char(compute="_compute_language_warning")

    @api.model
    def _group_expand_states(self, states, domain):
        return [key for key, _label in REFERRAL_STATES]

    @api.model
    def _default_consent_ids(self):
        """One line per item the migrant may agree to share, none agreed yet."""
        Consent = self.env["mrc.service.referral.consent"]
        items = Consent._fields["item"].get_values(self.env)
        return [fields.Command.create({"item": item, "consented": False}) for item in items]

    @api.depends("consent_ids.consented", "consent_ids.item")
    def _compute_shared_items(self):
        for referral in self:
            labels = referral.consent_ids.filtered("consented").mapped(
                lambda line: dict(line._fields["item"]._description_selection(self.env))[line.item]
            )
            referral.shared_items = ", ".join(labels)

    @api.depends("state", "feedback_due_date", "feedback_date")
    def _compute_is_feedback_overdue(self):
        today = self.env.company._mrc_today()
        for referral in self:
            referral.is_feedback_overdue = bool(
                referral.state in OPEN_STATES
                and referral.feedback_due_date
                and referral.feedback_due_date < today
                and not referral.feedback_date
            )

    def _search_is_feedback_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on overdue feedback."))
        domain = [
            ("state", "in", OPEN_STATES),
            ("feedback_due_date", "<", self.env.company._mrc_today()),
            ("feedback_date", "=", False),
        ]
        positive = (operator == "=") == value
        return domain if positive else ["!", "&", "&", *domain]

    @api.depends(
        "partner_id.mrc_provider_language_ids", "candidate_id.mrc_language_ids.language_id"
    )
    def _compute_language_warning(self):
        """Warn when the provider works in none of the languages the migrant speaks."""
        for referral in self:
            spoken = referral.candidate_id.mrc_language_ids.language_id
            working = referral.partner_id.mrc_provider_language_ids
            referral.language_warning = (
                self.env._(
                    "%(provider)s works in %(languages)s, none of the migrant's languages: "
                    "plan an interpreter.",
                    provider=referral.partner_id.name,
                    languages=", ".join(working.mapped("name")),
                )
                if spoken and working and not spoken & working
                else False
            )

    @api.depends("is_urgent", "is_feedback_overdue")
    def _compute_color(self):
        for referral in self:
            referral.color = 1 if referral.is_feedback_overdue else (2 if referral.is_urgent else 0)

    # ------------------------------------------------------------------ constraints
    @api.constrains("partner_id", "service_type_id", "candidate_id")
    def _check_provider(self):
        labels = dict(
            self.env["hr.candidate"]._fields["mrc_gender"]._description_selection(self.env)
        )
        for referral in self:
            provider = referral.partner_id
            if not provider.mrc_is_provider:
                raise ValidationError(
                    self.env._(
                        "%s is not a service provider of the referral network.", provider.name
                    )
                )
            if referral.service_type_id not in provider.mrc_service_type_ids:
                raise ValidationError(
                    self.env._(
                        "%(provider)s does not give the service %(service)s.",
                        provider=provider.name,
                        service=referral.service_type_id.name,
                    )
                )
            if provider.mrc_women_only and referral.candidate_id.mrc_gender == "male":
                raise ValidationError(
                    self.env._(
                        "%(provider)s serves women only and cannot take a referral of "
                        "%(migrant)s, recorded as %(gender)s. Choose another provider.",
                        provider=provider.name,
                        migrant=referral.candidate_id.partner_name,
                        gender=labels["male"].lower(),
                    )
                )

    # ------------------------------------------------------------------ CRUD
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("mrc.service.referral") or "/"
        referrals = super().create(vals_list)
        referrals._mrc_check_consent()
        return referrals

    def write(self, vals):
        if "state" in vals:
            self._mrc_check_transition(vals["state"])
        if {"candidate_id", "partner_id", "service_type_id"} & set(vals) and not self.env.su:
            if any(r.state != "draft" for r in self):
                raise UserError(
                    self.env._(
                        "The migrant, provider and service of a referral already sent cannot "
                        "change: close it and make a new referral."
                    )
                )
        if "feedback" in vals and vals["feedback"] and "feedback_date" not in vals:
            vals["feedback_date"] = self.env.company._mrc_today()
        result = super().write(vals)
        if "consent_ids" in vals:
            self._mrc_check_consent()
        return result

    def _mrc_check_transition(self, new_state):
        labels = dict(self._fields["state"]._description_selection(self.env))
        for referral in self:
            if (
                referral.state != new_state
                and new_state not in REFERRAL_TRANSITIONS[referral.state]
            ):
                raise UserError(
                    self.env._(
                        "Referral %(ref)s cannot go from %(old)s to %(new)s.",
                        ref=referral.name,
                        old=labels[referral.state],
                        new=labels[new_state],
                    )
                )

    # ------------------------------------------------------------------ actions
    def _mrc_check_counsellor(self):
        if not self.env.su and not self.env.user.has_group("mrc_recruiters.group_mrc_counsellor"):
            raise AccessError(self.env._("Only counsellors and managers move service referrals."))

    def _mrc_move(self, state, date_field=None):
        """Move these referrals to ``state`` for a counsellor (group and record rules checked),
        recording today in ``date_field``, as superuser."""
        self._mrc_check_counsellor()
        self.check_access("write")
        vals = {"state": state}
        if date_field:
            vals[date_field] = self.env.company._mrc_today()
        self.sudo().write(vals)
        return True

    def action_send(self):
        """Send the referral: only the items the migrant agreed to share reach the provider."""
        self._mrc_check_counsellor()
        self._mrc_check_consent()
        self._check_provider()
        self._mrc_move("sent", "date_sent")
        for referral in self:
            referral._mrc_notify_provider()
        return True

    def action_accept(self):
        return self._mrc_move("accepted", "date_accepted")

    def action_service_given(self):
        return self._mrc_move("done", "date_service_given")

    def action_decline(self):
        return self._mrc_move("declined", "date_declined")

    def action_close(self):
        return self._mrc_move("closed", "date_closed")

    # ------------------------------------------------------------------ hooks
    def _mrc_screening_summary(self):
        """The screening results to share when the migrant agreed to (hook: the intake of the
        case extends it). Plain text, empty by default."""
        self.ensure_one()
        return ""

    # ------------------------------------------------------------------ feedback reminders
    @api.model
    def _mrc_cron_feedback_overdue(self):
        """Give the counsellor an activity for each open referral whose provider sent no
        feedback by the date agreed (once per referral)."""
        referrals = self.sudo().search([("is_feedback_overdue", "=", True)])
        if not referrals:
            return
        activity_type = self.env.ref("mrc_cases.mail_activity_referral_feedback")
        reminded = set(
            self.env["mail.activity"]
            .sudo()
            .search(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", referrals.ids),
                    ("activity_type_id", "=", activity_type.id),
                ]
            )
            .mapped("res_id")
        )
        for referral in referrals.filtered(lambda r: r.id not in reminded):
            referral.activity_schedule(
                "mrc_cases.mail_activity_referral_feedback",
                user_id=(referral.user_id or self.env.ref("base.user_admin")).id,
                note=self.env._(
                    "%(provider)s has sent no feedback on referral %(ref)s, due on %(date)s: "
                    "ask the provider what happened.",
                    provider=referral.partner_id.name,
                    ref=referral.name,
                    date=referral.feedback_due_date,
                ),
            )

    # ------------------------------------------------------------------ entry points
    @api.model
    def _mrc_urgent_referral_action(self, candidate, reason="", **defaults):
        """The referral form, prefilled for an urgent referral of ``candidate`` (hook for the
        intake: a screening that points to forced labour proposes one). ``defaults`` are more
        field values, for example ``intake_id``."""
        context = {
            "default_candidate_id": candidate.id,
            "default_is_urgent": True,
            "default_reason": reason,
        }
        context.update({f"default_{key}": value for key, value in defaults.items()})
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Urgent referral"),
            "res_model": self._name,
            "view_mode": "form",
            "target": "current",
            "context": context,
        }
