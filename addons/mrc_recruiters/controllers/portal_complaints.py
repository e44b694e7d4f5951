"""Migrants' complaints on the portal: their own list and thread, and the form to lodge one,
named or anonymous (rule 4: an anonymous complaint keeps no link to its author)."""

from odoo import SUPERUSER_ID, fields, http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request
from odoo.tools.mimetypes import guess_mimetype

from .portal import ID, MrcPortal, clean_text, read_upload, to_id

# Evidence attached to a complaint: at most this many files of these types, each no larger
# than the setting mrc_recruiters.evidence_max_mb (res.config.settings.mrc_evidence_max_mb;
# Odoo itself refuses a form over 10 MB in all).
EVIDENCE_MAX_FILES = 5
EVIDENCE_MIMETYPES = ("application/pdf", "image/png", "image/jpeg")
DESCRIPTION_MAX_CHARS = 20000


class MrcComplaintPortal(MrcPortal):
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "mrc_complaint_count" in counters:
            env = request.env
            values["mrc_complaint_count"] = (
                env["mrc.complaint"].search_count([])
                if env["mrc.complaint"].has_access("read") and env.user.share
                else 0
            )
        return values

    def _mrc_evidence_max_mb(self):
        return request.env["res.config.settings"]._mrc_param("mrc_recruiters.evidence_max_mb")

    @staticmethod
    def _mrc_respondent(complaint):
        """Who a complaint is against, names only: the organisation, the individual broker, or
        both ("broker / organisation")."""
        names = complaint.sudo().mapped("broker_id.name") + complaint.sudo().mapped(
            "partner_id.name"
        )
        return " / ".join(names)

    def _mrc_complaint_names(self, complaints):
        """Respondent names of the migrant's own complaints (names only)."""
        return {c.id: self._mrc_respondent(c) for c in complaints}

    @http.route(
        ["/my/complaints", "/my/complaints/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_mrc_complaints(self, page=1, **kw):
        return self._mrc_complaints_page(page, submitted=kw.get("submitted"))

    def _mrc_complaints_page(self, page=1, status=200, **extra):
        """The migrant's list of her complaints, with ``extra`` values such as an ``error``."""
        Complaint = request.env["mrc.complaint"]
        values = self._prepare_portal_layout_values()
        complaints, pager = self._mrc_paged("mrc.complaint", [], "/my/complaints", page)
        request.session["my_mrc_complaints_history"] = complaints.ids[:100]
        values.update(
            {
                "page_name": "mrc_complaints",
                "default_url": "/my/complaints",
                "complaints": complaints,
                "organisations": self._mrc_complaint_names(complaints),
                "pager": pager,
                "state_labels": self._mrc_labels(Complaint, "state"),
                "submitted": None,
                "error": None,
            }
        )
        values.update(extra)
        return request.render("mrc_recruiters.portal_my_mrc_complaints", values, status=status)

    def _mrc_complaint_form_values(self, **extra):
        env = request.env
        values = self._prepare_portal_layout_values()
        # Any registered employer or agency may be complained against: names only.
        organisations = (
            env["res.partner"]
            .sudo()
            .search_read(
                [
                    ("is_company", "=", True),
                    "|",
                    ("mrc_is_employer", "=", True),
                    ("mrc_is_agency", "=", True),
                ],
                ["name"],
                order="name",
            )
        )
        values.update(
            {
                "page_name": "mrc_complaint_new",
                "organisations": organisations,
                "categories": env["mrc.complaint.category"].search([]),
                "form": {},
                "today": fields.Date.context_today(env.user),
                "max_files": EVIDENCE_MAX_FILES,
                "max_mb": f"{self._mrc_evidence_max_mb():g}",
            }
        )
        values.update(extra)
        return values

    @http.route(["/my/complaints/new"], type="http", auth="user", methods=["GET"], website=True)
    def portal_mrc_complaint_new(self, **kw):
        return request.render(
            "mrc_recruiters.portal_my_mrc_complaint_new", self._mrc_complaint_form_values()
        )

    def _mrc_parse_complaint(self, post, files):
        """Check a complaint form (its text values without NUL characters) and return
        (values, evidence files); raise UserError."""
        env = request.env
        organisation_id = to_id(post.get("organisation_id"))
        allowed = (
            env["res.partner"]
            .sudo()
            .search_count(
                [
                    ("id", "=", organisation_id),
                    ("is_company", "=", True),
                    "|",
                    ("mrc_is_employer", "=", True),
                    ("mrc_is_agency", "=", True),
                ]
            )
        )
        if not allowed:
            raise UserError(env._("Choose the employer or agency your complaint is about."))
        category_ids = [to_id(c) for c in request.httprequest.form.getlist("category_ids")]
        categories = env["mrc.complaint.category"].browse([c for c in category_ids if c]).exists()
        if not categories:
            raise UserError(env._("Choose at least one category for your complaint."))
        description = (post.get("description") or "").strip()
        if not description:
            raise UserError(env._("Tell us what happened."))
        if len(description) > DESCRIPTION_MAX_CHARS:
            raise UserError(
                env._("The text is too long: at most %s characters.", DESCRIPTION_MAX_CHARS)
            )
        incident_date = False
        if post.get("incident_date"):
            try:
                incident_date = fields.Date.to_date(post["incident_date"])
            except ValueError:
                raise UserError(env._("The incident date is not a valid date.")) from None
            if incident_date > fields.Date.context_today(env.user):
                raise UserError(env._("The incident date cannot be in the future."))
        evidence = []
        max_mb = self._mrc_evidence_max_mb()
        uploads = [f for f in files if getattr(f, "filename", None)]
        if len(uploads) > EVIDENCE_MAX_FILES:
            raise UserError(env._("Attach at most %s files.", EVIDENCE_MAX_FILES))
        for upload in uploads:
            filename = clean_text(upload.filename)
            data = read_upload(upload, max_mb)
            if data is None:
                limit = f"{max_mb:g}"
                raise UserError(
                    env._(
                        "%(file)s is too large: the limit is %(size)s MB.",
                        file=filename,
                        size=limit,
                    )
                )
            mimetype = guess_mimetype(data)
            if mimetype not in EVIDENCE_MIMETYPES:
                raise UserError(
                    env._(
                        "%s cannot be attached: only PDF, PNG and JPEG files are accepted.",
                        filename,
                    )
                )
            evidence.append((filename, data, mimetype))
        values = {
            "partner_id": organisation_id,
            "category_ids": [fields.Command.set(categories.ids)],
            "incident_date": incident_date,
            "description": description,
            "is_anonymous": bool(post.get("is_anonymous")),
        }
        return values, evidence

    @http.route(
        ["/my/complaints/new"],
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_mrc_complaint_submit(self, **post):
        """Lodge a complaint. Named: linked to the migrant's contact. Anonymous: no link to the
        author at all (created as superuser, no follower, no author) and a follow-up code."""
        env = request.env
        if not env.user.share:
            raise request.not_found()
        files = request.httprequest.files.getlist("attachments")
        # Text as typed, without NUL characters (PostgreSQL stores none), also when the form
        # is shown again with an error.
        post = {key: clean_text(value) for key, value in post.items()}
        try:
            values, evidence = self._mrc_parse_complaint(post, files)
        except UserError as exc:
            return self._mrc_refused(
                "mrc_recruiters.portal_my_mrc_complaint_new",
                self._mrc_complaint_form_values(error=exc.args[0], form=post),
            )
        anonymous = values["is_anonymous"]
        if anonymous:
            Complaint = env["mrc.complaint"].with_user(SUPERUSER_ID)
        else:
            values["complainant_partner_id"] = env.user.partner_id.id
            Complaint = env["mrc.complaint"].sudo()
        Complaint = Complaint.with_context(mail_create_nosubscribe=True, tracking_disable=True)
        try:
            complaint = Complaint.create(values)
        except (UserError, ValidationError) as exc:
            env.cr.rollback()
            return self._mrc_refused(
                "mrc_recruiters.portal_my_mrc_complaint_new",
                self._mrc_complaint_form_values(error=exc.args[0], form=post),
            )
        if evidence:
            attachments = (
                env["ir.attachment"]
                .with_user(SUPERUSER_ID if anonymous else env.uid)
                .sudo()
                .create(
                    [
                        {
                            "name": name,
                            "raw": data,
                            "mimetype": mimetype,
                            "res_model": "mrc.complaint",
                            "res_id": complaint.id,
                        }
                        for name, data, mimetype in evidence
                    ]
                )
            )
            complaint.write({"attachment_ids": [fields.Command.link(a.id) for a in attachments]})
        if anonymous:
            code = complaint._mrc_issue_followup_code()
            values = self._prepare_portal_layout_values()
            values.update({"page_name": "mrc_complaint_new", "followup_code": code})
            return request.render("mrc_recruiters.portal_my_mrc_complaint_anonymous", values)
        return request.redirect(f"/my/complaints/{complaint.id}?submitted=1")

    @http.route([f"/my/complaints/<{ID}:complaint_id>"], type="http", auth="user", website=True)
    def portal_mrc_complaint(self, complaint_id, **kw):
        complaint = self._mrc_own_record("mrc.complaint", complaint_id)
        return self._mrc_complaint_page(
            complaint, submitted=kw.get("submitted"), confirmed=kw.get("confirmed")
        )

    def _mrc_complaint_page(self, complaint, status=200, **extra):
        """The migrant's own complaint (already checked as hers), with ``extra`` values such
        as an ``error`` to show, answered with ``status``."""
        # The migrant's own narrative, evidence and remedies: restricted, read for them only.
        own = complaint.sudo()
        Remedy = own.env["mrc.complaint.remedy"]
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "mrc_complaint",
                "complaint": complaint,
                "organisation": self._mrc_respondent(own),
                "description": own.description or "",
                "evidence_names": own.attachment_ids.mapped("name"),
                "state_labels": self._mrc_labels(complaint, "state"),
                "remedies": own.remedy_ids,
                "remedy_labels": self._mrc_labels(Remedy, "kind"),
                "submitted": None,
                "confirmed": None,
                "error": None,
            }
        )
        values.update(extra)
        values = self._get_page_view_values(
            complaint, own._portal_ensure_token(), values, "my_mrc_complaints_history", False
        )
        # The page stays under /my; the token is only for the message thread.
        values["no_breadcrumbs"] = False
        return request.render("mrc_recruiters.portal_my_mrc_complaint", values, status=status)

    @http.route(
        [f"/my/complaints/<{ID}:complaint_id>/remedies/<{ID}:remedy_id>/confirm"],
        type="http",
        auth="user",
        methods=["GET", "POST"],
        website=True,
    )
    def portal_mrc_remedy_confirm(self, complaint_id, remedy_id, **post):
        """The migrant confirms she received a payment recorded on her complaint ("I received
        it"). Her own named complaint only (another's, an anonymous one or a missing one
        answers 404 with a message, alike); a POST with the form's CSRF token only (a GET is
        refused, 405; Odoo refuses a POST without the token, 400)."""
        env = request.env
        try:
            document = self._document_check_access("mrc.complaint", complaint_id)
        except (AccessError, MissingError):
            document = None
        if not document or not env.user.share:
            return self._mrc_complaints_page(
                status=404,
                error=env._(
                    "This is not one of your complaints: only the person who lodged a "
                    "complaint under her name confirms its payments."
                ),
            )
        complaint = env["mrc.complaint"].browse(document.id)
        if request.httprequest.method != "POST":
            return self._mrc_complaint_page(
                complaint,
                status=405,
                error=env._('Confirm a payment with the button "I received it" on this page.'),
            )
        try:
            env["mrc.complaint.remedy"]._mrc_confirm_by_complainant(complaint.id, remedy_id)
        except UserError as exc:
            return self._mrc_complaint_page(complaint, status=400, error=exc.args[0])
        return request.redirect(f"/my/complaints/{complaint.id}?confirmed=1")
