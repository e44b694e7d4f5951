from odoo import _, api, fields, models
from odoo.exceptions import UserError

VETTING_STATES = [
    ("draft", "Draft"),
    ("in_review", "In review"),
    ("vetted", "Vetted"),
    ("rejected", "Rejected"),
    ("suspended", "Suspended"),
    ("blacklisted", "Blacklisted"),
]

# Vetting states an organisation may move to from each state; vetting itself goes through
# action_mrc_vet, which checks rule 2.
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

# Fields only the dedicated methods may write (they check the rules and post the reason).
GUARDED_FIELDS = {"mrc_vetting_state", "mrc_is_flagged"}


class ResPartner(models.Model):
    _inherit = "res.partner"

    mrc_is_employer = fields.Boolean(string="Employer", tracking=True)
    mrc_is_agency = fields.Boolean(string="Recruitment agency", tracking=True)
    mrc_vetting_state = fields.Selection(
        VETTING_STATES,
        string="Vetting state",
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    mrc_is_flagged = fields.Boolean(
        string="Flagged",
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
        help="Set when the risk score passes the configured threshold; only a manager lifts it.",
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
        groups="mrc_recruiters.group_mrc_liaison,mrc_recruiters.group_mrc_complaints",
        help="0-100, from complaints (weighted by severity, decaying with age), licence "
        "and vetting state.",
    )
    mrc_risk_reasons = fields.Text(
        string="Risk reasons",
        readonly=True,
        copy=False,
        groups="mrc_recruiters.group_mrc_liaison,mrc_recruiters.group_mrc_complaints",
    )
    mrc_complaint_count = fields.Integer(
        string="Complaints",
        readonly=True,
        copy=False,
        groups="mrc_recruiters.group_mrc_liaison,mrc_recruiters.group_mrc_complaints",
    )
    mrc_substantiated_count = fields.Integer(
        string="Substantiated complaints",
        readonly=True,
        copy=False,
        groups="mrc_recruiters.group_mrc_liaison,mrc_recruiters.group_mrc_complaints",
    )
    mrc_complaint_ids = fields.One2many(
        "mrc.complaint",
        "partner_id",
        string="Complaints received",
        groups="mrc_recruiters.group_mrc_complaints",
    )

    @api.depends("mrc_vetting_state", "mrc_is_flagged")
    def _compute_mrc_is_safe(self):
        for partner in self:
            partner.mrc_is_safe = (
                partner.mrc_vetting_state == "vetted" and not partner.mrc_is_flagged
            )

    def write(self, vals):
        if (
            GUARDED_FIELDS & set(vals)
            and not self.env.su
            and not self.env.context.get("mrc_standing_change")
        ):
            raise UserError(_("The vetting state and the flag change only through their buttons."))
        return super().write(vals)

    def _mrc_standing_lost(self, reason):
        """Hook called on organisations that stop being safe (suspended, rejected, blacklisted,
        flagged), after the change is written. Posts the reason in the chatter; other add-ons
        extend it (mrc_jobs withdraws the organisations' vacancies).

        :param str reason: why the organisation lost its standing, in words
        """
        for partner in self:
            partner.message_post(
                body=_("No longer safe to refer migrants to: %s", reason),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def _mrc_update_risk(self):
        """Recompute the complaint counts of these organisations."""
        partners = self.filtered("id").sudo()
        if not partners:
            return
        groups = (
            self.env["mrc.complaint"]
            .sudo()
            ._read_group(
                [("partner_id", "in", partners.ids)],
                ["partner_id", "is_substantiated"],
                ["__count"],
            )
        )
        counts = {}
        for partner, substantiated, count in groups:
            total, subst = counts.get(partner.id, (0, 0))
            counts[partner.id] = (total + count, subst + (count if substantiated else 0))
        for partner in partners:
            total, subst = counts.get(partner.id, (0, 0))
            partner.write({"mrc_complaint_count": total, "mrc_substantiated_count": subst})
