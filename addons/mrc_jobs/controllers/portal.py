"""The migrants' portal: vetted vacancies, own matches and referrals (certificates are
mrc_skills' pages, complaints and the follow-up page mrc_recruiters'; the shared helpers are
in mrc_recruiters' ``controllers/portal.py``).

Ownership is enforced by record rules (see security/mrc_jobs_portal_security.xml): every read
below runs as the portal user. ``sudo()`` is used only to show what the migrant may see but has
no access right for (the names of an employer, a skill or a stage) and for the few writes the
portal makes on the migrant's behalf, with values the controller sets itself.
"""

from odoo import http
from odoo.http import request
from odoo.tools import format_amount, formatLang

from odoo.addons.mrc_recruiters.controllers.portal import ID, clean_text, conjuncts, to_id
from odoo.addons.mrc_skills.controllers.portal_certificates import MrcCertificatePortal
from odoo.addons.portal.controllers import portal
from odoo.addons.portal.controllers.portal import pager as portal_pager

OFFERED = ("mrc_is_offered", "=", True)
# What the vacancy cards and the wage text read: fetched with the page's search, in the same
# query, instead of every column (descriptions included) at the first field read.
CARD_FIELDS = [
    "name",
    "mrc_city",
    "mrc_country_id",
    "mrc_housing_provided",
    "mrc_deadline",
    "mrc_wage_amount",
    "mrc_wage_currency_id",
    "mrc_wage_period",
    "mrc_employer_id",
    "mrc_agency_id",
]
# ... and what a vacancy's page reads besides
VACANCY_FIELDS = CARD_FIELDS + [
    "mrc_language_ids",
    "mrc_occupation_id",
    "mrc_hours_per_week",
    "mrc_contract_months",
    "mrc_transport_provided",
    "mrc_contract_in_worker_language",
]


class MrcCustomerPortal(MrcCertificatePortal):
    # ------------------------------------------------------------------ helpers
    def _mrc_job_domain(self):
        """The vacancies a migrant may see: offered ones. When the reader's record rules
        already require it (the portal rule ``hr_job_rule_mrc_portal``, applied to every
        search), repeating it would only make PostgreSQL evaluate the condition and its
        licence subquery twice, so the domain is left empty; anyone else gets the condition
        here (the controller never widens what the rules allow)."""
        rules = request.env["ir.rule"]._compute_domain("hr.job", "read")  # cached per user
        if not request.env.su and OFFERED in conjuncts(rules or []):
            return []
        return [OFFERED]

    def _mrc_wage_texts(self, jobs):
        """Each vacancy's wage as the portal shows it, by id: the amount with its currency
        (``format_amount``, in the reader's language) and the period, or "" without a wage.
        A wage entered without a currency shows the number alone."""
        periods = self._mrc_labels(jobs, "mrc_wage_period")
        texts = {}
        for job in jobs:
            if not job.mrc_wage_amount:
                texts[job.id] = ""
                continue
            currency = job.mrc_wage_currency_id
            amount = (
                format_amount(request.env, job.mrc_wage_amount, currency)
                if currency
                else formatLang(request.env, job.mrc_wage_amount)
            )
            period = periods.get(job.mrc_wage_period)
            texts[job.id] = f"{amount} / {period}" if period else amount
        return texts

    def _mrc_job_facts(self, jobs):
        """Names of the employer and agency of eligible vacancies, read as superuser because a
        portal user cannot read organisations: only the names are read."""
        facts = {}
        jobs = jobs.sudo()
        # the organisations' names alone, not every column of their contacts
        (jobs.mrc_employer_id | jobs.mrc_agency_id).fetch(["name"])
        for job in jobs:
            facts[job.id] = {
                "employer": job.mrc_employer_id.name or "",
                "agency": job.mrc_agency_id.name or "",
            }
        return facts

    # ------------------------------------------------------------------ home
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        env = request.env
        wanted = {"mrc_vacancy_count", "mrc_match_count", "mrc_application_count"}
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
        search = clean_text(search) if isinstance(search, str) else None
        if search:
            domain += ["|", ("name", "ilike", search), ("mrc_city", "ilike", search)]
        # The filter choices: only what the eligible vacancies offer. A filter value that is
        # not one of them (an old link, a typed URL) is ignored rather than refused.
        choices = Job._mrc_portal_filter_choices(base)

        def chosen(value, name):
            value = to_id(value)
            return value if any(value == option for option, _label in choices[name]) else 0

        country_id = chosen(country, "countries")
        occupation_id = chosen(occupation, "occupations")
        sector_id = chosen(sector, "sectors")
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
        # the unfiltered list's total comes with its filter choices
        count = choices["count"] if domain == base else Job.search_count(domain)
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
        jobs = Job.search_fetch(
            domain,
            CARD_FIELDS,
            order=sortings[sortby]["order"],
            limit=self._mrc_items_per_page,
            offset=pager["offset"],
        )
        request.session["my_mrc_vacancies_history"] = jobs.ids[:100]
        values.update(
            {
                "page_name": "mrc_vacancies",
                "default_url": "/my/vacancies",
                "jobs": jobs,
                "job_facts": self._mrc_job_facts(jobs),
                "wage_texts": self._mrc_wage_texts(jobs),
                "pager": pager,
                "searchbar_sortings": sortings,
                "sortby": sortby,
                "search": search or "",
                "countries": choices["countries"],
                "occupations": choices["occupations"],
                "sectors": choices["sectors"],
                "country_id": country_id,
                "occupation_id": occupation_id,
                "sector_id": sector_id,
                "housing": bool(housing),
            }
        )
        return request.render("mrc_jobs.portal_my_mrc_vacancies", values)

    def _mrc_vacancy_values(self, job, **extra):
        values = self._prepare_portal_layout_values()
        candidate = self._mrc_candidate()
        match = (
            request.env["mrc.match"].search_fetch(
                [("candidate_id", "=", candidate.id), ("job_id", "=", job.id)], ["state"], limit=1
            )
            if candidate
            else request.env["mrc.match"]
        )
        # the skills asked, in the order of the vacancy's form (mandatory first, then by
        # weight), read with the requirements' search (a portal user cannot read them)
        requirements = (
            request.env["mrc.job.skill"]
            .sudo()
            .search_fetch(
                [("job_id", "=", job.id)], ["skill_id"], order="is_mandatory desc, weight desc, id"
            )
        )
        values.update(
            {
                "page_name": "mrc_vacancy",
                "job": job,
                "facts": self._mrc_job_facts(job)[job.id],
                "skill_names": requirements.skill_id.mapped("name"),
                "candidate": candidate,
                "match": match,
                "wage_texts": self._mrc_wage_texts(job),
                "interested": match.state in ("shortlisted", "referred"),
            }
        )
        values.update(extra)
        history = request.session.get("my_mrc_vacancies_history", [])
        values.update(portal.get_records_pager(history, job))
        return values

    def _mrc_eligible_job(self, job_id):
        """The vacancy ``job_id`` if the reader may see it, with what its page shows."""
        return request.env["hr.job"].search_fetch(
            self._mrc_job_domain() + [("id", "=", job_id)], VACANCY_FIELDS, limit=1
        )

    @http.route([f"/my/vacancies/<{ID}:job_id>"], type="http", auth="user", website=True)
    def portal_mrc_vacancy(self, job_id, **kw):
        job = self._mrc_eligible_job(job_id)
        if not job:
            raise request.not_found()
        return request.render(
            "mrc_jobs.portal_my_mrc_vacancy",
            self._mrc_vacancy_values(job, done=kw.get("done")),
        )

    @http.route(
        [f"/my/vacancies/<{ID}:job_id>/interest"],
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_mrc_vacancy_interest(self, job_id, consent=None, **kw):
        """ "I am interested": with the migrant's consent to share their profile, ask a
        counsellor to refer them (a shortlisted match and an activity for the counsellor)."""
        job = self._mrc_eligible_job(job_id)
        if not job:
            raise request.not_found()
        candidate = self._mrc_candidate()
        error = None
        if not candidate:
            error = request.env._(
                "Your client card is not ready yet: ask your counsellor at the centre to open it."
            )
        if not error and not consent:
            error = request.env._(
                "Please tick the box to agree that your profile is shared with the employer: "
                "without your consent no counsellor can refer you."
            )
        if error:
            return self._mrc_refused(
                "mrc_jobs.portal_my_mrc_vacancy", self._mrc_vacancy_values(job, error=error)
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
        # the page's matches with what the cards read, in the search's query
        matches = Match.search_fetch(
            domain,
            ["job_id", "score", "explanation"],
            order="score desc, id",
            limit=self._mrc_items_per_page,
            offset=pager["offset"],
        )
        request.session["my_mrc_matches_history"] = matches.ids[:100]
        # The domain keeps only matches whose vacancy is offered, which the migrant may read:
        # their titles are read as superuser, without the vacancy rule's subquery again.
        job_names = {match.id: match.job_id.sudo().name for match in matches}
        values.update(
            {
                "page_name": "mrc_matches",
                "default_url": "/my/matches",
                "matches": matches,
                "job_names": job_names,
                "reasons": matches._mrc_portal_reasons_by_match(),
                "pager": pager,
            }
        )
        return request.render("mrc_jobs.portal_my_mrc_matches", values)

    @http.route([f"/my/matches/<{ID}:match_id>"], type="http", auth="user", website=True)
    def portal_mrc_match(self, match_id, **kw):
        match = self._mrc_own_record("mrc.match", match_id)
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
        applicants, pager = self._mrc_paged(
            "hr.applicant", domain, "/my/applications", page, order="create_date desc, id desc"
        )
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

    @http.route([f"/my/applications/<{ID}:applicant_id>"], type="http", auth="user", website=True)
    def portal_mrc_application(self, applicant_id, **kw):
        applicant = self._mrc_own_record("hr.applicant", applicant_id)
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
