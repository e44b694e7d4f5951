import hashlib
import secrets

from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import is_html_empty

COMPLAINT_STATES = [
    ("new", "New"),
    ("triage", "Triage"),
    ("investigation", "Investigation"),
    ("mediation", "Mediation"),
    ("referred", "Referred"),
    ("resolved", "Resolved"),
    ("closed", "Closed"),
    ("unsubstantiated", "Unsubstantiated"),
]

# The only state changes a complaint may make.
COMPLAINT_TRANSITIONS = {
    "new": {"triage", "unsubstantiated"},
    "triage": {"investigation", "referred", "unsubstantiated"},
    "investigation": {"mediation", "referred", "resolved", "unsubstantiated"},
    "mediation": {"investigation", "referred", "resolved"},
    "referred": {"investigation", "resolved", "unsubstantiated"},
    "resolved": {"investigation", "closed"},
    "unsubstantiated": {"investigation", "closed"},
    "closed": set(),
}

OPEN_STATES = ("new", "triage", "investigation", "mediation", "referred")

# The decisions on a complaint: written only by its action_* methods, which check that the
# caller is a complaints officer (or a manager); mrc.guard.mixin refuses them in create, write
# and copy from everyone else, whatever the context or defaults say (rule 7).
DECISION_FIELDS = frozenset(
    {"state", "is_substantiated", "compensation_awarded", "date_closed", "referral_date"}
)

SEVERITIES = [
    ("low", "Low"),
    ("medium", "Medium"),
    ("high", "High"),
    ("critical", "Critical"),
]

REFERRAL_TARGETS = [
    ("labour_inspectorate", "Labour inspectorate"),
    ("court", "Court or tribunal"),
    ("consulate", "Embassy or consulate"),
    ("vaw_service", "Service for violence against women"),
    ("police", "Police"),
]

# Alphabet of follow-up codes: no 0/O or 1/I/L to misread.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 12


def _normalise_code(code):
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())


def _hash_code(code):
    return hashlib.sha256(_normalise_code(code).encode()).hexdigest()


class MrcComplaint(models.Model):
    _name = "mrc.complaint"
    _description = "Complaint against an employer or recruitment agency"
    _inherit = ["portal.mixin", "mail.thread", "mail.activity.mixin", "mrc.guard.mixin"]
    _order = "date_received desc, id desc"

    _mrc_guarded_fields = DECISION_FIELDS

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/", index=True
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Organisation",
        index=True,
        tracking=True,
        domain="[('is_company', '=', True), '|', ('mrc_is_employer', '=', True), "
        "('mrc_is_agency', '=', True)]",
        help="The employer or recruitment agency complained against. It may be left empty "
        "when the complaint names an individual broker (see mrc_complaint_broker).",
    )
    complainant_partner_id = fields.Many2one(
        "res.partner",
        string="Complainant",
        index="btree_not_null",
        groups="mrc_recruiters.group_mrc_complaints",
        help="Empty for an anonymous complaint. Never shown to the organisation.",
    )
    is_anonymous = fields.Boolean(
        string="Anonymous",
        copy=False,
        help="No link to the author is stored; the complainant follows the case with a "
        "follow-up code given once.",
    )
    followup_code_hash = fields.Char(
        string="Follow-up code hash", copy=False, index="btree_not_null", groups="base.group_system"
    )
    date_received = fields.Date(
        string="Received on", required=True, default=fields.Date.context_today, index=True
    )
    category_ids = fields.Many2many("mrc.complaint.category", string="Categories", required=True)
    severity = fields.Selection(
        SEVERITIES, required=True, default="medium", tracking=True, index=True
    )
    incident_date = fields.Date(string="Incident date")
    country_id = fields.Many2one("res.country", string="Country of the incident")
    description = fields.Text(string="Narrative", groups="mrc_recruiters.group_mrc_complaints")
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "mrc_complaint_evidence_rel",
        "complaint_id",
        "attachment_id",
        string="Evidence",
        groups="mrc_recruiters.group_mrc_complaints",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Assigned officer",
        tracking=True,
        index=True,
        domain=lambda self: [
            ("groups_id", "in", self.env.ref("mrc_recruiters.group_mrc_complaints").ids)
        ],
    )
    state = fields.Selection(
        COMPLAINT_STATES,
        default="new",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
        group_expand="_group_expand_states",
    )
    is_substantiated = fields.Boolean(
        string="Substantiated", readonly=True, copy=False, tracking=True, index=True
    )
    outcome = fields.Text(groups="mrc_recruiters.group_mrc_complaints")
    mrc_erasure_exception = fields.Text(
        string="Kept on Erasure Because",
        tracking=True,
        groups="mrc_recruiters.group_mrc_complaints",
        help="Why the narrative, outcome and evidence stay when the complainant's data is "
        "erased (for example a case pending in court). Empty: they are erased with the person.",
    )
    company_id = fields.Many2one(
        "res.company",
        string="Centre",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        help="The centre that took the complaint: its reports count it, anonymous or not.",
    )
    currency_id = fields.Many2one(
        "res.currency", required=True, default=lambda self: self.env.company.currency_id
    )
    compensation_claimed = fields.Monetary(currency_field="currency_id")
    compensation_awarded = fields.Monetary(
        currency_field="currency_id", readonly=True, copy=False, tracking=True
    )
    referral_target = fields.Selection(REFERRAL_TARGETS, tracking=True)
    referral_date = fields.Date(readonly=True, copy=False)
    date_closed = fields.Date(readonly=True, copy=False)

    _sql_constraints = [
        (
            "compensation_not_negative",
            "CHECK(COALESCE(compensation_claimed, 0) >= 0 "
            "AND COALESCE(compensation_awarded, 0) >= 0)",
            "Compensation claimed and awarded cannot be negative.",
        ),
    ]

    def _group_expand_states(self, states, domain):
        return [key for key, _label in COMPLAINT_STATES]

    def _compute_access_url(self):
        result = super()._compute_access_url()
        for complaint in self:
            complaint.access_url = f"/my/complaints/{complaint.id}"
        return result

    @api.constrains("partner_id")
    def _check_partner_is_organisation(self):
        for complaint in self:
            partner = complaint.partner_id
            if not partner:
                continue
            if not partner.is_company or not (partner.mrc_is_employer or partner.mrc_is_agency):
                raise ValidationError(
                    self.env._(
                        "A complaint must be against an employer or a recruitment agency; "
                        "%s is neither.",
                        partner.display_name,
                    )
                )

    @api.constrains("incident_date")
    def _check_incident_date(self):
        today = fields.Date.context_today(self)
        for complaint in self:
            if complaint.incident_date and complaint.incident_date > today:
                raise ValidationError(self.env._("The incident date cannot be in the future."))

    @api.constrains("compensation_claimed", "compensation_awarded")
    def _check_compensation(self):
        for complaint in self:
            if complaint.compensation_claimed < 0 or complaint.compensation_awarded < 0:
                raise ValidationError(
                    self.env._("Compensation claimed and awarded cannot be negative.")
                )

    @api.constrains("is_anonymous", "complainant_partner_id")
    def _check_anonymous(self):
        for complaint in self.sudo():
            if complaint.is_anonymous and complaint.complainant_partner_id:
                raise ValidationError(
                    self.env._("An anonymous complaint cannot name its complainant.")
                )

    @api.model
    def _check_compensation_vals(self, vals):
        """Refuse negative compensation before it reaches the database constraint."""
        for key in ("compensation_claimed", "compensation_awarded"):
            if (vals.get(key) or 0) < 0:
                raise ValidationError(
                    self.env._("Compensation claimed and awarded cannot be negative.")
                )

    @api.model_create_multi
    def create(self, vals_list):
        # before the anonymous ones are created as superuser, below
        self._mrc_guard_check_create(vals_list)
        for vals in vals_list:
            self._check_compensation_vals(vals)
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("mrc.complaint") or "/"
        named = [i for i, vals in enumerate(vals_list) if not vals.get("is_anonymous")]
        anonymous = [i for i, vals in enumerate(vals_list) if vals.get("is_anonymous")]
        ids = [0] * len(vals_list)
        if named:
            created = super().create([vals_list[i] for i in named])
            for i, complaint_id in zip(named, created.ids):
                ids[i] = complaint_id
        if anonymous:
            # No link to the author: neither the creator, nor the chatter author, nor a follower.
            self.check_access("create")
            for i in anonymous:
                vals_list[i]["complainant_partner_id"] = False
                # the centre where it was made, not the superuser's
                vals_list[i].setdefault("company_id", self.env.company.id)
            as_root = self.with_user(SUPERUSER_ID).with_context(mail_create_nosubscribe=True)
            created = super(MrcComplaint, as_root).create([vals_list[i] for i in anonymous])
            for i, complaint_id in zip(anonymous, created.ids):
                ids[i] = complaint_id
        complaints = self.browse(ids)
        complaints.filtered("attachment_ids")._mrc_link_evidence()
        complaints._mrc_update_organisation_risk()
        return complaints

    def write(self, vals):
        self._check_compensation_vals(vals)
        if "state" in vals:
            self._check_transition(vals["state"])
        if "is_anonymous" in vals and any(c.is_anonymous != vals["is_anonymous"] for c in self):
            raise UserError(
                self.env._("Whether a complaint is anonymous cannot change after it is filed.")
            )
        partners = self._mrc_risk_partners()
        result = super().write(vals)
        if "attachment_ids" in vals:
            self._mrc_link_evidence()
        if {
            "partner_id",
            "state",
            "is_substantiated",
            "severity",
            "incident_date",
            "date_received",
            "broker_id",
        } & set(vals):
            self.env["mrc.risk.engine"]._mrc_update_risk(partners | self._mrc_risk_partners())
        return result

    def unlink(self):
        partners = self._mrc_risk_partners()
        result = super().unlink()
        self.env["mrc.risk.engine"]._mrc_update_risk(partners.exists())
        return result

    def _check_transition(self, new_state):
        labels = dict(self._fields["state"]._description_selection(self.env))
        for complaint in self:
            if complaint.state == new_state:
                continue
            if new_state not in COMPLAINT_TRANSITIONS[complaint.state]:
                raise UserError(
                    self.env._(
                        "Complaint %(ref)s cannot go from %(old)s to %(new)s.",
                        ref=complaint.name,
                        old=labels[complaint.state],
                        new=labels[new_state],
                    )
                )

    def _mrc_link_evidence(self):
        """Attach the uploaded evidence to its complaint, so that reading a file needs the
        right to read the complaint. Files already belonging to another record are left."""
        for complaint in self.sudo():
            loose = complaint.attachment_ids.filtered(
                lambda att: not att.res_model or (att.res_model == self._name and not att.res_id)
            )
            if loose:
                loose.write({"res_model": self._name, "res_id": complaint.id})

    def _mrc_risk_partners(self):
        """The organisations whose risk these complaints weigh in: the one complained against
        (extended by mrc_complaint_broker with the agencies of the brokers named)."""
        return self.partner_id

    def _mrc_update_organisation_risk(self):
        self.env["mrc.risk.engine"]._mrc_update_risk(self._mrc_risk_partners())

    def _mrc_check_complaints_officer(self):
        """Refuse a decision on complaints to anyone but complaints officers and managers."""
        if not self.env.su and not self.env.user.has_group("mrc_recruiters.group_mrc_complaints"):
            raise AccessError(
                self.env._("Only complaints officers and managers decide on complaints.")
            )

    def _mrc_decide(self, vals):
        """Write a decision (``DECISION_FIELDS``) on these complaints for a complaints officer:
        checks the caller's group and the workflow, then writes as superuser."""
        self._mrc_check_complaints_officer()
        self.check_access("write")
        self.sudo().write(vals)
        return True

    def action_triage(self):
        return self._mrc_decide({"state": "triage"})

    def action_investigate(self):
        return self._mrc_decide({"state": "investigation"})

    def action_mediate(self):
        return self._mrc_decide({"state": "mediation"})

    def action_refer(self):
        self._mrc_check_complaints_officer()
        for complaint in self:
            if not complaint.referral_target:
                raise UserError(
                    self.env._(
                        "Choose where complaint %s is referred to before referring it.",
                        complaint.name,
                    )
                )
        self._mrc_decide({"state": "referred"})
        self.filtered(lambda c: not c.referral_date)._mrc_decide(
            {"referral_date": fields.Date.context_today(self)}
        )
        return True

    def action_resolve(self):
        """Resolve the complaint as substantiated: it now weighs fully in the risk score."""
        self._mrc_check_complaints_officer()
        for complaint in self:
            if not complaint.outcome:
                raise UserError(
                    self.env._(
                        "Write the outcome of complaint %s before resolving it.", complaint.name
                    )
                )
        return self._mrc_decide({"state": "resolved", "is_substantiated": True})

    def action_unsubstantiated(self):
        return self._mrc_decide({"state": "unsubstantiated", "is_substantiated": False})

    def action_close(self):
        return self._mrc_decide({"state": "closed", "date_closed": fields.Date.context_today(self)})

    def action_mrc_award_compensation(self):
        """Open the wizard that records the compensation awarded."""
        self.ensure_one()
        self._mrc_check_complaints_officer()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Compensation awarded"),
            "res_model": "mrc.complaint.compensation.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_complaint_id": self.id,
                "default_amount": self.compensation_awarded,
            },
        }

    def _mrc_award_compensation(self, amount):
        """Record ``amount`` as the compensation awarded on this complaint (officers and
        managers only; never negative, never on a closed complaint)."""
        self.ensure_one()
        self._mrc_check_complaints_officer()
        if self.state == "closed":
            raise UserError(self.env._("Complaint %s is closed.", self.name))
        self._check_compensation_vals({"compensation_awarded": amount})
        return self._mrc_decide({"compensation_awarded": amount})

    def action_issue_followup_code(self):
        """Give an anonymous complaint a new follow-up code and show it once."""
        self.ensure_one()
        code = self._mrc_issue_followup_code()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.env._("Follow-up code for %s", self.name),
                "message": self.env._(
                    "Give this code to the complainant now; it is not stored and cannot be "
                    "shown again: %s",
                    code,
                ),
                "sticky": True,
                "type": "warning",
            },
        }

    def _mrc_issue_followup_code(self):
        """Generate a random follow-up code for this anonymous complaint, store only its hash
        and return the code (the only time it exists in clear). A new code replaces the old.

        :return: the code, for example ``ABCD-EFGH-JKMN``
        """
        self.ensure_one()
        if not self.is_anonymous:
            raise UserError(self.env._("Only an anonymous complaint has a follow-up code."))
        raw = "".join(secrets.choice(CODE_ALPHABET) for _i in range(CODE_LENGTH))
        self.sudo().followup_code_hash = _hash_code(raw)
        return "-".join(raw[i : i + 4] for i in range(0, CODE_LENGTH, 4))

    @api.model
    def _mrc_find_by_followup_code(self, code):
        """The complaint whose follow-up code is ``code`` (case, spaces and dashes ignored), as
        superuser for the public follow-up page, or an empty recordset.

        :param str code: the code given to the anonymous complainant
        """
        if len(_normalise_code(code)) != CODE_LENGTH:
            return self.browse()
        return self.sudo().search([("followup_code_hash", "=", _hash_code(code))], limit=1)

    def _mrc_anonymise_for_erasure(self, partners):
        """Erase the complainants ``partners`` from these complaints (rule 6), as superuser.

        The statistics stay: organisation, categories, severity, state, dates, country,
        substantiation, compensation, referral. The narrative, the outcome's text, the evidence
        and the thread's messages with words or files go, unless a complaints officer recorded
        on the complaint why they are kept (``mrc_erasure_exception``); messages of state changes
        stay. Either way ``partners`` stop following the complaints and the messages they wrote
        lose their address.
        """
        complaints = self.sudo().with_context(tracking_disable=True, mail_notrack=True)
        Message = self.env["mail.message"].sudo()
        erased = complaints.filtered(lambda c: not c.mrc_erasure_exception)
        if erased:
            note = self.env._("Erased at the complainant's request.")
            erased.write({"description": note})
            erased.filtered("outcome").write({"outcome": note})
            erased.attachment_ids.unlink()
            self.env["ir.attachment"].sudo().search(
                [("res_model", "=", self._name), ("res_id", "in", erased.ids)]
            ).unlink()
            Message.search([("model", "=", self._name), ("res_id", "in", erased.ids)]).filtered(
                lambda m: not is_html_empty(m.body) or m.attachment_ids or m.subject
            ).unlink()
        kept = Message.search(
            [
                ("model", "=", self._name),
                ("res_id", "in", complaints.ids),
                ("author_id", "in", partners.ids),
            ]
        )
        kept.write({"email_from": False, "reply_to": False})
        self.env["mail.followers"].sudo().search(
            [
                ("res_model", "=", self._name),
                ("res_id", "in", complaints.ids),
                ("partner_id", "in", partners.ids),
            ]
        ).unlink()
