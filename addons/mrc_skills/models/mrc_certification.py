from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

STATES = [
    ("draft", "Draft"),
    ("submitted", "Submitted"),
    ("verified", "Verified"),
    ("rejected", "Rejected"),
    ("expired", "Expired"),
]


class MrcCertification(models.Model):
    _name = "mrc.certification"
    _description = "Skill certification of a migrant"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "issue_date desc, id desc"
    _rec_name = "skill_id"

    candidate_id = fields.Many2one(
        "hr.candidate",
        string="Migrant",
        required=True,
        ondelete="cascade",
        index=True,
        tracking=True,
    )
    skill_id = fields.Many2one("hr.skill", required=True, ondelete="restrict", tracking=True)
    skill_type_id = fields.Many2one(related="skill_id.skill_type_id", store=True)
    skill_level_id = fields.Many2one(
        "hr.skill.level",
        string="Level",
        required=True,
        ondelete="restrict",
        domain="[('skill_type_id', '=', skill_type_id)]",
        tracking=True,
    )
    level_progress = fields.Integer(related="skill_level_id.level_progress")
    issuer_id = fields.Many2one(
        "res.partner", string="Issuing body", ondelete="restrict", index=True, tracking=True
    )
    number = fields.Char(string="Certificate number", tracking=True)
    issue_date = fields.Date(tracking=True)
    expiry_date = fields.Date(tracking=True, index=True)
    document = fields.Binary(attachment=True, help="The certificate itself (PDF or image).")
    document_name = fields.Char()
    state = fields.Selection(
        STATES, default="draft", required=True, tracking=True, index=True, copy=False
    )
    verified_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    verified_date = fields.Datetime(readonly=True, copy=False)
    rejection_reason = fields.Text(copy=False)
    company_id = fields.Many2one(related="candidate_id.company_id", store=True)
    color = fields.Integer(compute="_compute_color")

    _sql_constraints = [
        (
            "number_issuer_unique",
            "unique(issuer_id, number)",
            "This issuing body already has a certificate with this number.",
        ),
    ]

    @api.depends("state")
    def _compute_color(self):
        colors = {"draft": 0, "submitted": 3, "verified": 10, "rejected": 1, "expired": 2}
        for certification in self:
            certification.color = colors.get(certification.state, 0)

    @api.constrains("skill_id", "skill_level_id")
    def _check_level_of_skill_type(self):
        for certification in self:
            if certification.skill_level_id.skill_type_id != certification.skill_id.skill_type_id:
                raise ValidationError(
                    self.env._(
                        "The level %(level)s does not belong to the skill type %(type)s.",
                        level=certification.skill_level_id.name,
                        type=certification.skill_type_id.name,
                    )
                )

    @api.constrains("issue_date", "expiry_date")
    def _check_dates(self):
        today = fields.Date.context_today(self)
        for certification in self:
            issued, expires = certification.issue_date, certification.expiry_date
            if issued and issued > today:
                raise ValidationError(self.env._("A certificate cannot be issued in the future."))
            if issued and expires and expires < issued:
                raise ValidationError(
                    self.env._("A certificate cannot expire before it was issued.")
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("number"):
                vals["number"] = vals["number"].strip()
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("number"):
            vals["number"] = vals["number"].strip()
        return super().write(vals)

    def action_submit(self):
        if self.filtered(lambda certification: certification.state != "draft"):
            raise UserError(self.env._("Only draft certifications can be submitted."))
        self.write({"state": "submitted"})

    def action_verify(self):
        """Verify: record who and when, then raise each migrant's skill to the certified level."""
        if self.filtered(lambda certification: certification.state not in ("draft", "submitted")):
            raise UserError(self.env._("Only draft or submitted certifications can be verified."))
        today = fields.Date.context_today(self)
        expired = self.filtered(lambda c: c.expiry_date and c.expiry_date < today)
        if expired:
            raise UserError(
                self.env._(
                    "The certificate of %s has expired: it cannot be verified.",
                    ", ".join(expired.mapped("candidate_id.display_name")),
                )
            )
        self.write(
            {
                "state": "verified",
                "verified_by_id": self.env.uid,
                "verified_date": fields.Datetime.now(),
                "rejection_reason": False,
            }
        )
        self._mrc_apply_to_candidate_skills()

    def action_reject(self):
        if self.filtered(lambda certification: certification.state not in ("draft", "submitted")):
            raise UserError(self.env._("Only draft or submitted certifications can be rejected."))
        self.write({"state": "rejected"})

    def action_reset_to_draft(self):
        if self.filtered(lambda certification: certification.state not in ("rejected", "expired")):
            raise UserError(
                self.env._("Only rejected or expired certifications can go back to draft.")
            )
        self.write({"state": "draft", "verified_by_id": False, "verified_date": False})

    @api.model
    def _cron_mrc_expire_certifications(self):
        """Mark as expired every certification whose expiry date has passed."""
        today = fields.Date.context_today(self)
        to_expire = self.search(
            [
                ("state", "in", ("draft", "submitted", "verified")),
                ("expiry_date", "<", today),
            ]
        )
        to_expire.write({"state": "expired"})
        return to_expire

    def _mrc_apply_to_candidate_skills(self):
        """Set each migrant's skill to at least the certified level; never lower one.

        A migrant already recorded at a higher level keeps it, and the certification's chatter
        says so, so that the difference is visible rather than silently overwritten.
        """
        CandidateSkill = self.env["hr.candidate.skill"].sudo()
        existing = CandidateSkill.search(
            [
                ("candidate_id", "in", self.candidate_id.ids),
                ("skill_id", "in", self.skill_id.ids),
            ]
        )
        by_pair = {(line.candidate_id.id, line.skill_id.id): line for line in existing}
        to_create = {}
        for certification in self.sorted("level_progress"):
            key = (certification.candidate_id.id, certification.skill_id.id)
            line = by_pair.get(key)
            if not line:
                to_create[key] = {
                    "candidate_id": certification.candidate_id.id,
                    "skill_type_id": certification.skill_type_id.id,
                    "skill_id": certification.skill_id.id,
                    "skill_level_id": certification.skill_level_id.id,
                }
            elif line.level_progress < certification.level_progress:
                line.skill_level_id = certification.skill_level_id
            elif line.level_progress > certification.level_progress:
                certification.message_post(
                    body=self.env._(
                        "The migrant already has %(skill)s at %(level)s, higher than this "
                        "certificate's level; the higher level is kept.",
                        skill=certification.skill_id.name,
                        level=line.skill_level_id.name,
                    )
                )
        if to_create:
            CandidateSkill.create(list(to_create.values()))
