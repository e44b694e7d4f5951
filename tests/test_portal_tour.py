"""The migrants' portal in a real browser (Debian's chromium), at a phone's 375 px width.

The tour walks the migrant's path: log in, find a vacancy, say "I am interested", lodge a
complaint. A second test opens every portal page, checks that nothing overflows the screen
sideways and saves a screenshot of each under tests/screenshots/ (git-ignored).
"""

import base64
from datetime import timedelta
from pathlib import Path

from odoo import Command, fields
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tests.common import TEST_CURSOR_COOKIE_NAME, ChromeBrowser

SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
PHONE = "375x812"
PHONE_WIDTH = 375
PHONE_HEIGHT = 812
# A page is ready for its picture once loaded, with the home counters and the chatter in.
READY = (
    "document.readyState === 'complete' && !document.querySelector('.o_portal_doc_spinner')"
    " && (!document.querySelector('.o_portal_chatter') || await odoo.portalChatterReady)"
)


@tagged("post_install", "-at_install")
class TestMigrantPortalBrowser(HttpCase):
    browser_size = PHONE

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.env = env
        today = fields.Date.today()
        cls.counsellor = new_test_user(
            env,
            login="mrc_tour_counsellor",
            groups="base.group_user,mrc_recruiters.group_mrc_counsellor",
        )
        cls.user = new_test_user(env, login="mrc_tour_migrant", groups="base.group_portal")
        cls.user.partner_id.name = "Tour Migrant"
        organisations = env["res.partner"].create(
            [
                {
                    "name": "Tour Orchards Ltd.",
                    "is_company": True,
                    "mrc_is_employer": True,
                    "country_id": env.ref("base.us").id,
                },
                {
                    "name": "Tour Bad Agency",
                    "is_company": True,
                    "mrc_is_agency": True,
                    "country_id": env.ref("base.mx").id,
                },
            ]
        )
        organisations.sudo().write({"mrc_vetting_state": "vetted"})
        cls.employer, cls.agency = organisations
        cls.job = env["hr.job"].create(
            {
                "name": "Tour orchard picker",
                "mrc_employer_id": cls.employer.id,
                "mrc_country_id": env.ref("base.us").id,
                "mrc_city": "Yakima",
                "mrc_wage_amount": 17.5,
                "mrc_wage_currency_id": env.ref("base.USD").id,
                "mrc_wage_period": "hour",
                "mrc_hours_per_week": 40,
                "mrc_contract_months": 6,
                "mrc_housing_provided": True,
                "no_of_recruitment": 5,
                "mrc_deadline": today + timedelta(days=20),
                "mrc_is_published": True,
            }
        )
        cls.migrant = env["hr.candidate"].create(
            {
                "partner_name": "Tour Migrant",
                "partner_id": cls.user.partner_id.id,
                "user_id": cls.counsellor.id,
                "mrc_consent_processing_date": today,
            }
        )

    def test_migrant_path_tour(self):
        """A migrant logs in, finds a safe vacancy, asks to be referred (consenting on the
        spot) and lodges a complaint, all on a 375 px wide screen."""
        self.start_tour("/web/login?redirect=/my", "mrc_jobs_portal_migrant", timeout=180)
        match = self.env["mrc.match"].search(
            [("candidate_id", "=", self.migrant.id), ("job_id", "=", self.job.id)]
        )
        self.assertEqual(match.state, "shortlisted", "the interest reached the counsellor")
        self.assertTrue(self.migrant.mrc_consent_share, "the consent was recorded")
        complaint = self.env["mrc.complaint"].sudo().search([("partner_id", "=", self.agency.id)])
        self.assertEqual(len(complaint), 1, "the complaint was lodged")
        self.assertEqual(complaint.complainant_partner_id, self.user.partner_id)

    def _portal_pages(self):
        """(name, path) of every portal page, with one record of each kind to show."""
        env = self.env
        skill_type = env["hr.skill.type"].create(
            {
                "name": "Tour trades",
                "skill_level_ids": [Command.create({"name": "Skilled", "level_progress": 60})],
                "skill_ids": [Command.create({"name": "Pruning"})],
            }
        )
        # the vacancy asks for pruning, which the migrant has: the engine matches them
        pruning, skilled = skill_type.skill_ids, skill_type.skill_level_ids
        self.job.mrc_skill_requirement_ids = [
            Command.create(
                {"skill_id": pruning.id, "skill_type_id": skill_type.id, "min_level_id": skilled.id}
            )
        ]
        self.migrant.candidate_skill_ids = [
            Command.create(
                {
                    "skill_id": pruning.id,
                    "skill_type_id": skill_type.id,
                    "skill_level_id": skilled.id,
                }
            )
        ]
        env["mrc.match.refresh"]._mrc_refresh_matches(candidates=self.migrant, jobs=self.job)
        match = env["mrc.match"].search(
            [("candidate_id", "=", self.migrant.id), ("job_id", "=", self.job.id)]
        )
        self.assertTrue(match.explanation, "the engine should have matched and explained them")
        # the counsellor records the migrant's consent and refers them (rule 6)
        self.migrant.with_user(self.counsellor).action_mrc_record_consent()
        match.with_user(self.counsellor).action_refer()
        applicant = match.applicant_id
        certification = env["mrc.certification"].create(
            {
                "candidate_id": self.migrant.id,
                "skill_id": skill_type.skill_ids.id,
                "skill_level_id": skill_type.skill_level_ids.id,
                "number": "TOUR-001",
                "state": "submitted",
            }
        )
        complaint = env["mrc.complaint"].create(
            {
                "partner_id": self.agency.id,
                "complainant_partner_id": self.user.partner_id.id,
                "category_ids": [
                    Command.set(env["mrc.complaint.category"].search([], limit=1).ids)
                ],
                "description": "They asked me for a placement fee of 500 dollars.\n"
                "<script>alert('not run')</script>",
            }
        )
        return [
            ("01_home", "/my"),
            ("02_vacancies", "/my/vacancies"),
            ("03_vacancy", f"/my/vacancies/{self.job.id}"),
            ("04_matches", "/my/matches"),
            ("05_match", f"/my/matches/{match.id}"),
            ("06_applications", "/my/applications"),
            ("07_application", f"/my/applications/{applicant.id}"),
            ("08_certificates", "/my/certificates"),
            ("09_certificate", f"/my/certificates/{certification.id}"),
            ("10_complaints", "/my/complaints"),
            ("11_complaint_new", "/my/complaints/new"),
            ("12_complaint", f"/my/complaints/{complaint.id}"),
            ("13_followup", "/complaints/followup"),
        ]

    def test_screenshot_each_portal_page_at_375px(self):
        """Every portal page opens at 375 px wide without sideways overflow; a screenshot of
        each is saved under tests/screenshots/."""
        pages = self._portal_pages()
        SCREENSHOTS.mkdir(exist_ok=True)
        browser = ChromeBrowser(self)
        widths = {}
        try:
            # A phone: overlay scrollbars, so the page gets the full 375 px.
            browser._websocket_request(
                "Emulation.setDeviceMetricsOverride",
                params={
                    "width": PHONE_WIDTH,
                    "height": PHONE_HEIGHT,
                    "deviceScaleFactor": 1,
                    "mobile": True,
                },
            )
            self.http_request_key = self.canonical_tag + "_browser_js"
            self.authenticate("mrc_tour_migrant", "mrc_tour_migrant", browser=browser)
            self.cr.flush()
            self.cr.clear()
            for name, path in pages:
                browser.navigate_to(self.base_url() + path, wait_stop=True)
                self.assertTrue(
                    browser._wait_ready(f"(async () => {READY})()", timeout=30),
                    f"{path} did not finish loading",
                )
                widths[path] = browser._websocket_request(
                    "Runtime.evaluate",
                    params={
                        "expression": "document.documentElement.scrollWidth",
                        "returnByValue": True,
                    },
                )["result"]["value"]
                shot = browser._websocket_request(
                    "Page.captureScreenshot",
                    params={"format": "png", "captureBeyondViewport": True},
                    timeout=30.0,
                )
                (SCREENSHOTS / f"{name}.png").write_bytes(base64.b64decode(shot["data"]))
        finally:
            browser.stop()
            self._wait_remaining_requests()
            self.http_request_key = self.canonical_tag
            self.opener.cookies[TEST_CURSOR_COOKIE_NAME] = self.http_request_key
        for name, path in pages:
            with self.subTest(page=path):
                shot = SCREENSHOTS / f"{name}.png"
                self.assertTrue(shot.exists() and shot.stat().st_size > 1000, f"{shot} missing")
                self.assertLessEqual(
                    widths[path], PHONE_WIDTH, f"{path} overflows a 375 px screen sideways"
                )
