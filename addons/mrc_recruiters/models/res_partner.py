from odoo import api, fields, models
from odoo.exceptions import UserError

from .mrc_recruiter_license import VALID_STATES

VETTING_STATES = [
    ("draft", "Draft"),
    ("in_review", "In review"),
    ("vetted", "Vetted"),
    ("rejected", "Rejected"),
    ("suspended", "Suspended"),
    ("blacklisted", "Blacklisted"),
]

# Vetting states an organisation may move to from each state; vetting itself also needs
# rule 2 (see _mrc_vetting_problems).
VETTING_TRANSITIONS = {
    "draft": {"in_review", "rejected", "blacklisted"},
    "in_review": {"draft", "vetted", "rejected", "blacklisted"},
    "vetted": {"in_review", "suspended", "blacklisted"},
    "rejected": {"draft", "in_review", "blacklisted"},
    "suspended": {"in_review", "blacklisted"},
    "blacklisted": {"draft"},
}

# States in which an organisation is not safe to send migrants to.
UNSAFE_STATES = {"rejected", "suspended", "blacklisted"}

# Fields only the dedicated methods may write (they check the rules and record the reason);
# mrc.guard.mixin refuses them in create, write and copy from everyone else (rule 7).
GUARDED_FIELDS = {
    "mrc_vetting_state",
    "mrc_vetting_date",
    "mrc_is_flagged",
    "mrc_flag_date",
    "mrc_flag_reason",
    "mrc_flag_reason_data",
    "mrc_flag_lift_score",
    "mrc_risk_score",
    "mrc_risk_reasons",
    "mrc_risk_reason_data",
    "mrc_complaint_count",
    "mrc_open_complaint_count",
    "mrc_substantiated_count",
    "mrc_is_safe",
}

RISK_GROUPS = "mrc_recruiters.group_mrc_liaison,mrc_recruiters.group_mrc_complaints"


class ResPartner(models.Model):
    _name = "res.partner"
    _inherit = ["res.partner", "mrc.guard.mixin"]

    _mrc_guarded_fields = frozenset(GUARDED_FIELDS)

    mrc_is_employer = fields.Boolean(string="Employer", tracking=True)
    mrc_is_agency = fields.Boolean(string="Recruitment agency", tracking=True)
    mrc_country_ids = fields.Many2many(
        "res.country",
        "mrc_partner_operation_country_rel",
        "partner_id",
        "country_id",
        string="Countries of operation",
    )
    mrc_corridor_ids = fields.Many2many(
        "mrc.corridor",
        "mrc_partner_corridor_rel",
        "partner_id",
        "corridor_id",
        string="Corridors served",
    )
    mrc_pledge_date = fields.Date(
        string="Employer-pays pledge signed on",
        tracking=True,
        help="Date the organisation signed the pledge that workers pay no recruitment fee or cost.",
    )
    mrc_pledge_document = fields.Binary(string="Signed pledge", attachment=True, copy=False)
    mrc_pledge_document_name = fields.Char(string="Pledge file name")
    mrc_certification = fields.Selection(
        [("iris", "IOM IRIS"), ("other", "Other")],
        string="External certification",
        tracking=True,
    )
    mrc_certification_name = fields.Char(string="Certification scheme")
    mrc_certification_date = fields.Date(string="Certified on")
    mrc_liaison_user_id = fields.Many2one(
        "res.users",
        string="Liaison officer",
        tracking=True,
        domain=lambda self: [
            ("groups_id", "in", self.env.ref("mrc_recruiters.group_mrc_liaison").ids)
        ],
        help="Receives the activities about this organisation (licence expiry, flag).",
    )
    mrc_vetting_state = fields.Selection(
        VETTING_STATES,
        string="Vetting state",
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
        groups=RISK_GROUPS,
        group_expand="_group_expand_mrc_vetting_states",
    )
    mrc_vetting_date = fields.Date(
        string="Vetted on", readonly=True, copy=False, groups=RISK_GROUPS
    )
    mrc_license_ids = fields.One2many("mrc.recruiter.license", "partner_id", string="Licences")
    mrc_license_count = fields.Integer(string="Licence count", compute="_compute_mrc_license_count")
    mrc_has_valid_license = fields.Boolean(
        string="Licence valid today",
        compute="_compute_mrc_license_status",
        search="_search_mrc_has_valid_license",
    )
    mrc_license_expiring = fields.Boolean(
        string="Licence expiring",
        compute="_compute_mrc_license_status",
        search="_search_mrc_license_expiring",
    )
    mrc_check_ids = fields.One2many(
        "mrc.vetting.check", "partner_id", string="Vetting checklist", groups=RISK_GROUPS
    )
    mrc_is_flagged = fields.Boolean(
        string="Flagged",
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
        groups=RISK_GROUPS,
        help="Set when the risk score passes the configured threshold; only a manager lifts it.",
    )
    mrc_flag_date = fields.Date(string="Flagged on", readonly=True, copy=False, groups=RISK_GROUPS)
    mrc_flag_reason = fields.Text(
        string="Flag reasons",
        compute="_compute_mrc_flag_reason",
        inverse="_inverse_mrc_flag_reason",
        readonly=True,
        groups=RISK_GROUPS,
        help="Why the organisation was flagged, in the reader's language.",
    )
    mrc_flag_reason_data = fields.Json(
        string="Flag reasons (data)",
        readonly=True,
        copy=False,
        groups=RISK_GROUPS,
        help="The risk reasons when the organisation was flagged, as a list of "
        "{kind, count, detail, points}, shown in the reader's language; or a text written "
        "by a person, shown as written.",
    )
    mrc_flag_lift_score = fields.Float(
        string="Score when the flag was lifted",
        digits=(5, 1),
        readonly=True,
        copy=False,
        groups=RISK_GROUPS,
        help="After a manager lifts a flag, the organisation is flagged again only when its "
        "score rises above this value.",
    )
    mrc_is_safe = fields.Boolean(
        string="Safe to refer to",
        compute="_compute_mrc_is_safe",
        store=True,
        index=True,
        help="Vetted and not flagged: the organisation's vacancies may be shown to migrants.",
    )
    mrc_risk_score = fields.Float(
        string="Risk score",
        digits=(5, 1),
        readonly=True,
        copy=False,
        groups=RISK_GROUPS,
        help="0-100, from complaints (weighted by severity, decaying with age), licence "
        "and vetting state.",
    )
    mrc_risk_reasons = fields.Text(
        string="Risk reasons",
        compute="_compute_mrc_risk_reasons",
        groups=RISK_GROUPS,
        help="What makes up the risk score, one reason a line, in the reader's language.",
    )
    mrc_risk_reason_data = fields.Json(
        string="Risk reasons (data)",
        readonly=True,
        copy=False,
        groups=RISK_GROUPS,
        help="The reasons of the last risk computation, largest first, as a list of "
        "{kind, count, detail, points}.",
    )
    mrc_complaint_count = fields.Integer(
        string="Complaints", readonly=True, copy=False, groups=RISK_GROUPS
    )
    mrc_open_complaint_count = fields.Integer(
        string="Open complaints", readonly=True, copy=False, groups=RISK_GROUPS
    )
    mrc_substantiated_count = fields.Integer(
        string="Substantiated complaints", readonly=True, copy=False, groups=RISK_GROUPS
    )
    mrc_complaint_ids = fields.One2many(
        "mrc.complaint",
        "partner_id",
        string="Complaints received",
        groups="mrc_recruiters.group_mrc_complaints",
    )

    def _group_expand_mrc_vetting_states(self, states, domain):
        return [key for key, _label in VETTING_STATES]

    @api.depends("mrc_license_ids")
    def _compute_mrc_license_count(self):
        counts = dict(
            self.env["mrc.recruiter.license"]._read_group(
                [("partner_id", "in", self.ids)], ["partner_id"], ["__count"]
            )
        )
        for partner in self:
            partner.mrc_license_count = counts.get(partner, 0)

    @api.depends(
        "mrc_license_ids.date_from", "mrc_license_ids.date_to", "mrc_license_ids.is_revoked"
    )
    @api.depends_context("date")
    def _compute_mrc_license_status(self):
        for partner in self:
            states = set(partner.mrc_license_ids.mapped("state"))
            partner.mrc_has_valid_license = bool(states & set(VALID_STATES))
            partner.mrc_license_expiring = "expiring" in states and "valid" not in states

    def _search_mrc_has_valid_license(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on the licence validity."))
        positive = (operator == "=") == value
        domain = [("mrc_license_ids.state", "in", VALID_STATES)]
        return domain if positive else ["!", *domain]

    def _search_mrc_license_expiring(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on the licence expiry."))
        positive = (operator == "=") == value
        domain = [
            ("mrc_license_ids.state", "=", "expiring"),
            "!",
            ("mrc_license_ids.state", "=", "valid"),
        ]
        return domain if positive else ["!", "&", *domain]

    @api.depends("mrc_vetting_state", "mrc_is_flagged")
    def _compute_mrc_is_safe(self):
        for partner in self:
            partner.mrc_is_safe = (
                partner.mrc_vetting_state == "vetted" and not partner.mrc_is_flagged
            )

    @api.depends("mrc_risk_reason_data")
    @api.depends_context("lang")
    def _compute_mrc_risk_reasons(self):
        engine = self.env["mrc.risk.engine"]
        for partner in self:
            partner.mrc_risk_reasons = engine._mrc_reasons_text(partner.mrc_risk_reason_data)

    @api.depends("mrc_flag_reason_data")
    @api.depends_context("lang")
    def _compute_mrc_flag_reason(self):
        engine = self.env["mrc.risk.engine"]
        for partner in self:
            partner.mrc_flag_reason = engine._mrc_reasons_text(partner.mrc_flag_reason_data)

    def _inverse_mrc_flag_reason(self):
        """A flag reason written as text (by a person) is kept as written."""
        for partner in self:
            partner.mrc_flag_reason_data = partner.mrc_flag_reason or False

    # ------------------------------------------------------------------ actions

    def _mrc_check_liaison(self):
        self._mrc_require_group(
            "mrc_recruiters.group_mrc_liaison",
            self.env._("Only employer-liaison staff change an organisation's vetting."),
        )

    def action_mrc_load_checklist(self):
        """Add to each organisation's checklist the active check types that apply to it and
        are not on it yet."""
        self._mrc_check_liaison()
        check_types = self.env["mrc.vetting.check.type"].search([("active", "=", True)])
        vals_list = []
        for partner in self:
            present = partner.mrc_check_ids.check_type_id
            vals_list += [
                {"partner_id": partner.id, "check_type_id": check_type.id}
                for check_type in check_types - present
                if check_type._mrc_applies_to(partner)
            ]
        self.env["mrc.vetting.check"].create(vals_list)
        return True

    def action_mrc_submit_review(self):
        self._mrc_set_vetting_state("in_review", self.env._("Submitted for review."))
        return True

    def action_mrc_vet(self):
        """Vet the organisations: rule 2 must hold for each, or nothing is vetted and the
        error names what is missing."""
        self._mrc_check_liaison()
        problems = []
        mandatory = self.env["mrc.vetting.check.type"].search([("is_mandatory", "=", True)])
        for partner in self:
            missing = partner._mrc_vetting_problems(mandatory)
            if missing:
                problems.append(
                    self.env._(
                        "%(org)s: %(missing)s", org=partner.display_name, missing="; ".join(missing)
                    )
                )
        if problems:
            raise UserError(self.env._("Cannot vet yet:\n%s", "\n".join(problems)))
        self._mrc_set_vetting_state("vetted", self.env._("All mandatory checks passed."))
        self.sudo().write({"mrc_vetting_date": fields.Date.context_today(self)})
        return True

    def action_mrc_open_decision(self):
        """Open the wizard that changes the vetting state with a reason."""
        self._mrc_check_liaison()
        target_state = self.env.context.get("mrc_target_state", "suspended")
        self.env["mrc.vetting.decision.wizard"]._mrc_check_target_state(target_state)
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Vetting decision"),
            "res_model": "mrc.vetting.decision.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_partner_ids": self.ids,
                "default_target_state": target_state,
            },
        }

    def action_mrc_open_flag_lift(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Lift flag"),
            "res_model": "mrc.flag.lift.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_partner_ids": self.ids},
        }

    def action_mrc_view_licenses(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "mrc_recruiters.mrc_recruiter_license_action"
        )
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {"default_partner_id": self.id}
        return action

    def action_mrc_view_complaints(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "mrc_recruiters.mrc_complaint_action"
        )
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {"default_partner_id": self.id}
        return action
