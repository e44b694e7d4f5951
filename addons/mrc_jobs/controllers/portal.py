"""The migrants' portal: vetted vacancies, own matches, referrals, certificates, complaints.

Ownership is enforced by record rules (see security/mrc_jobs_portal_security.xml): every read
below runs as the portal user. ``sudo()`` is used only to show what the migrant may see but has
no access right for (the names of an employer, a skill or a stage) and for the few writes the
portal makes on the migrant's behalf, with values the controller sets itself.
"""

from odoo import SUPERUSER_ID, fields, http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request

from odoo.addons.portal.controllers import portal
from odoo.addons.portal.controllers.portal import pager as portal_pager

# Evidence attached to a complaint: at most this many files of these types, each no larger
# than the system parameter mrc_jobs.evidence_max_mb (default below; Odoo itself refuses a
# form over 10 MB in all).
EVIDENCE_MAX_FILES = 5
EVIDENCE_MAX_MB = 5.0
EVIDENCE_SIGNATURES = {
    b"%PDF-": "application/pdf",
    b"\x89PNG\r\n\x1a\n": "image/png",
    b"\xff\xd8\xff": "image/jpeg",
}
DESCRIPTION_MAX_CHARS = 20000


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def mrc_csrf_error():
    """A clear message when the request's CSRF token is missing or wrong, else None.

    The portal's forms check the token themselves (routes declared ``csrf=False``) so that a
    refusal is explained on the page rather than by a bare "Bad Request".
    """
    token = request.params.get("csrf_token")
    if token and request.validate_csrf(token):
        return None
    return request.env._(
        "This form's security token (CSRF) is missing or has expired: reload the page and "
        "send the form again."
    )


def _read_upload(upload, max_mb):
    """Read an uploaded file without taking more than ``max_mb`` megabytes; None if larger."""
    limit = int(max_mb * 1024 * 1024)
    data = upload.read(limit + 1)
    return None if len(data) > limit else data


class MrcCustomerPortal(portal.CustomerPortal):
    _mrc_items_per_page = 10

    # ------------------------------------------------------------------ helpers
    def _mrc_candidate(self):
        """The migrant's own client card (read through the portal record rule), or empty."""
        return request.env["hr.candidate"].search(
            [("partner_id", "=", request.env.user.partner_id.id)], order="id", limit=1
        )

    def _mrc_own_record(self, model, record_id):
        """The record as the current user, or raise MissingError when it does not exist or is
        not theirs: a guessed id answers exactly like a missing one."""
        record = request.env[model].browse(record_id)
        try:
            record.check_access("read")
            if not record.exists():
                raise MissingError(request.env._("This document does not exist."))
        except AccessError as error:
            raise MissingError(request.env._("This document does not exist.")) from error
        return record

    def _mrc_job_domain(self):
        return [("mrc_is_eligible", "=", True)]

    def _mrc_labels(self, record, field_name):
        return dict(record._fields[field_name]._description_selection(request.env))

    def _mrc_job_facts(self, jobs):
        """Names of the employer and agency of eligible vacancies, read as superuser because a
        portal user cannot read organisations: only the names are read."""
        facts = {}
        for job in jobs.sudo():
            facts[job.id] = {
                "employer": job.mrc_employer_id.name or "",
                "agency": job.mrc_agency_id.name or "",
            }
        return facts

    # ------------------------------------------------------------------ home
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        env = request.env
        wanted = {
            "mrc_vacancy_count",
            "mrc_match_count",
            "mrc_application_count",
            "mrc_certification_count",
            "mrc_complaint_count",
        }
        if not wanted & set(counters):
            return values
        candidate = self._mrc_candidate() if env["hr.candidate"].has_access("read") else None
        if "mrc_vacancy_count" in counters:
            values["mrc_vacancy_count"] = (
                env["hr.job"].search_count(self._mrc_job_domain())
                if env["hr.job"].has_access("read") and candidate
                else 0
            )
        if "mrc_match_count" in counters:
            values["mrc_match_count"] = (
                env["mrc.match"].search_count(self._mrc_match_domain(candidate)) if candidate else 0
            )
        if "mrc_application_count" in counters:
            values["mrc_application_count"] = (
                env["hr.applicant"].search_count([("candidate_id", "=", candidate.id)])
                if candidate
                else 0
            )
        if "mrc_certification_count" in counters:
            values["mrc_certification_count"] = (
                env["mrc.certification"].search_count([("candidate_id", "=", candidate.id)])
                if candidate and env["mrc.certification"].has_access("read")
                else 0
            )
        if "mrc_complaint_count" in counters:
            values["mrc_complaint_count"] = (
                env["mrc.complaint"].search_count([])
                if env["mrc.complaint"].has_access("read") and env.user.share
                else 0
            )
        return values

    # ------------------------------------------------------------------ vacancies
    def _mrc_vacancy_sortings(self):
        return {
            "date": {"label": request.env._("Newest"), "order": "create_date desc, id desc"},
            "deadline": {"label": request.env._("Deadline"), "order": "mrc_deadline asc, id"},
            "name": {"label": request.env._("Title"), "order": "name asc, id"},
        }

    @http.route(
        ["/my/vacancies", "/my/vacancies/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_mrc_vacancies(
        self,
        page=1,
        sortby="date",
        search=None,
        country=None,
        occupation=None,
        sector=None,
        housing=None,
        **kw,
    ):
        env = request.env
        Job = env["hr.job"]
        values = self._prepare_portal_layout_values()
        base = self._mrc_job_domain()
        domain = list(base)
        if search:
            domain += ["|", ("name", "ilike", search), ("mrc_city", "ilike", search)]
        country_id, occupation_id, sector_id = _int(country), _int(occupation), _int(sector)
        if country_id:
            domain.append(("mrc_country_id", "=", country_id))
        if occupation_id:
            domain.append(("mrc_occupation_id", "child_of", occupation_id))
        if sector_id:
            domain.append(("mrc_occupation_id", "child_of", sector_id))
        if housing:
            domain.append(("mrc_housing_provided", "=", True))
        sortings = self._mrc_vacancy_sortings()
        if sortby not in sortings:
            sortby = "date"
        count = Job.search_count(domain)
        url_args = {
            "sortby": sortby,
            "search": search or "",
            "country": country_id or "",
            "occupation": occupation_id or "",
            "sector": sector_id or "",
            "housing": "1" if housing else "",
        }
        pager = portal_pager(
            url="/my/vacancies",
            url_args={k: v for k, v in url_args.items() if v},
            total=count,
            page=page,
            step=self._mrc_items_per_page,
        )
        jobs = Job.search(
            domain,
            order=sortings[sortby]["order"],
            limit=self._mrc_items_per_page,
            offset=pager["offset"],
        )
        # The filter choices: only what the eligible vacancies offer.
        groups = Job._read_group(base, ["mrc_country_id", "mrc_occupation_id"])
        countries = env["res.country"].union(*(c for c, _o in groups)).sorted("name")
        occupations = env["mrc.occupation"].union(*(o for _c, o in groups))
        sectors = (
            env["mrc.occupation"]
            .search([("level", "=", 1), ("parent_path", "!=", False)])
            .filtered(lambda s: any(o.parent_path.startswith(s.parent_path) for o in occupations))
        )
        request.session["my_mrc_vacancies_history"] = jobs.ids[:100]
        values.update(
            {
                "page_name": "mrc_vacancies",
                "default_url": "/my/vacancies",
                "jobs": jobs,
                "job_facts": self._mrc_job_facts(jobs),
                "pager": pager,
                "searchbar_sortings": sortings,
                "sortby": sortby,
                "search": search or "",
                "countries": countries,
                "occupations": occupations.sorted("code"),
                "sectors": sectors.sorted("code"),
                "country_id": country_id,
                "occupation_id": occupation_id,
                "sector_id": sector_id,
                "housing": bool(housing),
                "period_labels": self._mrc_labels(Job, "mrc_wage_period"),
            }
        )
        return request.render("mrc_jobs.portal_my_mrc_vacancies", values)

    def _mrc_vacancy_values(self, job, **extra):
        values = self._prepare_portal_layout_values()
        candidate = self._mrc_candidate()
        match = (
            request.env["mrc.match"].search(
                [("candidate_id", "=", candidate.id), ("job_id", "=", job.id)], limit=1
            )
            if candidate
            else request.env["mrc.match"]
        )
        sudo_job = job.sudo()
        values.update(
            {
                "page_name": "mrc_vacancy",
                "job": job,
                "facts": self._mrc_job_facts(job)[job.id],
                "skill_names": sudo_job.mrc_skill_requirement_ids.skill_id.mapped("name"),
                "candidate": candidate,
                "match": match,
                "period_labels": self._mrc_labels(job, "mrc_wage_period"),
                "interested": match.state in ("shortlisted", "referred"),
            }
        )
        values.update(extra)
        history = request.session.get("my_mrc_vacancies_history", [])
        values.update(portal.get_records_pager(history, job))
        return values

    def _mrc_eligible_job(self, job_id):
        job = request.env["hr.job"].search(self._mrc_job_domain() + [("id", "=", job_id)], limit=1)
        return job

    @http.route(["/my/vacancies/<int:job_id>"], type="http", auth="user", website=True)
    def portal_mrc_vacancy(self, job_id, **kw):
        job = self._mrc_eligible_job(job_id)
        if not job:
            raise request.not_found()
        return request.render(
            "mrc_jobs.portal_my_mrc_vacancy",
            self._mrc_vacancy_values(job, done=kw.get("done")),
        )

    @http.route(
        ["/my/vacancies/<int:job_id>/interest"],
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
        csrf=False,
    )
    def portal_mrc_vacancy_interest(self, job_id, consent=None, **kw):
        """ "I am interested": with the migrant's consent to share their profile, ask a
        counsellor to refer them (a shortlisted match and an activity for the counsellor)."""
        job = self._mrc_eligible_job(job_id)
        if not job:
            raise request.not_found()
        candidate = self._mrc_candidate()
        error = mrc_csrf_error()
        if not error and not candidate:
            error = request.env._(
                "Your client card is not ready yet: ask your counsellor at the centre to open it."
            )
        if not error and not consent:
            error = request.env._(
                "Please tick the box to agree that your profile is shared with the employer: "
                "without your consent no counsellor can refer you."
            )
        if error:
            return request.render(
                "mrc_jobs.portal_my_mrc_vacancy",
                self._mrc_vacancy_values(job, error=error),
                status=400,
            )
        request.env["mrc.match"]._mrc_portal_request_referral(candidate, job)
        return request.redirect(f"/my/vacancies/{job.id}?done=1")

    # ------------------------------------------------------------------ matches
    def _mrc_match_domain(self, candidate):
        return [
            ("candidate_id", "=", candidate.id if candidate else 0),
            ("state", "!=", "dismissed"),
            ("job_is_eligible", "=", True),
        ]

    @http.route(
        ["/my/matches", "/my/matches/page/<int:page>"], type="http", auth="user", website=True
    )
    def portal_mrc_matches(self, page=1, **kw):
        Match = request.env["mrc.match"]
        values = self._prepare_portal_layout_values()
        domain = self._mrc_match_domain(self._mrc_candidate())
        pager = portal_pager(
            url="/my/matches",
            total=Match.search_count(domain),
            page=page,
            step=self._mrc_items_per_page,
        )
        matches = Match.search(
            domain, order="score desc, id", limit=self._mrc_items_per_page, offset=pager["offset"]
        )
        request.session["my_mrc_matches_history"] = matches.ids[:100]
        values.update(
            {
                "page_name": "mrc_matches",
                "default_url": "/my/matches",
                "matches": matches,
                "reasons": {m.id: m._mrc_portal_reasons() for m in matches},
                "pager": pager,
                "state_labels": self._mrc_labels(Match, "state"),
            }
        )
        return request.render("mrc_jobs.portal_my_mrc_matches", values)

    @http.route(["/my/matches/<int:match_id>"], type="http", auth="user", website=True)
    def portal_mrc_match(self, match_id, **kw):
        try:
            match = self._mrc_own_record("mrc.match", match_id)
        except MissingError:
            raise request.not_found() from None
        values = self._prepare_portal_layout_values()
        job = self._mrc_eligible_job(match.job_id.id)
        values.update(
            {
                "page_name": "mrc_match",
                "match": match,
                "job": job,
                "job_name": match.job_id.sudo().name,
                "reasons": match._mrc_portal_reasons(),
                "state_labels": self._mrc_labels(match, "state"),
            }
        )
        history = request.session.get("my_mrc_matches_history", [])
        values.update(portal.get_records_pager(history, match))
        return request.render("mrc_jobs.portal_my_mrc_match", values)

    # ------------------------------------------------------------------ applications
    def _mrc_application_names(self, applicants):
        """Vacancy, employer and step names of the migrant's own referrals (no portal access
        to vacancies that closed since, organisations or stages: names only)."""
        names = {}
        for applicant in applicants.sudo():
            names[applicant.id] = {
                "job": applicant.job_id.name or "",
                "employer": applicant.job_id.mrc_employer_id.name or "",
                "stage": applicant.stage_id.name or "",
            }
        return names

    @http.route(
        ["/my/applications", "/my/applications/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_mrc_applications(self, page=1, **kw):
        Applicant = request.env["hr.applicant"]
        values = self._prepare_portal_layout_values()
        candidate = self._mrc_candidate()
        domain = [("candidate_id", "=", candidate.id or 0)]
        pager = portal_pager(
            url="/my/applications",
            total=Applicant.search_count(domain),
            page=page,
            step=self._mrc_items_per_page,
        )
        applicants = Applicant.search(
            domain, order="create_date desc, id desc", limit=self._mrc_items_per_page,
            offset=pager["offset"],
        )  # fmt: skip
        request.session["my_mrc_applications_history"] = applicants.ids[:100]
        values.update(
            {
                "page_name": "mrc_applications",
                "default_url": "/my/applications",
                "applicants": applicants,
                "names": self._mrc_application_names(applicants),
                "pager": pager,
                "step_labels": self._mrc_labels(Applicant, "mrc_stage_type"),
            }
        )
        return request.render("mrc_jobs.portal_my_mrc_applications", values)

    @http.route(["/my/applications/<int:applicant_id>"], type="http", auth="user", website=True)
    def portal_mrc_application(self, applicant_id, **kw):
        try:
            applicant = self._mrc_own_record("hr.applicant", applicant_id)
        except MissingError:
            raise request.not_found() from None
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "mrc_application",
                "applicant": applicant,
                "names": self._mrc_application_names(applicant)[applicant.id],
                "step_labels": self._mrc_labels(applicant, "mrc_stage_type"),
            }
        )
        history = request.session.get("my_mrc_applications_history", [])
        values.update(portal.get_records_pager(history, applicant))
        return request.render("mrc_jobs.portal_my_mrc_application", values)

    # ------------------------------------------------------------------ certificates
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
        pager = portal_pager(
            url="/my/certificates",
            total=Certification.search_count(domain),
            page=page,
            step=self._mrc_items_per_page,
        )
        certifications = Certification.search(
            domain, order="id desc", limit=self._mrc_items_per_page, offset=pager["offset"]
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

    def _mrc_size_param(self, key, default):
        param = request.env["ir.config_parameter"].sudo().get_param(key)
        try:
            return float(param or default)
        except ValueError:
            return default

    def _mrc_pdf_max_mb(self):
        return self._mrc_size_param("mrc_skills.pdf_max_size_mb", 10.0)

    def _mrc_evidence_max_mb(self):
        return self._mrc_size_param("mrc_jobs.evidence_max_mb", EVIDENCE_MAX_MB)

    def _mrc_check_certificate_upload(self, candidate, document, max_mb):
        """Return (error message or None, file bytes) for a certificate upload."""
        env = request.env
        error = mrc_csrf_error()
        if error:
            return error, None
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
        data = _read_upload(document, max_mb)
        if data is None:
            limit = f"{max_mb:g}"
            return env._("The file is too large: the limit is %s MB.", limit), None
        if not data.startswith(b"%PDF-"):
            return (
                env._("%s is not a PDF file: upload your certificate as a PDF.", document.filename),
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
        return request.render("mrc_jobs.portal_my_mrc_certificates", values)

    @http.route(
        ["/my/certificates/upload"],
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
        csrf=False,
    )
    def portal_mrc_certificate_upload(self, document=None, **kw):
        """Upload a certificate (PDF): imported by mrc_skills, then waits for verification."""
        env = request.env
        candidate = self._mrc_candidate()
        max_mb = self._mrc_pdf_max_mb()
        error, data = self._mrc_check_certificate_upload(candidate, document, max_mb)
        if not error:
            try:
                env["mrc.certification"]._mrc_import_portal_pdf(candidate, document.filename, data)
            except (UserError, ValidationError) as exc:
                env.cr.rollback()
                error = exc.args[0]
        if error:
            return request.render(
                "mrc_jobs.portal_my_mrc_certificates",
                self._mrc_certificates_values(error=error),
                status=400,
            )
        return request.redirect("/my/certificates?uploaded=1")

    @http.route(["/my/certificates/<int:certification_id>"], type="http", auth="user", website=True)
    def portal_mrc_certificate(self, certification_id, **kw):
        try:
            certification = self._mrc_own_record("mrc.certification", certification_id)
        except MissingError:
            raise request.not_found() from None
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "mrc_certificate",
                "certification": certification,
                "names": self._mrc_certification_names(certification)[certification.id],
                "state_labels": self._mrc_labels(certification, "state"),
            }
        )
        return request.render("mrc_jobs.portal_my_mrc_certificate", values)

    # ------------------------------------------------------------------ complaints
    def _mrc_complaint_names(self, complaints):
        """Organisation names of the migrant's own complaints (names only)."""
        return {c.id: c.partner_id.name or "" for c in complaints.sudo()}

    @http.route(
        ["/my/complaints", "/my/complaints/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_mrc_complaints(self, page=1, **kw):
        Complaint = request.env["mrc.complaint"]
        values = self._prepare_portal_layout_values()
        pager = portal_pager(
            url="/my/complaints",
            total=Complaint.search_count([]),
            page=page,
            step=self._mrc_items_per_page,
        )
        complaints = Complaint.search([], limit=self._mrc_items_per_page, offset=pager["offset"])
        request.session["my_mrc_complaints_history"] = complaints.ids[:100]
        values.update(
            {
                "page_name": "mrc_complaints",
                "default_url": "/my/complaints",
                "complaints": complaints,
                "organisations": self._mrc_complaint_names(complaints),
                "pager": pager,
                "state_labels": self._mrc_labels(Complaint, "state"),
                "submitted": kw.get("submitted"),
            }
        )
        return request.render("mrc_jobs.portal_my_mrc_complaints", values)

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
            "mrc_jobs.portal_my_mrc_complaint_new", self._mrc_complaint_form_values()
        )

    def _mrc_parse_complaint(self, post, files):
        """Check a complaint form and return (values, evidence files); raise UserError."""
        env = request.env
        organisation_id = _int(post.get("organisation_id"))
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
        category_ids = [_int(c) for c in request.httprequest.form.getlist("category_ids")]
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
            data = _read_upload(upload, max_mb)
            if data is None:
                limit = f"{max_mb:g}"
                raise UserError(
                    env._(
                        "%(file)s is too large: the limit is %(size)s MB.",
                        file=upload.filename,
                        size=limit,
                    )
                )
            mimetype = next(
                (m for sig, m in EVIDENCE_SIGNATURES.items() if data.startswith(sig)), None
            )
            if not mimetype:
                raise UserError(
                    env._(
                        "%s cannot be attached: only PDF, PNG and JPEG files are accepted.",
                        upload.filename,
                    )
                )
            evidence.append((upload.filename, data, mimetype))
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
        csrf=False,
    )
    def portal_mrc_complaint_submit(self, **post):
        """Lodge a complaint. Named: linked to the migrant's contact. Anonymous: no link to the
        author at all (created as superuser, no follower, no author) and a follow-up code."""
        env = request.env
        if not env.user.share:
            raise request.not_found()
        files = request.httprequest.files.getlist("attachments")
        try:
            csrf_error = mrc_csrf_error()
            if csrf_error:
                raise UserError(csrf_error)
            values, evidence = self._mrc_parse_complaint(post, files)
        except UserError as exc:
            return request.render(
                "mrc_jobs.portal_my_mrc_complaint_new",
                self._mrc_complaint_form_values(error=exc.args[0], form=post),
                status=400,
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
            return request.render(
                "mrc_jobs.portal_my_mrc_complaint_new",
                self._mrc_complaint_form_values(error=exc.args[0], form=post),
                status=400,
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
            return request.render("mrc_jobs.portal_my_mrc_complaint_anonymous", values)
        return request.redirect(f"/my/complaints/{complaint.id}?submitted=1")

    @http.route(["/my/complaints/<int:complaint_id>"], type="http", auth="user", website=True)
    def portal_mrc_complaint(self, complaint_id, **kw):
        try:
            complaint = self._mrc_own_record("mrc.complaint", complaint_id)
        except MissingError:
            raise request.not_found() from None
        # The migrant's own narrative and evidence: restricted fields, read for them only.
        own = complaint.sudo()
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "mrc_complaint",
                "complaint": complaint,
                "organisation": own.partner_id.name,
                "description": own.description or "",
                "evidence_names": own.attachment_ids.mapped("name"),
                "state_labels": self._mrc_labels(complaint, "state"),
                "submitted": kw.get("submitted"),
            }
        )
        values = self._get_page_view_values(
            complaint, own._portal_ensure_token(), values, "my_mrc_complaints_history", False
        )
        # The page stays under /my; the token is only for the message thread.
        values["no_breadcrumbs"] = False
        return request.render("mrc_jobs.portal_my_mrc_complaint", values)
