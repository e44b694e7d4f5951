import re
from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .referral_common import ReferralFixtures

CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')


@tagged("post_install", "-at_install")
class TestPortalCases(ReferralFixtures, HttpCase):
    """The migrant's referral and training pages: hers only, 404 for anyone else's."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_referral_fixtures()
        Referral = cls.env["mrc.service.referral"].with_user(cls.counsellor)
        cls.ana_referral = Referral.create(cls._referral_vals(cls.ana))
        cls.beto_referral = Referral.create(
            dict(cls._referral_vals(cls.beto), reason="Beto's secret reason")
        )
        (cls.ana_referral | cls.beto_referral).with_user(cls.counsellor).action_send()
        cls.ana_draft = Referral.create(cls._referral_vals(cls.ana))
        start = fields.Datetime.now() + timedelta(days=5)
        Event = cls.env["event.event"].with_user(cls.counsellor)
        cls.training = Event.create(
            {
                "name": "Portal rights training",
                "event_type_id": cls.env.ref("mrc_cases.event_type_rights").id,
                "date_begin": start,
                "date_end": start + timedelta(hours=2),
                "mrc_portal_published": True,
            }
        )
        cls.hidden = Event.create(
            {
                "name": "Staff-only skills training",
                "event_type_id": cls.env.ref("mrc_cases.event_type_skills").id,
                "date_begin": start,
                "date_end": start + timedelta(hours=2),
            }
        )
        cls.beto_registration = (
            cls.env["event.registration"]
            .with_user(cls.counsellor)
            .create({"event_id": cls.training.id, "mrc_candidate_id": cls.beto.id})
        )

    def _get(self, url, status=200):
        response = self.url_open(url)
        self.assertEqual(response.status_code, status, url)
        return response.text

    def _post(self, url, data=None, page="/my/trainings"):
        token = CSRF_RE.search(self._get(page)).group(1)
        return self.url_open(url, data={"csrf_token": token, **(data or {})})

    def test_referral_pages_show_hers_only(self):
        self.authenticate("c3_ana", "c3_ana")
        html = self._get("/my/referrals")
        self.assertIn(f"/my/referrals/{self.ana_referral.id}", html)
        self.assertIn("Test Legal Clinic", html)
        self.assertNotIn(f"/my/referrals/{self.beto_referral.id}", html)
        self.assertNotIn(f"/my/referrals/{self.ana_draft.id}", html, "a draft is not shown")
        page = self._get(f"/my/referrals/{self.ana_referral.id}")
        self.assertIn("Test Legal Clinic", page)
        self.assertNotIn("passport kept", page, "the reason stays with the staff")
        home = self._get("/my")
        self.assertIn("/my/referrals", home)
        self.assertIn("/my/trainings", home)
        counters = self.make_jsonrpc_request(
            "/my/counters",
            {"counters": ["mrc_service_referral_count", "mrc_training_count"]},
        )
        self.assertEqual(counters["mrc_service_referral_count"], 1, "her sent referral only")
        self.assertGreaterEqual(counters["mrc_training_count"], 1, "the training open to her")

    @mute_logger("odoo.http")
    def test_other_ids_answer_404(self):
        self.authenticate("c3_ana", "c3_ana")
        for url in (
            f"/my/referrals/{self.beto_referral.id}",
            f"/my/referrals/{self.ana_draft.id}",
            "/my/referrals/99999999999999999999",
            "/my/referrals/2147483648",
            "/my/referrals/%00",
            "/my/referrals/1%00",
        ):
            with self.subTest(url=url):
                response = self.url_open(url)
                self.assertIn(response.status_code, (400, 404), url)
                self.assertNotIn("Beto", response.text)
        response = self._post(f"/my/trainings/registrations/{self.beto_registration.id}/cancel")
        self.assertEqual(response.status_code, 404)
        self.assertEqual(self.beto_registration.state, "open", "not cancelled by another")
        response = self._post(f"/my/trainings/{self.hidden.id}/register")
        self.assertEqual(response.status_code, 404, "a training not open to migrants")

    def test_register_through_the_portal(self):
        """She sees the training, registers with the form's POST and sees her registration."""
        self.authenticate("c3_ana", "c3_ana")
        html = self._get("/my/trainings")
        self.assertIn("Portal rights training", html)
        self.assertNotIn("Staff-only skills training", html)
        self.assertNotIn("Beto", html)
        response = self._post(f"/my/trainings/{self.training.id}/register")
        self.assertEqual(response.status_code, 200)
        registration = self.env["event.registration"].search(
            [("event_id", "=", self.training.id), ("mrc_candidate_id", "=", self.ana.id)]
        )
        self.assertEqual(registration.partner_id, self.ana_user.partner_id)
        self.assertEqual(registration.state, "open")
        self.assertIn("o_mrc_registration", response.text)
        again = self._post(f"/my/trainings/{self.training.id}/register")
        self.assertEqual(again.status_code, 400, "registered twice")
        self.assertEqual(
            self.env["event.registration"].search_count(
                [("event_id", "=", self.training.id), ("mrc_candidate_id", "=", self.ana.id)]
            ),
            1,
        )
        cancel = self._post(f"/my/trainings/registrations/{registration.id}/cancel")
        self.assertEqual(cancel.status_code, 200)
        self.assertEqual(registration.state, "cancel")

    def test_pages_in_spanish(self):
        """The pages speak the migrant's language: Spanish."""
        lang = self.env["res.lang"]._activate_lang("es_MX")
        self.ana_user.lang = lang.code
        self.authenticate("c3_ana", "c3_ana")
        self.assertIn("Próximas capacitaciones", self._get("/my/trainings"))
        self.assertIn("Mis derivaciones", self._get("/my/referrals"))

    def test_register_without_csrf_refused(self):
        self.authenticate("c3_ana", "c3_ana")
        with mute_logger("odoo.http"):
            response = self.url_open(f"/my/trainings/{self.training.id}/register", data={"x": "1"})
        self.assertIn(response.status_code, (400, 403))
        self.assertFalse(
            self.env["event.registration"].search_count([("mrc_candidate_id", "=", self.ana.id)])
        )
