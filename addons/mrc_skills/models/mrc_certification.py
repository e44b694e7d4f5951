import base64
import logging

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .mrc_pdf_import import INDEX_CONTEXT_KEY

_logger = logging.getLogger(__name__)

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
    _inherit = ["mail.thread", "mail.activity.mixin", "mrc.guard.mixin"]
    _order = "issue_date desc, id desc"
    _rec_name = "skill_id"
    # Rule 7: a certificate is submitted, verified, rejected and reset by a counsellor's
    # actions (verification records who and when); only the daily check expires it.
    _mrc_guarded_fields = frozenset({"state", "verified_by_id", "verified_date"})

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

    def init(self):
        """Certificates without a recognised issuing body count as one body: their numbers
        are unique among them too (NULL issuers escape the constraint above)."""
        super().init()
        self.env.cr.execute(
            """SELECT number FROM mrc_certification
                WHERE issuer_id IS NULL AND number IS NOT NULL AND number != ''
             GROUP BY number HAVING count(*) > 1 LIMIT 1"""
        )
        if self.env.cr.fetchone():
            _logger.warning(
                "mrc.certification: certificates without an issuing body share a number; "
                "the unique index on their numbers waits until staff resolve them."
            )
            return
        self.env.cr.execute(
            """CREATE UNIQUE INDEX IF NOT EXISTS mrc_certification_number_no_issuer_uniq
                   ON mrc_certification (number)
                WHERE issuer_id IS NULL AND number IS NOT NULL AND number != ''"""
        )

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
        today = self.env.company._mrc_today()
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
                issuer = self.env["res.partner"].browse(vals.get("issuer_id"))
                self._mrc_check_number_free(issuer, vals["number"])
        unindexed = self._mrc_unindexed(any(vals.get("document") for vals in vals_list))
        certifications = super(MrcCertification, unindexed).create(vals_list).with_env(self.env)
        certifications.issuer_id.filtered(lambda p: not p.mrc_is_issuing_body).sudo().write(
            {"mrc_is_issuing_body": True}
        )
        return certifications

    def write(self, vals):
        if vals.get("number"):
            vals["number"] = vals["number"].strip()
        if "number" in vals or "issuer_id" in vals:
            for certification in self:
                certification._mrc_check_number_free(
                    self.env["res.partner"].browse(
                        vals.get("issuer_id", certification.issuer_id.id)
                    ),
                    vals.get("number", certification.number),
                )
        return super(MrcCertification, self._mrc_unindexed(vals.get("document"))).write(vals)

    def _mrc_unindexed(self, with_document):
        """``self`` storing a document Odoo's indexer does not parse (it reads a PDF in the
        server process, with no limit, and loops on crafted ones): unless the PDF import stores
        it with the text it read (its context is set then), a file put on a certificate by hand
        is not indexed."""
        if not with_document or INDEX_CONTEXT_KEY in self.env.context:
            return self
        return self.with_context(**self.env["mrc.pdf.import"]._mrc_index_context({}))

    def _mrc_check_number_free(self, issuer, number):
        """Raise a UserError when ``issuer`` already has a certificate numbered ``number``,
        other than the certifications in ``self`` (so a record may keep its own number).

        A number is unique per issuing body, and the certificates without a recognised issuing
        body count as one body: the same number with no issuer is a duplicate too."""
        if not self._mrc_number_taken(issuer, number):
            return
        if issuer:
            raise UserError(
                self.env._(
                    "%(issuer)s already has a certificate numbered %(number)s on record.",
                    issuer=issuer.display_name,
                    number=number,
                )
            )
        raise UserError(
            self.env._(
                "A certificate numbered %s with no recognised issuing body is already on record: "
                "numbers are unique per issuing body, and certificates without one count as one "
                "body. Set the issuing body, or check the certificate already recorded.",
                number,
            )
        )

    def _mrc_number_taken(self, issuer, number):
        """Whether another certification than ``self`` holds ``number`` for ``issuer`` (an
        empty issuer included), whoever's it is (searched as superuser)."""
        number = (number or "").strip()
        if not number:
            return False
        return bool(
            self.sudo().search_count(
                [
                    ("issuer_id", "=", issuer.id or False),
                    ("number", "=", number),
                    ("id", "not in", self.ids),
                ],
                limit=1,
            )
        )

    @api.model
    def _mrc_import_portal_pdf(self, candidate, filename, data):
        """Import one PDF uploaded by a migrant on the portal.

        Reads the file, proposes its best-matching skill with the certificate's number, issuing
        body, dates and level, and creates one ``submitted`` certification carrying the PDF,
        for a counsellor to verify. A portal user may only import for their own client card.

        :param candidate: the migrant's hr.candidate.
        :param filename: the uploaded file's name.
        :param data: the file's bytes (or base64).
        :return: the created certifications.
        :raises UserError: on bad input (not a PDF, encrypted, damaged, scanned, too large, too
            many pages, nothing recognised, number already recorded); nothing is created then.
        """
        candidate.ensure_one()
        user = self.env.user
        if user.share and candidate.sudo().partner_id != user.partner_id:
            raise UserError(self.env._("You can only upload certificates to your own profile."))
        importer = self.env["mrc.pdf.import"]
        read = importer._mrc_extract(filename, data)
        result = read.extraction
        if not result.skills:
            raise UserError(
                self.env._(
                    "No skill was recognised in %s. Your counsellor can enter it by hand.",
                    filename,
                )
            )
        best = result.skills[0]
        skill = self.env["hr.skill"].sudo().browse(best.key)
        level = importer._mrc_level_for(skill.skill_type_id, best.level_progress)
        if not level:
            raise UserError(
                self.env._(
                    "The skill %s has no levels to certify; ask your counsellor.", skill.name
                )
            )
        issuer = self.env["res.partner"].sudo().browse(result.issuer.key if result.issuer else [])
        if self._mrc_number_taken(issuer, result.number):
            # Neither confirm nor deny that someone else holds this number (rule 6).
            raise UserError(
                self.env._(
                    "This certificate could not be recorded. Bring it to the centre: a "
                    "counsellor will check it with you."
                )
            )
        raw = importer._mrc_decode(data)
        certification = (
            self.sudo()
            .with_context(
                mail_create_nosubscribe=True,
                **importer._mrc_index_context({raw: read.content.text}),
            )
            .create(
                {
                    "candidate_id": candidate.id,
                    "skill_id": skill.id,
                    "skill_level_id": level.id,
                    "issuer_id": issuer.id,
                    "number": result.number,
                    "issue_date": result.issue_date,
                    "expiry_date": result.expiry_date,
                    "document": base64.b64encode(raw),
                    "document_name": filename,
                    "state": "submitted",
                }
            )
        )
        return certification.with_env(self.env)

    def _mrc_check_counsellor(self):
        self._mrc_require_group(
            "mrc_recruiters.group_mrc_counsellor",
            self.env._("Only counsellors submit, verify, reject or reset certifications."),
        )
        self.check_access("write")

    def action_submit(self):
        self._mrc_check_counsellor()
        if self.filtered(lambda certification: certification.state != "draft"):
            raise UserError(self.env._("Only draft certifications can be submitted."))
        self.sudo().write({"state": "submitted"})

    def action_verify(self):
        """Verify: record who and when, then raise each migrant's skill to the certified level.
        Counsellors only; an expired or rejected certificate is never verified."""
        self._mrc_check_counsellor()
        if self.filtered(lambda certification: certification.state not in ("draft", "submitted")):
            raise UserError(self.env._("Only draft or submitted certifications can be verified."))
        today = self.env.company._mrc_today()
        expired = self.filtered(lambda c: c.expiry_date and c.expiry_date < today)
        if expired:
            raise UserError(
                self.env._(
                    "The certificate of %s has expired: it cannot be verified.",
                    ", ".join(expired.mapped("candidate_id.display_name")),
                )
            )
        self.sudo().write(
            {
                "state": "verified",
                "verified_by_id": self.env.uid,
                "verified_date": fields.Datetime.now(),
                "rejection_reason": False,
            }
        )
        self._mrc_apply_to_candidate_skills()

    def action_reject(self):
        self._mrc_check_counsellor()
        if self.filtered(lambda certification: certification.state not in ("draft", "submitted")):
            raise UserError(self.env._("Only draft or submitted certifications can be rejected."))
        self.sudo().write({"state": "rejected"})

    def action_reset_to_draft(self):
        self._mrc_check_counsellor()
        if self.filtered(lambda certification: certification.state not in ("rejected", "expired")):
            raise UserError(
                self.env._("Only rejected or expired certifications can go back to draft.")
            )
        self.sudo().write({"state": "draft", "verified_by_id": False, "verified_date": False})

    @api.model
    def _cron_mrc_expire_certifications(self):
        """Mark as expired every certification whose expiry date has passed."""
        today = self.env.company._mrc_today()
        to_expire = self.search(
            [
                ("state", "in", ("draft", "submitted", "verified")),
                ("expiry_date", "<", today),
            ]
        )
        to_expire.sudo().write({"state": "expired"})
        return to_expire

    def _mrc_apply_to_candidate_skills(self):
        """Set each migrant's skill to at least the certified level; never lower one.

        A migrant already recorded at a higher level keeps it, and the certification's chatter
        says so, so that the difference is visible rather than silently overwritten.
        """
        for candidate in self.candidate_id:
            certifications = self.filtered(
                lambda c, candidate=candidate: c.candidate_id == candidate
            )
            kept = candidate._mrc_raise_skill_levels(
                [(c.skill_id, c.skill_level_id) for c in certifications]
            )
            for skill, level in kept:
                for certification in certifications.filtered(lambda c, s=skill: c.skill_id == s):
                    certification.message_post(
                        body=self.env._(
                            "The migrant already has %(skill)s at %(level)s, higher than this "
                            "certificate's level; the higher level is kept.",
                            skill=skill.name,
                            level=level.name,
                        )
                    )
