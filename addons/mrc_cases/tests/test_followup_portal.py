"""The migrant answers her placement follow-up on the portal: her own answers 200 and take her
answers, another migrant's id answers 404 and changes nothing; the page speaks Spanish."""

import re

from odoo.tests import HttpCase, new_test_user, tagged

from .followup_common import ALL_KEPT, FollowupCase

CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')


@tagged("post_install", "-at_install")
class TestFollowupPortal(FollowupCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_a = new_test_user(cls.env, login="mrc_fp_a", groups="base.group_portal")
        cls.user_b = new_test_user(cls.env, login="mrc_fp_b", groups="base.group_portal")
        cls.migrant.partner_id = cls.user_a.partner_id
        cls.migrant_b = cls.env["hr.candidate"].create(
            {
                "partner_name": "Bea Migrant",
                "partner_id": cls.user_b.partner_id.id,
                "mrc_consent_processing_date": cls.today,
                "mrc_consent_share": True,
            }
        )

    def setUp(self):
        super().setUp()
        self.followup_a = self._place().mrc_followup_ids.filtered(lambda f: f.days == 30)
        self.followup_b = self._place(candidate=self.migrant_b).mrc_followup_ids.filtered(
            lambda f: f.days == 30
        )

    def _post(self, followup, answers):
        page = self.url_open(f"/my/followups/{followup.id}")
        csrf = CSRF_RE.search(page.text)
        token = csrf.group(1) if csrf else ""
        return self.url_open(
            f"/my/followups/{followup.id}",
            data=dict(answers, csrf_token=token),
            allow_redirects=False,
        )

    def test_own_followup_answers_200_and_is_answered(self):
        """Her own follow-up's page answers 200 with the questions; her answers are stored as
        given by her, and a broken promise counts against the employer."""
        self.authenticate(self.user_a.login, self.user_a.login)
        response = self.url_open(f"/my/followups/{self.followup_a.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("answer_contract", response.text)
        listing = self.url_open("/my/followups")
        self.assertEqual(listing.status_code, 200)
        self.assertIn(f"/my/followups/{self.followup_a.id}", listing.text)
        self.assertNotIn(f"/my/followups/{self.followup_b.id}", listing.text)
        before = self.employer.mrc_risk_score
        response = self._post(self.followup_a, dict(ALL_KEPT, answer_contract="no"))
        self.assertIn(response.status_code, (302, 303), response.text[:300])
        self.assertEqual(self.followup_a.state, "answered")
        self.assertEqual(self.followup_a.answered_by, "migrant")
        self.assertEqual(self.followup_a.answer_contract, "no")
        self.assertGreater(self.employer.mrc_risk_score, before)

    def test_incomplete_answers_refused(self):
        """Missing answers: the page says so and nothing is stored."""
        self.authenticate(self.user_a.login, self.user_a.login)
        response = self._post(self.followup_a, {"answer_wage": "no", "answer_fees": "maybe"})
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_mrc_error", response.text)
        self.assertEqual(self.followup_a.state, "planned")
        self.assertFalse(self.followup_a.answer_wage)

    def test_other_migrants_followup_is_404(self):
        """Another migrant's follow-up, or one that does not exist, answers 404 to reading and
        to answering, and is left as it was."""
        self.authenticate(self.user_a.login, self.user_a.login)
        for path in (
            f"/my/followups/{self.followup_b.id}",
            "/my/followups/999999999",
            "/my/followups/99999999999",
        ):
            with self.subTest(path=path):
                self.assertEqual(self.url_open(path).status_code, 404)
        page = self.url_open(f"/my/followups/{self.followup_a.id}")
        token = CSRF_RE.search(page.text).group(1)
        response = self.url_open(
            f"/my/followups/{self.followup_b.id}",
            data=dict(ALL_KEPT, csrf_token=token),
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 404)
        self.assertEqual(self.followup_b.state, "planned")
        self.assertFalse(self.followup_b.answer_wage)

    def test_page_in_spanish(self):
        """A Spanish-speaking migrant reads the questions in Spanish."""
        lang = self.env["res.lang"]._activate_lang("es_MX")
        self.env["ir.module.module"].search([("name", "=", "mrc_cases")])._update_translations(
            lang.code
        )
        self.user_a.lang = lang.code
        self.authenticate(self.user_a.login, self.user_a.login)
        response = self.url_open(f"/my/followups/{self.followup_a.id}")
        self.assertEqual(response.status_code, 200)
        text = response.text
        self.assertTrue("¿El salario es el prometido?" in text, "the wage question is not Spanish")
        self.assertTrue("¿Cómo va tu trabajo?" in text, "the page title is not in Spanish")
        self.assertTrue("Sí" in text and "Enviar mis respuestas" in text, "answers not Spanish")
