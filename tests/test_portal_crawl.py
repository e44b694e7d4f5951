"""The migrants' portal crawled through its doors, on the demo data, as the demo migrant.

María López (login ``maria``) first uses the portal as a migrant does: she asks to be referred
to a vacancy, uploads a certificate and lodges a complaint; a counsellor refers her. A second
migrant, given portal access by a counsellor, does the same. Then María's browser-like crawl
fetches every ``/my`` page, with its filters, sortings and pages, and every link found in them:
each answers 200 and shows her own records. Last come the hostile requests: the other
migrant's ids, missing ids, huge numbers, non-numbers and NUL bytes in paths, queries and
forms. Each answers 403, 404 or a clear 400 (413 for a form too large), never 500, and no page
ever shows the other migrant's name, e-mail, complaint or certificate, nor any other demo
migrant's name or complaint. The test prints how many requests (probes) it made.
"""

import html
import re
from urllib.parse import urlsplit

from suite_case import count_probes, suite_test

from odoo import Command
from odoo.tests import HttpCase
from odoo.tools import format_amount, formatLang, mute_logger

from odoo.addons.mrc_skills.tests import pdf_factory

CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')
HREF_RE = re.compile(r'href="([^"#]*)')
# Links the crawl follows: the migrant's pages, the follow-up page, her certificate's file.
FOLLOWED = ("/my", "/complaints/followup", "/web/content/mrc.certification/")
# Links it never follows: they end the session or leave the portal.
NOT_FOLLOWED = ("/web/session/logout", "/my/deactivate_account")
# What a request must never answer, and what a refusal may answer.
REFUSED = {400, 403, 404}
HUGE = "99999999999999999999"
# Values that are not the id of anything the migrant may see.
BAD_IDS = (
    "0",
    HUGE,
    "2147483647",
    "2147483648",
    "-1",
    "abc",
    "1.5",
    "0x10",
    "%00",
    "1%00",
    "%001",
    "%201",
)
# Values for query parameters (filters, sortings, pages, flags).
BAD_VALUES = (HUGE, "-1", "abc", "%00", "x%00y", "%27%22%3Cscript%3E")
DETAIL_ROUTES = (
    "/my/vacancies/{}",
    "/my/matches/{}",
    "/my/applications/{}",
    "/my/certificates/{}",
    "/my/complaints/{}",
    "/my/referrals/{}",
)
# The list pages and the query parameters each reads (plus one it does not know).
LIST_PARAMS = {
    "/my": ("unknown",),
    "/my/home": ("unknown",),
    "/my/vacancies": (
        "page",
        "sortby",
        "search",
        "country",
        "occupation",
        "sector",
        "housing",
        "unknown",
    ),
    "/my/matches": ("page", "unknown"),
    "/my/applications": ("page", "unknown"),
    "/my/certificates": ("page", "uploaded", "unknown"),
    "/my/complaints": ("page", "submitted", "unknown"),
    "/my/complaints/new": ("unknown",),
    "/my/referrals": ("page", "unknown"),
    "/my/trainings": ("done", "unknown"),
}
PAGED = (
    "/my/vacancies",
    "/my/matches",
    "/my/applications",
    "/my/certificates",
    "/my/complaints",
    "/my/referrals",
)


@suite_test("mrc_jobs", "post_install")
class TestPortalCrawl(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        Users = env["res.users"]
        cls.maria = Users.search([("login", "=", "maria")])
        cls.counsellor = Users.search([("login", "=", "counsellor")])
        cls.maria_card = env["hr.candidate"].search([("partner_id", "=", cls.maria.partner_id.id)])
        cls.lang_prefixes = tuple(
            f"/{code}/" for code in env["res.lang"].search([]).mapped("url_code")
        )

    def setUp(self):
        super().setUp()
        self.probes = 0
        self.assertTrue(self.maria and self.maria_card, "the demo migrant maria and her card")
        self.assertTrue(self.counsellor, "the demo counsellor")
        self.other = self._other_migrant()
        # As the other migrant: interest, certificate, complaint; a counsellor refers them.
        self.other_records = self._use_the_portal(self.other, "XO-CRAWL-4471")
        # As maria: the same, so that each of her pages has something of hers to show.
        self.maria_records = self._use_the_portal(self.maria, "MA-CRAWL-1001")
        # mrc_cases: a counsellor refers each to a partner service; each registers for a training.
        self.other_records.update(self._use_the_referral_network(self.other))
        self.maria_records.update(self._use_the_referral_network(self.maria))
        self.authenticate("maria", "maria")

    # ------------------------------------------------------------------ set-up through the doors
    def _other_migrant(self):
        """A second migrant: a counsellor opens their card and gives them portal access with
        the standard portal wizard; the migrant sets a password from the invitation."""
        env = self.env(user=self.counsellor)
        partner = env["res.partner"].create(
            {"name": "Zoltan Crawlmigrant", "email": "zoltan.crawlmigrant@example.org"}
        )
        env["hr.candidate"].create({"partner_name": partner.name, "partner_id": partner.id})
        wizard = (
            self.env["portal.wizard"]
            .with_user(self.counsellor)
            .with_context(active_ids=partner.ids, active_model="res.partner")
            .create({})
        )
        wizard.user_ids.filtered(lambda u: u.partner_id == partner).action_grant_access()
        user = partner.with_context(active_test=False).user_ids
        self.assertTrue(user.has_group("base.group_portal"), "the other migrant has portal access")
        # What the invitation's sign-up page does for them.
        user.sudo().write({"password": "crawl-other"})
        return user

    def _csrf(self, url):
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200, f"{url} should open")
        return CSRF_RE.search(response.text).group(1)

    def _use_the_portal(self, user, certificate_number):
        """``user`` asks to be referred to an offered vacancy, uploads a certificate and lodges
        a named complaint on the portal; a counsellor then refers them. Returns their records."""
        password = "maria" if user == self.maria else "crawl-other"
        self.authenticate(user.login, password)
        env = self.env
        card = env["hr.candidate"].search([("partner_id", "=", user.partner_id.id)])
        matched = env["mrc.match"].search([("candidate_id", "=", card.id)]).job_id
        job = env["hr.job"].search(
            [("mrc_is_offered", "=", True), ("id", "not in", matched.ids)],
            order="id",
            limit=1,
        )
        self.assertTrue(job, "an offered demo vacancy to ask for")
        token = self._csrf(f"/my/vacancies/{job.id}")
        response = self.url_open(
            f"/my/vacancies/{job.id}/interest", data={"csrf_token": token, "consent": "1"}
        )
        self.assertEqual(response.status_code, 200, "the interest is taken")
        match = env["mrc.match"].search([("candidate_id", "=", card.id), ("job_id", "=", job.id)])
        self.assertEqual(match.state, "shortlisted", "the interest reaches the counsellor")
        pdf = pdf_factory.certificate_pdf(
            "CERTIFICATE OF COMPETENCE",
            [
                f"This certifies that {user.partner_id.name}",
                "is competent in: Welding",
                "Level: Expert",
                f"Certificate number: {certificate_number}",
                "Date of issue: 15 March 2024",
            ],
        )
        response = self.url_open(
            "/my/certificates/upload",
            data={"csrf_token": self._csrf("/my/certificates")},
            files={"document": ("certificate.pdf", pdf, "application/pdf")},
        )
        self.assertEqual(response.status_code, 200, "the certificate is uploaded")
        certification = env["mrc.certification"].search(
            [("candidate_id", "=", card.id), ("number", "=", certificate_number)]
        )
        self.assertTrue(certification, "the upload made a certificate")
        organisation = job.sudo().mrc_employer_id
        category = env["mrc.complaint.category"].search([], limit=1)
        response = self.url_open(
            "/my/complaints/new",
            data={
                "csrf_token": self._csrf("/my/complaints/new"),
                "organisation_id": str(organisation.id),
                "category_ids": str(category.id),
                "description": f"Crawl narrative of {user.partner_id.name}",
            },
        )
        self.assertEqual(response.status_code, 200, "the complaint is lodged")
        complaint = (
            env["mrc.complaint"]
            .sudo()
            .search([("complainant_partner_id", "=", user.partner_id.id)], order="id desc", limit=1)
        )
        self.assertTrue(complaint, "the complaint is recorded under their name")
        match.with_user(self.counsellor).action_refer()
        self.assertTrue(match.applicant_id, "the counsellor referred them")
        return {
            "hr.job": job,
            "mrc.match": match,
            "hr.applicant": match.applicant_id,
            "mrc.certification": certification,
            "mrc.complaint": complaint,
        }

    def _use_the_referral_network(self, user):
        """A counsellor refers ``user`` to the demo legal-aid provider with their consent to
        share their contact details and sends it; ``user`` registers for the demo
        know-your-rights training through the portal's form. Returns their records."""
        env = self.env
        card = env["hr.candidate"].search([("partner_id", "=", user.partner_id.id)])
        referral = (
            env["mrc.service.referral"]
            .with_user(self.counsellor)
            .create(
                {
                    "candidate_id": card.id,
                    "partner_id": env.ref("mrc_cases.partner_provider_legal_aid").id,
                    "service_type_id": env.ref("mrc_cases.service_type_legal_aid").id,
                    "reason": f"Crawl referral of {user.partner_id.name}",
                    "consent_ids": [Command.create({"item": "contact", "consented": True})],
                }
            )
        )
        referral.with_user(self.counsellor).action_send()
        self.authenticate(user.login, "maria" if user == self.maria else "crawl-other")
        training = env.ref("mrc_cases.event_training_orientation")
        response = self.url_open(
            f"/my/trainings/{training.id}/register",
            data={"csrf_token": self._csrf("/my/trainings")},
        )
        self.assertEqual(response.status_code, 200, "the registration is taken")
        registration = env["event.registration"].search(
            [("event_id", "=", training.id), ("partner_id", "=", user.partner_id.id)]
        )
        self.assertTrue(registration, "the portal registered them")
        return {"mrc.service.referral": referral, "event.registration": registration}

    # ------------------------------------------------------------------ helpers
    def _secrets(self):
        """Text that must never appear on a page maria sees: the other migrant's identity,
        complaint and certificate, every other demo migrant's name, and the references of
        complaints that are not hers."""
        env = self.env
        other = self.other.partner_id
        secrets = {
            other.name,
            other.email,
            self.other_records["mrc.complaint"].name,
            "XO-CRAWL-4471",
            f"Crawl narrative of {other.name}",
        }
        cards = env["hr.candidate"].search([("id", "!=", self.maria_card.id)])
        secrets |= {c.partner_name for c in cards if c.partner_name}
        complaints = (
            env["mrc.complaint"]
            .sudo()
            .search([("complainant_partner_id", "!=", self.maria.partner_id.id)])
        )
        secrets |= set(complaints.mapped("name"))
        return {s for s in secrets if s}

    def _get(self, url, expected, secrets, **kwargs):
        """One probe: fetch ``url`` as the logged-in migrant and check the answer's status is
        in ``expected`` (never 500) and the page shows none of ``secrets``."""
        with mute_logger("odoo.http", "odoo.addons.http_routing.models.ir_http"):
            response = self.url_open(url, timeout=60, **kwargs)
        self.probes += 1
        self.assertLess(response.status_code, 500, f"{url} must not fail on the server")
        self.assertIn(response.status_code, expected, f"{url} answered {response.status_code}")
        if "html" in response.headers.get("Content-Type", ""):
            body = html.unescape(response.text)
            for secret in secrets:
                self.assertNotIn(secret, body, f"{url} shows another person's data: {secret}")
        return response

    def _path(self, href):
        """The site path of a link (language prefix removed), or None when not followed."""
        href = html.unescape(href)
        parts = urlsplit(href)
        if parts.netloc and parts.netloc != urlsplit(self.base_url()).netloc:
            return None
        path = parts.path
        for prefix in self.lang_prefixes:
            if path.startswith(prefix):
                path = path[len(prefix) - 1 :]
        if not path.startswith(FOLLOWED) or path.startswith(NOT_FOLLOWED):
            return None
        return f"{path}?{parts.query}" if parts.query else path

    # ------------------------------------------------------------------ tests
    def test_crawl_shows_every_page_with_her_data(self):
        """Every /my page, with each filter, sorting and page, and every link found on them,
        answers 200 to the demo migrant, shows her own records and nothing of anyone else."""
        secrets = self._secrets()
        start = [
            "/my",
            "/my/home",
            "/my/vacancies",
            "/my/matches",
            "/my/applications",
            "/my/certificates",
            "/my/complaints",
            "/my/complaints/new",
            "/my/referrals",
            "/my/trainings",
            "/my/account",
            "/my/security",
            "/my/vacancies/page/2",
            "/my/vacancies?housing=1",
            "/my/vacancies?search=a",
            "/complaints/followup",
        ]
        start += [f"/my/vacancies?sortby={key}" for key in ("date", "deadline", "name")]
        seen, queue, pages = set(), list(start), {}
        while queue:
            url = queue.pop(0)
            if url in seen:
                continue
            seen.add(url)
            self.assertLess(len(seen), 2000, "the crawl should end")
            response = self._get(url, {200}, secrets)
            if "html" not in response.headers.get("Content-Type", ""):
                continue
            pages[url] = html.unescape(response.text)
            for href in HREF_RE.findall(response.text):
                path = self._path(href)
                if path and path not in seen:
                    queue.append(path)
        # Her records are shown on their lists and each detail page was reached by a link.
        records = {
            model: record.sudo().with_context(lang=self.maria.lang)
            for model, record in self.maria_records.items()
        }
        for model, url, text in (
            ("mrc.match", "/my/matches", records["mrc.match"].job_id.name),
            ("hr.applicant", "/my/applications", records["hr.applicant"].job_id.name),
            ("mrc.certification", "/my/certificates", records["mrc.certification"].skill_id.name),
            ("mrc.complaint", "/my/complaints", records["mrc.complaint"].name),
            (
                "mrc.service.referral",
                "/my/referrals",
                records["mrc.service.referral"].service_type_id.name,
            ),
        ):
            self.assertIn(text, pages[url], f"{url} lists her {model}")
            detail = f"{url}/{records[model].id}"
            self.assertIn(detail, pages, f"the crawl reached her {model} from a link")
        self.assertIn(
            records["event.registration"].event_id.name,
            pages["/my/trainings"],
            "her training registration is listed",
        )
        self.assertIn("MA-CRAWL-1001", pages[f"/my/certificates/{records['mrc.certification'].id}"])
        self.assertIn(
            f"Crawl narrative of {self.maria.partner_id.name}",
            pages[f"/my/complaints/{records['mrc.complaint'].id}"],
            "her complaint page shows her narrative",
        )
        offered = self.env["hr.job"].search([("mrc_is_offered", "=", True)])
        for job in offered:
            self.assertIn(f"/my/vacancies/{job.id}", pages, f"vacancy {job.name} was reached")
            self.assertIn(
                job.with_context(lang=self.maria.lang).name,
                pages[f"/my/vacancies/{job.id}"],
                "the vacancy page shows the vacancy",
            )
        self.assertGreater(len(seen), 20, "the crawl found the detail pages")
        count_probes("portal crawl (maria's pages and links)", self.probes)
        print(f"\nmrc: portal crawl probes run (her pages and links): {self.probes}")

    def test_wages_are_shown_with_their_currency_or_alone(self):
        """The vacancy list and page show each wage formatted in the migrant's language with
        its currency (``format_amount``); a wage the liaison entered without a currency shows
        the number alone instead of failing the whole list."""
        env = self.env
        jobs = env["hr.job"].search([("mrc_is_offered", "=", True), ("mrc_wage_amount", ">", 0)])
        self.assertGreaterEqual(len(jobs), 2, "demo vacancies with a wage")
        liaison = env["res.users"].search([("login", "=", "liaison")])
        bare, priced = jobs[0], jobs[1]
        bare.with_user(liaison).write({"mrc_wage_currency_id": False})
        self.assertTrue(bare.mrc_is_offered, "the vacancy is still offered")
        secrets = self._secrets()
        listing = html.unescape(self._get("/my/vacancies", {200}, secrets).text)
        es = env(context=dict(env.context, lang=self.maria.lang))
        amount = format_amount(es, priced.mrc_wage_amount, priced.mrc_wage_currency_id)
        self.assertIn(amount, listing, "the wage with its currency")
        page = html.unescape(self._get(f"/my/vacancies/{bare.id}", {200}, secrets).text)
        self.assertIn(formatLang(es, bare.mrc_wage_amount), page, "the wage without a currency")
        count_probes("portal crawl (wages)", self.probes)

    def test_hostile_requests_are_refused_cleanly(self):
        """Another migrant's ids, missing ids, huge numbers, non-numbers and NUL bytes in paths,
        queries and forms answer 403, 404 or a clear 400 (413 for a form over Odoo's limit),
        never 500, and never show the other migrant's data."""
        env = self.env
        secrets = self._secrets()
        other = self.other_records
        # Ids that exist but are not hers (or, for vacancies, not offered to migrants).
        foreign = {
            "/my/vacancies/{}": [
                str(i) for i in env["hr.job"].search([("mrc_is_offered", "=", False)], limit=5).ids
            ],
            "/my/matches/{}": [str(other["mrc.match"].id)]
            + [
                str(i)
                for i in env["mrc.match"]
                .search([("candidate_id", "!=", self.maria_card.id)], limit=5)
                .ids
            ],
            "/my/applications/{}": [str(other["hr.applicant"].id)]
            + [
                str(i)
                for i in env["hr.applicant"]
                .search([("candidate_id", "!=", self.maria_card.id)], limit=5)
                .ids
            ],
            "/my/certificates/{}": [str(other["mrc.certification"].id)]
            + [
                str(i)
                for i in env["mrc.certification"]
                .search([("candidate_id", "!=", self.maria_card.id)], limit=5)
                .ids
            ],
            "/my/complaints/{}": [str(other["mrc.complaint"].id)]
            + [
                str(i)
                for i in env["mrc.complaint"]
                .sudo()
                .search([("complainant_partner_id", "!=", self.maria.partner_id.id)], limit=5)
                .ids
            ],
            "/my/referrals/{}": [str(other["mrc.service.referral"].id)]
            + [
                str(i)
                for i in env["mrc.service.referral"]
                .search([("candidate_id", "!=", self.maria_card.id)], limit=5)
                .ids
            ],
        }
        missing = {
            "/my/vacancies/{}": env["hr.job"].search([], order="id desc", limit=1).id + 1000,
            "/my/matches/{}": env["mrc.match"].search([], order="id desc", limit=1).id + 1000,
            "/my/applications/{}": env["hr.applicant"].search([], order="id desc", limit=1).id
            + 1000,
            "/my/certificates/{}": env["mrc.certification"].search([], order="id desc", limit=1).id
            + 1000,
            "/my/complaints/{}": env["mrc.complaint"].sudo().search([], order="id desc", limit=1).id
            + 1000,
            "/my/referrals/{}": env["mrc.service.referral"].search([], order="id desc", limit=1).id
            + 1000,
        }
        for route in DETAIL_ROUTES:
            self.assertTrue(foreign[route], f"{route}: records of someone else to try")
            for value in [*foreign[route], str(missing[route]), *BAD_IDS]:
                self._get(route.format(value), REFUSED, secrets)
        # The other migrant's certificate file, through Odoo's own download route.
        self._get(
            f"/web/content/mrc.certification/{other['mrc.certification'].id}/document",
            {403, 404},
            secrets,
        )
        # Pages of the lists, and query values of every kind: ignored (200) or refused.
        for route in PAGED:
            for value in ("2", HUGE, *BAD_IDS):
                self._get(f"{route}/page/{value}", {200} | REFUSED, secrets)
        other_ids = [str(i) for record in other.values() for i in record.ids]
        for route, params in LIST_PARAMS.items():
            for param in params:
                for value in (*BAD_VALUES, *other_ids):
                    self._get(f"{route}?{param}={value}", {200, 400}, secrets)
        # Forms posted with hostile values: a clear refusal on the form, or accepted as typed.
        self._hostile_forms(secrets)
        count_probes("portal crawl (hostile requests)", self.probes)
        print(f"\nmrc: portal crawl probes run (hostile requests): {self.probes}")

    def _hostile_forms(self, secrets):
        env = self.env
        other = self.other_records
        token = self._csrf("/my/complaints/new")
        category = env["mrc.complaint.category"].search([], limit=1)
        organisation = other["hr.job"].sudo().mrc_employer_id
        complaint_form = {
            "csrf_token": token,
            "organisation_id": str(organisation.id),
            "category_ids": str(category.id),
            "description": "A hostile probe",
        }
        refused_values = [
            {"organisation_id": HUGE},
            {"organisation_id": str(self.other.partner_id.id)},
            {"organisation_id": "abc"},
            {"organisation_id": "\x00"},
            {"organisation_id": "-1"},
            {"category_ids": HUGE},
            {"category_ids": "\x00"},
            {"description": "\x00"},
            {"incident_date": "2999-01-01"},
            {"incident_date": "not a date"},
            {"incident_date": "2024-02-30"},
        ]
        before = env["mrc.complaint"].sudo().search_count([])
        for values in refused_values:
            with self.subTest(form=values):
                response = self._get(
                    "/my/complaints/new", {400}, secrets, data=dict(complaint_form, **values)
                )
                self.assertIn("o_mrc_error", response.text, f"{values}: the form says why")
        self.assertEqual(env["mrc.complaint"].sudo().search_count([]), before, "nothing created")
        # A NUL in the narrative or a file name is dropped; the complaint is received.
        self._get(
            "/my/complaints/new",
            {200},
            secrets,
            data=dict(complaint_form, description="Text with a NUL\x00 inside"),
            files={"attachments": ("evi\x00dence.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")},
        )
        complaint = env["mrc.complaint"].sudo().search([], order="id desc", limit=1)
        self.assertEqual(complaint.description, "Text with a NUL inside")
        self.assertEqual(complaint.attachment_ids.mapped("name"), ["evidence.pdf"])
        # Wrong file types and a form over Odoo's 10 MB limit.
        self._get(
            "/my/complaints/new",
            {400},
            secrets,
            data=complaint_form,
            files={"attachments": ("photo.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")},
        )
        big = b"%PDF-1.4\n" + b"0" * (11 * 1024 * 1024)
        for url, field in (
            ("/my/complaints/new", "attachments"),
            ("/my/certificates/upload", "document"),
        ):
            response = self._get(
                url, {413}, secrets, data=complaint_form, files={field: ("big.pdf", big)}
            )
            self.assertIn("10 MB", response.text, "the refusal names Odoo's limit on a form")
        # Certificate uploads: NUL in the name, not a PDF, no file.
        for files in (
            {"document": ("cert\x00.pdf", b"%PDF-1.4\n", "application/pdf")},
            {"document": ("cert.pdf", b"\x89PNG\r\n\x1a\n", "application/pdf")},
            {},
        ):
            self._get(
                "/my/certificates/upload", {400}, secrets, data={"csrf_token": token}, files=files
            )
        # "I am interested" on vacancies that are not offered, missing or absurd.
        for value in ("0", HUGE, str(other["hr.job"].id + 100000)):
            self._get(
                f"/my/vacancies/{value}/interest",
                REFUSED,
                secrets,
                data={"csrf_token": token, "consent": "1"},
            )
        # Trainings: register for one not open to migrants, missing or absurd; cancel another
        # migrant's registration.
        hidden = env["event.event"].search([("mrc_portal_published", "=", False)], limit=1)
        for value in (str(hidden.id), HUGE, "0", "%00"):
            self._get(
                f"/my/trainings/{value}/register", REFUSED, secrets, data={"csrf_token": token}
            )
        theirs = other["event.registration"]
        for value in (str(theirs.id), HUGE, "0", "%00"):
            self._get(
                f"/my/trainings/registrations/{value}/cancel",
                REFUSED,
                secrets,
                data={"csrf_token": token},
            )
        self.assertEqual(theirs.state, "open", "another migrant's registration stays")
        # The follow-up page with a NUL in the code.
        self._get(
            "/complaints/followup",
            {404},
            secrets,
            data={"csrf_token": self._csrf("/complaints/followup"), "code": "AB\x00CD"},
        )
        # Every form posted without its CSRF token is refused with Odoo's check, clearly.
        job = other["hr.job"]
        for url, data in (
            ("/my/complaints/new", dict(complaint_form, csrf_token="")),
            ("/my/certificates/upload", {}),
            (f"/my/vacancies/{job.id}/interest", {"consent": "1"}),
            ("/complaints/followup", {"code": "ABCD-EFGH-JKMN"}),
            (f"/my/trainings/{theirs.event_id.id}/register", {}),
        ):
            data.pop("csrf_token", None)
            response = self._get(url, {400}, secrets, data=data or {"x": "1"})
            self.assertIn("CSRF", response.text, f"{url}: the refusal names the token")
