"""Placement follow-ups as records: structured answers, the employer's risk, and one click from a
broken promise to a complaint (counsellors, complaints officers and managers only)."""

from datetime import timedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.mrc_recruiters.tests.common import assert_rpc_refused, call_kw

from .followup_common import ALL_KEPT, FollowupCase


@tagged("post_install", "-at_install")
class TestPlacementFollowup(FollowupCase):
    def setUp(self):
        super().setUp()
        self.applicant = self._place()
        self.followups = self.applicant.mrc_followup_ids.sorted("days")

    def test_placement_plans_30_and_90_day_followups(self):
        """Hired: two follow-up records, 30 and 90 days on, against the vacancy's employer, for
        the counsellor who referred; the referral keeps its to-dos."""
        self.assertEqual(self.followups.mapped("days"), [30, 90])
        self.assertEqual(
            self.followups.mapped("date_due"),
            [self.today + timedelta(days=30), self.today + timedelta(days=90)],
        )
        self.assertEqual(self.followups.employer_id, self.employer)
        self.assertEqual(self.followups.counsellor_id, self.counsellor)
        self.assertEqual(set(self.followups.mapped("state")), {"planned"})
        self.assertEqual(len(self.applicant.activity_ids), 2, "the referral's two to-dos")

    def test_answers_needed_before_answered(self):
        """A follow-up is answered only with every question answered."""
        followup = self.followups[0].with_user(self.counsellor)
        followup.write({"answer_wage": "yes"})
        with self.assertRaises(UserError):
            followup.action_mrc_answered()
        self.assertEqual(followup.state, "planned")

    def test_contract_substitution_raises_employer_risk(self):
        """A 30-day follow-up finding contract substitution raises the employer's risk score,
        with a follow-up reason; one where every promise holds does not."""
        before = self.employer.mrc_risk_score
        self._answer(self.followups[1])
        self.assertEqual(self.employer.mrc_risk_score, before, "all promises kept: no risk")
        followup = self._answer(self.followups[0], answer_contract="no")
        self.assertTrue(followup.has_broken_promise)
        self.assertEqual(followup.severity, "high")
        self.assertEqual(followup.answered_by, "counsellor")
        self.assertGreater(self.employer.mrc_risk_score, before)
        kinds = [r["kind"] for r in self.employer.mrc_risk_reason_data]
        self.assertIn("followup", kinds)
        done = self.applicant.activity_ids.filtered(lambda a: a.date_deadline == followup.date_due)
        self.assertFalse(done, "the 30-day to-do is done once answered")

    def test_open_complaint_prefilled(self):
        """One click: a complaint in state new against the employer, in the migrant's name,
        about contract substitution, linked to the follow-up; the complaint then counts instead
        of the follow-up (same weight while open)."""
        followup = self._answer(self.followups[0], answer_contract="no")
        score = self.employer.mrc_risk_score
        followup.with_user(self.counsellor).action_mrc_open_complaint()
        self.assertTrue(followup.has_complaint)
        complaint = followup.sudo().complaint_id
        self.assertEqual(complaint.state, "new")
        self.assertEqual(complaint.partner_id, self.employer)
        self.assertEqual(complaint.sudo().complainant_partner_id, self.migrant.partner_id)
        self.assertEqual(
            complaint.category_ids.mapped("code"), ["contract_substitution"], "prefilled category"
        )
        self.assertEqual(complaint.severity, "high")
        self.assertIn(followup.name, complaint.sudo().description)
        self.assertAlmostEqual(self.employer.mrc_risk_score, score, delta=0.1)
        with self.assertRaises(UserError):
            followup.with_user(self.counsellor).action_mrc_open_complaint()

    def test_no_complaint_without_broken_promise(self):
        """A follow-up where every promise holds, or not yet answered, opens no complaint."""
        with self.assertRaises(UserError):
            self.followups[0].with_user(self.counsellor).action_mrc_open_complaint()
        followup = self._answer(self.followups[0])
        with self.assertRaises(UserError):
            followup.with_user(self.counsellor).action_mrc_open_complaint()

    def test_liaison_cannot_open_complaint(self):
        """The employer liaison neither reads follow-ups nor opens complaints from them."""
        followup = self._answer(self.followups[0], answer_fees="yes")
        with self.assertRaises(AccessError):
            followup.with_user(self.liaison).action_mrc_open_complaint()
        self.assertFalse(followup.has_complaint)

    def test_counsellor_does_not_read_the_complaint(self):
        """Rule 4: the counsellor who opened it does not read the complaint's link or text."""
        followup = self._answer(self.followups[0], answer_documents="no")
        followup.with_user(self.counsellor).action_mrc_open_complaint()
        with self.assertRaises(AccessError):
            followup.with_user(self.counsellor).read(["complaint_id"])
        self.assertTrue(followup.with_user(self.counsellor).has_complaint)


@tagged("post_install", "-at_install")
class TestPlacementFollowupRpc(FollowupCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal_user = new_test_user(cls.env, login="mrc_fu_portal", groups="base.group_portal")
        cls.rpc_liaison = new_test_user(
            cls.env,
            login="mrc_fu_liaison",
            groups="base.group_user,base.group_partner_manager,mrc_recruiters.group_mrc_liaison",
        )

    def test_complaint_button_refused_over_rpc(self):
        """Over JSON-RPC the employer liaison and the migrant herself cannot open a complaint
        from a follow-up, nor write its answers; the counsellor can."""
        applicant = self._place()
        followup = applicant.mrc_followup_ids.filtered(lambda f: f.days == 30)
        self._answer(followup, answer_wage="no")
        portal_user, liaison = self.portal_user, self.rpc_liaison
        self.migrant.partner_id = portal_user.partner_id
        for user in (liaison, portal_user):
            with self.subTest(user=user.login):
                self.authenticate(user.login, user.login)
                answer = call_kw(
                    self, "mrc.placement.followup", "action_mrc_open_complaint", [followup.ids]
                )
                assert_rpc_refused(self, answer, f"{user.login} opens a complaint")
                answer = call_kw(
                    self,
                    "mrc.placement.followup",
                    "write",
                    [followup.ids, dict(ALL_KEPT)],
                )
                assert_rpc_refused(self, answer, f"{user.login} rewrites the answers")
        self.assertFalse(followup.has_complaint)
        self.assertEqual(followup.answer_wage, "no")
        self.authenticate(self.counsellor.login, self.counsellor.login)
        answer = call_kw(
            self, "mrc.placement.followup", "action_mrc_open_complaint", [followup.ids]
        )
        self.assertNotIn("error", answer, answer)
        self.assertTrue(followup.has_complaint)
