from odoo import api, fields, models
from odoo.exceptions import UserError

from ..lib.screening import Answer, assess

CHANNELS = [
    ("walk_in", "Walk-in"),
    ("phone", "Phone or hotline"),
    ("social_media", "Social media"),
    ("outreach", "Outreach"),
    ("online", "Online"),
    ("partner", "Referred by a partner"),
]
COUNSELLOR_GROUP = "mrc_recruiters.group_mrc_counsellor"
MANAGER_GROUP = "mrc_recruiters.group_mrc_manager"


class MrcIntake(models.Model):
    """An intake assessment of a migrant: how they reached the centre, what they need, the
    forced-labour screening and who counsels them. A migrant has one per visit that opens a
    case; the intake is the case file its assistance and family members belong to.

    Intakes are read only by their counsellor, complaints officers and managers (record rules).
    The assignment rules (rule 8) are in mrc_intake_assignment.py."""

    _name = "mrc.intake"
    _description = "Intake Assessment"
    _inherit = ["mail.thread", "mail.activity.mixin", "mrc.guard.mixin"]
    _order = "is_urgent desc, date desc, id desc"

    # Rule 7: computed by the screening, or written by the assignment's own action only.
    _mrc_guarded_fields = frozenset(
        {
            "is_urgent",
            "is_gbv",
            "sign_count",
            "urgent_date",
            "needs_reassignment",
            "override_counsellor_id",
            "override_reason",
            "override_user_id",
            "override_date",
        }
    )

    name = fields.Char(
        string="Reference",
        required=True,
        readonly=True,
        copy=False,
        default=lambda s: s.env._("New"),
    )
    candidate_id = fields.Many2one(
        "hr.candidate",
        string="Migrant",
        required=True,
        index=True,
        ondelete="cascade",
        tracking=True,
    )
    date = fields.Date(required=True, default=fields.Date.context_today, index=True, tracking=True)
    channel = fields.Selection(
        CHANNELS, string="Contact Channel", required=True, default="walk_in", tracking=True
    )
    referring_partner_id = fields.Many2one(
        "res.partner",
        string="Referred By",
        help="The partner organisation that sent the migrant to the centre.",
    )
    counsellor_id = fields.Many2one(
        "res.users",
        required=True,
        index=True,
        tracking=True,
        default=lambda self: self.env.user,
        domain=lambda self: [
            ("share", "=", False),
            ("groups_id", "in", self.env.ref(COUNSELLOR_GROUP).ids),
        ],
    )
    state = fields.Selection(
        [("open", "Open"), ("closed", "Closed")],
        required=True,
        default="open",
        index=True,
        tracking=True,
    )
    need_ids = fields.One2many("mrc.intake.need", "intake_id", string="Needs")
    answer_ids = fields.One2many("mrc.intake.answer", "intake_id", string="Screening")
    assistance_ids = fields.One2many(
        "mrc.intake.assistance", "intake_id", string="Emergency Assistance"
    )
    family_member_ids = fields.One2many("mrc.family.member", "intake_id", string="Family Members")
    screening_note = fields.Text(
        string="Screening Notes",
        help="What the migrant told about the indicators answered yes. Confidential: read only "
        "by the counsellor of the case, complaints officers and managers.",
    )
    sign_count = fields.Integer(
        string="Forced-labour Signs", compute="_compute_screening", store=True, readonly=True
    )
    is_urgent = fields.Boolean(
        string="Urgent",
        compute="_compute_screening",
        store=True,
        readonly=True,
        index=True,
        tracking=True,
        help="The screening found signs of trafficking or forced labour.",
    )
    is_gbv = fields.Boolean(
        string="Gender-based Violence",
        compute="_compute_screening",
        store=True,
        readonly=True,
        index=True,
        tracking=True,
        help="The screening found gender-based violence or sexual harassment: the case goes to "
        "a female counsellor trained in GBV unless a manager records why not.",
    )
    urgent_date = fields.Datetime(string="Marked Urgent On", readonly=True, copy=False)
    needs_reassignment = fields.Boolean(
        compute="_compute_needs_reassignment",
        store=True,
        readonly=True,
        help="A case of gender-based violence held by a counsellor who may not take it.",
    )
    override_counsellor_id = fields.Many2one(
        "res.users", string="Override For", readonly=True, copy=False, tracking=True
    )
    override_reason = fields.Text(readonly=True, copy=False, tracking=True)
    override_user_id = fields.Many2one("res.users", string="Override By", readonly=True, copy=False)
    override_date = fields.Datetime(string="Override On", readonly=True, copy=False)
    need_count = fields.Integer(compute="_compute_counts", string="Needs Count")
    assistance_count = fields.Integer(compute="_compute_counts")
    family_count = fields.Integer(compute="_compute_counts")
    company_id = fields.Many2one(related="candidate_id.company_id", store=True, index=True)
    gender = fields.Selection(related="candidate_id.mrc_gender", store=True)

    @api.depends("name", "candidate_id.partner_name")
    def _compute_display_name(self):
        for intake in self:
            intake.display_name = " - ".join(
                filter(None, [intake.name, intake.candidate_id.partner_name])
            )

    @api.depends("answer_ids.answer", "answer_ids.is_trafficking_sign", "answer_ids.is_gbv")
    def _compute_screening(self):
        for intake in self:
            result = assess(
                [Answer(a.answer, a.is_trafficking_sign, a.is_gbv) for a in intake.answer_ids]
            )
            intake.sign_count = result.sign_count
            intake.is_urgent = result.is_urgent
            intake.is_gbv = result.is_gbv

    @api.depends("is_gbv", "counsellor_id.mrc_is_gbv_eligible", "override_counsellor_id")
    def _compute_needs_reassignment(self):
        for intake in self:
            intake.needs_reassignment = bool(
                intake.is_gbv
                and not intake.counsellor_id.mrc_is_gbv_eligible
                and intake.counsellor_id != intake.override_counsellor_id
            )

    def _compute_counts(self):
        for intake in self:
            intake.need_count = len(intake.need_ids)
            intake.assistance_count = len(intake.assistance_ids)
            intake.family_count = len(intake.family_member_ids)

    @api.model_create_multi
    def create(self, vals_list):
        sequence = self.env["ir.sequence"].sudo()
        for vals in vals_list:
            if vals.get("name", self.env._("New")) == self.env._("New"):
                vals["name"] = sequence.next_by_code("mrc.intake") or self.env._("New")
        intakes = super().create(vals_list)
        # The counsellor who takes the intake holds it; a case given to someone else at
        # creation is checked like any assignment.
        given = intakes.filtered(lambda i: i.counsellor_id != self.env.user)
        given._mrc_check_assignment()
        intakes.filtered(lambda i: not i.answer_ids)._mrc_load_checklist()
        intakes._mrc_sync_client_card()
        intakes._mrc_after_screening()
        # A migrant taken in by the centre is its client (counted by the M&E indicators).
        intakes.candidate_id._mrc_mark_client()
        return intakes

    def write(self, vals):
        result = super().write(vals)
        if "counsellor_id" in vals:
            self._mrc_check_assignment()
            self._mrc_sync_client_card()
            self._mrc_after_screening()
        elif vals.get("state") == "open":
            # Reopened: while closed, its counsellor may have lost the right to hold it (rule
            # 8) and the card may have gone to someone else; the card follows the case again.
            self._mrc_check_assignment()
            self._mrc_sync_client_card()
            self.sudo().candidate_id._mrc_check_gbv_counsellor()
        return result

    def action_mrc_load_checklist(self):
        """Add the active screening indicators missing from the intakes' checklists."""
        self._mrc_load_checklist()
        return True

    def action_mrc_close(self):
        self.write({"state": "closed"})
        return True

    def action_mrc_reopen(self):
        self.write({"state": "open"})
        return True

    def action_mrc_propose_referral(self):
        """Open a new referral of the migrant to a partner service, marked urgent (the
        referral network's form, prefilled from this intake)."""
        self.ensure_one()
        Referral = self.env.get("mrc.service.referral")
        if Referral is None:
            raise UserError(self.env._("The referral network is not available in this database."))
        reason = (
            self.env._(
                "Urgent: signs of trafficking or forced labour found at intake %s.", self.name
            )
            if self.is_urgent
            else self.env._("Needs found at intake %s.", self.name)
        )
        defaults = {"intake_id": self.id} if "intake_id" in Referral._fields else {}
        action = Referral._mrc_urgent_referral_action(self.candidate_id, reason, **defaults)
        action["context"]["default_is_urgent"] = self.is_urgent
        return action

    def _mrc_load_checklist(self):
        indicators = self.env["mrc.screening.indicator"].search([("active", "=", True)])
        vals_list = [
            {"intake_id": intake.id, "indicator_id": indicator.id}
            for intake in self
            for indicator in indicators - intake.answer_ids.indicator_id
        ]
        self.env["mrc.intake.answer"].create(vals_list)

    def _mrc_after_screening(self):
        """Act on what the screening found: an urgent case reaches a manager at once (rule 8),
        a GBV case held by a counsellor who may not take it asks a manager to reassign it. Runs
        as superuser after the caller's change: the activities are the system's, not the
        caller's privilege."""
        intakes = self.sudo()
        newly_urgent = intakes.filtered(lambda i: i.is_urgent and not i.urgent_date)
        if newly_urgent:
            newly_urgent.write({"urgent_date": fields.Datetime.now()})
            for intake in newly_urgent:
                intake._mrc_notify_manager(
                    "mrc_cases.mail_activity_type_urgent_screening",
                    self.env._(
                        "Urgent case %s: signs of trafficking or forced labour; "
                        "make the urgent referral",
                        intake.name,
                    ),
                )
        for intake in intakes.filtered("needs_reassignment"):
            intake._mrc_notify_manager(
                "mrc_cases.mail_activity_type_gbv_assignment",
                self.env._("Give case %s to a female counsellor trained in GBV", intake.name),
            )

    def _mrc_notify_manager(self, activity_type, summary):
        activity_type = self.env.ref(activity_type)
        if self.activity_ids.filtered(lambda a: a.activity_type_id == activity_type):
            return
        manager = self._mrc_case_manager()
        if manager:
            self.activity_schedule(
                activity_type_id=activity_type.id, summary=summary, user_id=manager.id
            )

    def _mrc_case_manager(self):
        """The manager who gets the case's urgent activities: the first MRC manager of the
        case's company who is not the administrator, else the first one."""
        group = self.env.ref(MANAGER_GROUP).sudo()
        company = self.company_id or self.env.company
        users = group.users.filtered(
            lambda u: u.active and not u.share and company in u.company_ids
        )
        admins = self.env.ref("base.user_admin") | self.env.ref("base.user_root")
        return ((users - admins) or users).sorted("id")[:1]

    def _mrc_sync_client_card(self):
        """The client card's counsellor follows the case's: the migrant's newest open intake
        decides."""
        for intake in self.sudo().filtered(lambda i: i.state == "open"):
            newest = self.sudo().search(
                [("candidate_id", "=", intake.candidate_id.id), ("state", "=", "open")],
                order="date desc, id desc",
                limit=1,
            )
            if newest == intake and intake.candidate_id.user_id != intake.counsellor_id:
                intake.candidate_id.write({"user_id": intake.counsellor_id.id})
