"""Pre-departure check: the client card's intended recruiter and employer show their standing;
one not in good standing warns the counsellor (neutral words), the migrant's portal (plain
words) and gives the counsellor an activity."""

import re

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

from .common import MrcJobsCase


@tagged("post_install", "-at_install")
class TestPredeparture(MrcJobsCase):
    def _activities(self, candidate=None):
        activity_type = self.env.ref("mrc_jobs.mail_activity_type_predeparture")
        return (candidate or self.migrant).activity_ids.filtered(
            lambda a: a.activity_type_id == activity_type
        )

    def _plan(self, recruiter=None, employer=None, user=None):
        self.migrant.with_user(user or self.counsellor).write(
            {
                "mrc_plan_recruiter_id": recruiter.id if recruiter else False,
                "mrc_plan_employer_id": employer.id if employer else False,
            }
        )

    def test_vetted_and_licensed_is_cleared(self):
        """A vetted agency with a licence valid today and a vetted employer: no warning."""
        self.migrant.user_id = self.counsellor
        self._plan(self.agency, self.employer)
        card = self.migrant.with_user(self.counsellor)
        self.assertEqual(card.mrc_predeparture_state, "ok")
        self.assertFalse(card.mrc_predeparture_warning)
        self.assertFalse(card.mrc_predeparture_portal_text)
        self.assertFalse(self._activities())

    def test_unvetted_recruiter_warns_in_neutral_words(self):
        """An agency never vetted: the counsellor reads "not cleared", not its vetting state;
        the liaison reads the state; the counsellor gets one activity."""
        self.migrant.user_id = self.counsellor
        shady = self.env["res.partner"].create(
            {"name": "Shady Jobs Abroad", "is_company": True, "mrc_is_agency": True}
        )
        self._plan(shady)
        card = self.migrant.with_user(self.counsellor)
        self.assertEqual(card.mrc_predeparture_state, "warning")
        self.assertIn("not cleared by the employer liaison", card.mrc_predeparture_warning)
        self.assertIn("no recruitment licence", card.mrc_predeparture_warning)
        self.assertNotIn("Draft", card.mrc_predeparture_warning, "no vetting detail (rule 4)")
        liaison_view = self.migrant.with_user(self.liaison).mrc_predeparture_warning
        self.assertIn("not vetted (Draft)", liaison_view)
        activity = self._activities()
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.counsellor)
        self._plan(shady, self.employer)
        self.assertEqual(len(self._activities()), 1, "one open activity at a time")

    def test_suspended_employer_warns(self):
        """A suspended employer puts the card in warning."""
        self._plan(employer=self.employer)
        self.assertEqual(self.migrant.mrc_predeparture_state, "ok")
        self.employer.with_user(self.liaison)._mrc_set_vetting_state("suspended", "Inspection")
        self.assertEqual(self.migrant.mrc_predeparture_state, "warning")
        self.assertIn(
            "is not vetted (Suspended)",
            self.migrant.with_user(self.officer).mrc_predeparture_warning,
        )

    def test_flagged_employer_warns(self):
        """An employer flagged by its substantiated complaints puts the card in warning; the
        complaints officer reads "flagged", the counsellor only "not cleared"."""
        self._plan(employer=self.employer)
        for _i in range(2):
            complaint = (
                self.env["mrc.complaint"]
                .with_user(self.officer)
                .create(
                    {
                        "partner_id": self.employer.id,
                        "category_ids": [
                            Command.link(self.env.ref("mrc_recruiters.complaint_category_fees").id)
                        ],
                        "severity": "critical",
                        "outcome": "Fees taken from wages.",
                    }
                )
            )
            complaint.action_triage()
            complaint.action_investigate()
            complaint.action_resolve()
        self.assertTrue(self.employer.sudo().mrc_is_flagged, "setup: the employer is flagged")
        self.assertEqual(self.migrant.mrc_predeparture_state, "warning")
        self.assertIn("is flagged", self.migrant.with_user(self.officer).mrc_predeparture_warning)
        counsellor_text = self.migrant.with_user(self.counsellor).mrc_predeparture_warning
        self.assertIn("not cleared by the employer liaison", counsellor_text)
        self.assertNotIn("flagged", counsellor_text)

    def test_standing_lost_later_gives_activity(self):
        """An intended recruiter that loses its standing after the plan was recorded gives the
        counsellor the activity then (through the standing-lost hook)."""
        self.migrant.user_id = self.counsellor
        self._plan(self.agency)
        self.assertFalse(self._activities())
        self.agency.with_user(self.liaison)._mrc_set_vetting_state("suspended", "Licence doubts")
        self.assertEqual(len(self._activities()), 1)
        self.assertIn(
            "is not approved by the centre", self.migrant.sudo().mrc_predeparture_portal_text
        )


@tagged("post_install", "-at_install")
class TestPredeparturePortal(MrcJobsCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal_a = new_test_user(cls.env, login="mrc_pd_migrant", groups="base.group_portal")
        cls.portal_b = new_test_user(cls.env, login="mrc_pd_other", groups="base.group_portal")

    def test_migrant_home_says_so_in_plain_words(self):
        """The migrant's /my page warns her about her intended agency, with no vetting detail;
        without a problem there is no warning; another migrant's plan is not shown to her."""
        user, other = self.portal_a, self.portal_b
        self.migrant.partner_id = user.partner_id
        self.env["hr.candidate"].create(
            {"partner_name": "Other", "partner_id": other.partner_id.id}
        )
        shady = self.env["res.partner"].create(
            {"name": "Shady Jobs Abroad", "is_company": True, "mrc_is_agency": True}
        )
        self.authenticate(user.login, user.login)
        text = self.url_open("/my").text
        self.assertFalse("o_mrc_predeparture" in text, "no plan: no warning")
        self.migrant.mrc_plan_recruiter_id = shady
        response = self.url_open("/my")
        self.assertEqual(response.status_code, 200)
        block = re.search(r'o_mrc_predeparture"(.*?)</div>', response.text, re.S)
        self.assertTrue(block, "the warning block is missing")
        text = block.group(1)
        self.assertTrue("Shady Jobs Abroad" in text, "the agency is not named")
        self.assertTrue("is not approved by the centre" in text, "no plain words")
        self.assertFalse("Draft" in text or "vetted" in text, "vetting detail shown (rule 4)")
        self.authenticate(other.login, other.login)
        self.assertFalse("Shady Jobs Abroad" in self.url_open("/my").text, "another's plan shown")

    def test_migrant_reads_the_warning_in_spanish(self):
        """A Spanish-speaking migrant reads the pre-departure warning in Spanish."""
        lang = self.env["res.lang"]._activate_lang("es_MX")
        self.env["ir.module.module"].search([("name", "=", "mrc_jobs")])._update_translations(
            lang.code
        )
        self.portal_a.lang = lang.code
        self.migrant.partner_id = self.portal_a.partner_id
        self.migrant.mrc_plan_recruiter_id = self.env["res.partner"].create(
            {"name": "Shady Jobs Abroad", "is_company": True, "mrc_is_agency": True}
        )
        self.authenticate(self.portal_a.login, self.portal_a.login)
        text = self.url_open("/my").text
        self.assertTrue("Antes de irte: ten cuidado" in text, "the heading is not in Spanish")
        self.assertTrue(
            "Shady Jobs Abroad, la agencia con la que piensas ir, no está aprobada por el centro."
            in text,
            "the warning is not in Spanish",
        )
