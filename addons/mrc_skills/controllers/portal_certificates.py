"""Migrants' certificates on the portal: their list and pages, and the upload of a PDF that
goes through the certificate import and waits for a counsellor's verification. The migrant's
client card is read as them (record rule: its contact is their partner)."""

from odoo import http
from odoo.exceptions import UserError, ValidationError
from odoo.http import request

from odoo.addons.mrc_recruiters.controllers.portal import ID, MrcPortal, clean_text, read_upload


class MrcCertificatePortal(MrcPortal):
    def _mrc_candidate(self):
        """The migrant's own client card (read through the portal record rule), or empty."""
        return request.env["hr.candidate"].search(
            [("partner_id", "=", request.env.user.partner_id.id)], order="id", limit=1
        )

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "mrc_certification_count" in counters:
            env = request.env
            readable = env["hr.candidate"].has_access("read") and env[
                "mrc.certification"
            ].has_access("read")
            candidate = self._mrc_candidate() if readable else None
            values["mrc_certification_count"] = (
                env["mrc.certification"].search_count([("candidate_id", "=", candidate.id)])
                if candidate
                else 0
            )
        return values

    def _mrc_certification_names(self, certifications):
        """Skill, level and issuer names of the migrant's own certificates (names only)."""
        return {
            c.id: {
                "skill": c.skill_id.name or "",
                "level": c.skill_level_id.name or "",
                "issuer": c.issuer_id.name or "",
            }
            for c in certifications.sudo()
        }

    def _mrc_certificates_values(self, page=1, **extra):
        Certification = request.env["mrc.certification"]
        values = self._prepare_portal_layout_values()
        candidate = self._mrc_candidate()
        domain = [("candidate_id", "=", candidate.id or 0)]
        certifications, pager = self._mrc_paged(
            "mrc.certification", domain, "/my/certificates", page, order="id desc"
        )
        values.update(
            {
                "page_name": "mrc_certificates",
                "default_url": "/my/certificates",
                "candidate": candidate,
                "certifications": certifications,
                "names": self._mrc_certification_names(certifications),
                "pager": pager,
                "state_labels": self._mrc_labels(Certification, "state"),
                "max_mb": self._mrc_pdf_max_mb(),
            }
        )
        values.update(extra)
        return values

    def _mrc_pdf_max_mb(self):
        return request.env["res.config.settings"]._mrc_param("mrc_skills.pdf_max_size_mb")

    def _mrc_check_certificate_upload(self, candidate, document, max_mb):
        """Return (error message or None, file bytes) for a certificate upload."""
        env = request.env
        if not candidate:
            return (
                env._(
                    "Your client card is not ready yet: ask your counsellor at the centre to "
                    "open it."
                ),
                None,
            )
        if not document or not getattr(document, "filename", None):
            return env._("Choose the PDF file of your certificate."), None
        data = read_upload(document, max_mb)
        if data is None:
            limit = f"{max_mb:g}"
            return env._("The file is too large: the limit is %s MB.", limit), None
        if not env["mrc.pdf.import"]._mrc_is_pdf(data):
            return (
                env._(
                    "%s is not a PDF file: upload your certificate as a PDF.",
                    clean_text(document.filename),
                ),
                None,
            )
        return None, data

    @http.route(
        ["/my/certificates", "/my/certificates/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_mrc_certificates(self, page=1, **kw):
        values = self._mrc_certificates_values(page, uploaded=kw.get("uploaded"))
        return request.render("mrc_skills.portal_my_mrc_certificates", values)

    @http.route(
        ["/my/certificates/upload"],
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_mrc_certificate_upload(self, document=None, **kw):
        """Upload a certificate (PDF): imported by mrc_skills, then waits for verification."""
        env = request.env
        candidate = self._mrc_candidate()
        max_mb = self._mrc_pdf_max_mb()
        error, data = self._mrc_check_certificate_upload(candidate, document, max_mb)
        if not error:
            try:
                env["mrc.certification"]._mrc_import_portal_pdf(
                    candidate, clean_text(document.filename), data
                )
            except (UserError, ValidationError) as exc:
                env.cr.rollback()
                error = exc.args[0]
        if error:
            return self._mrc_refused(
                "mrc_skills.portal_my_mrc_certificates",
                self._mrc_certificates_values(error=error),
            )
        return request.redirect("/my/certificates?uploaded=1")

    @http.route(
        [f"/my/certificates/<{ID}:certification_id>"], type="http", auth="user", website=True
    )
    def portal_mrc_certificate(self, certification_id, **kw):
        certification = self._mrc_own_record("mrc.certification", certification_id)
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "mrc_certificate",
                "certification": certification,
                "names": self._mrc_certification_names(certification)[certification.id],
                "state_labels": self._mrc_labels(certification, "state"),
            }
        )
        return request.render("mrc_skills.portal_my_mrc_certificate", values)
