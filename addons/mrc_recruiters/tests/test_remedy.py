"""Remedies obtained on complaints: what is paid, what the migrant confirmed, when a complaint
is settled, and who may record them (complaints officers and managers, never a counsellor)."""

from datetime import timedelta

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import MrcRecruitersCase, assert_rpc_refused, call_kw, rpc_error


@tagged("post_install", "-at_install")
class TestRemedy(MrcRecruitersCase):
    def setUp(self):
        super().setUp()
        self.complaint = self._resolve(self._complaint(severity="high"))
        self.complaint._mrc_award_compensation(1000.0)

    def _remedy(self, **vals):
        return (
            self.env["mrc.complaint.remedy"]
            .with_user(self.officer)
            .create({"complaint_id": self.complaint.id, "kind": "compensation", **vals})
        )

    def test_awarded_paid_and_confirmed_are_separate(self):
        """Paid counts every money remedy, confirmed only those the migrant confirmed; the
        award stays what the officer decided."""
        self._remedy(amount=600.0, is_confirmed=True)
        self._remedy(kind="fee_refund", amount=400.0)
        self._remedy(kind="apology")
        complaint = self.complaint
        self.assertEqual(complaint.compensation_awarded, 1000.0)
        self.assertEqual(complaint.compensation_paid, 1000.0, "both money remedies are paid")
        self.assertEqual(complaint.compensation_confirmed, 600.0, "only one is confirmed")
        self.assertEqual(complaint.remedy_count, 3)
        self.assertFalse(complaint.is_settled, "unconfirmed remedies: not settled")

    def test_settled_once_every_remedy_confirmed_and_award_covered(self):
        """A complaint is settled when every remedy is confirmed and the money confirmed
        reaches the award; confirming records the date."""
        first = self._remedy(amount=600.0)
        self._remedy(kind="documents", is_confirmed=True)
        first.action_confirm_receipt()
        self.assertEqual(first.date_confirmed, self.today)
        self.assertFalse(self.complaint.is_settled, "600 confirmed of 1000 awarded")
        self._remedy(kind="wages", amount=400.0, is_confirmed=True)
        self.assertTrue(self.complaint.is_settled, "1000 confirmed, every remedy confirmed")
        self.assertTrue(
            self.complaint.with_user(self.officer).search_count(
                [("id", "=", self.complaint.id), ("is_settled", "=", True)]
            ),
            "settled is stored and searchable",
        )

    def test_no_remedy_is_not_settled(self):
        """A complaint without any remedy is never settled, even with nothing awarded."""
        complaint = self._complaint()
        self.assertFalse(complaint.is_settled)

    def test_bad_remedies_refused(self):
        """Money without an amount, a negative amount, a date in the future: refused."""
        for vals in (
            {"amount": 0.0},
            {"amount": -5.0},
            {"amount": 10.0, "date": self.today + timedelta(days=3)},
        ):
            with self.subTest(vals=vals), self.assertRaises(ValidationError):
                self._remedy(**vals)
        self.assertFalse(self.complaint.remedy_ids, "nothing half-written")

    def test_counsellor_and_liaison_cannot_record_remedies(self):
        """Remedies are written by complaints officers and managers only."""
        remedy = self._remedy(amount=100.0)
        for user in (self.counsellor, self.liaison):
            with self.subTest(user=user.login):
                Remedy = self.env["mrc.complaint.remedy"].with_user(user)
                with self.assertRaises(AccessError):
                    Remedy.create({"complaint_id": self.complaint.id, "kind": "apology"})
                with self.assertRaises(AccessError):
                    remedy.with_user(user).write({"is_confirmed": True})
        self.assertFalse(remedy.is_confirmed)

    def test_server_check_holds_even_with_table_rights(self):
        """The server check refuses a remedy from a user who is not a complaints officer even
        if an access right were granted by mistake."""
        with self.assertRaises(AccessError):
            self.env["mrc.complaint.remedy"].with_user(self.counsellor)._mrc_check_remedy_rights()
        self.env["mrc.complaint.remedy"].with_user(self.manager)._mrc_check_remedy_rights()


@tagged("post_install", "-at_install")
class TestRemedyRpc(MrcRecruitersCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        groups = "base.group_user,base.group_partner_manager,mrc_recruiters.group_mrc_"
        cls.rpc_counsellor = new_test_user(
            cls.env, login="rpc_rem_counsellor", groups=f"{groups}counsellor"
        )
        cls.rpc_officer = new_test_user(
            cls.env, login="rpc_rem_officer", groups=f"{groups}complaints"
        )

    def test_counsellor_remedy_refused_over_rpc(self):
        """A counsellor creating a remedy over JSON-RPC, with any context, is refused; an
        officer doing the same is accepted."""
        complaint = self._complaint()
        vals = {"complaint_id": complaint.id, "kind": "wages", "amount": 250.0}
        self.authenticate(self.rpc_counsellor.login, self.rpc_counsellor.login)
        for context in ({}, {"mrc_complaint_decision": True}, {"default_is_confirmed": True}):
            with self.subTest(context=context):
                answer = call_kw(
                    self, "mrc.complaint.remedy", "create", [vals], {"context": context}
                )
                assert_rpc_refused(self, answer, "counsellor writes a remedy")
        self.assertFalse(complaint.remedy_ids, "no remedy was written")
        self.authenticate(self.rpc_officer.login, self.rpc_officer.login)
        answer = call_kw(self, "mrc.complaint.remedy", "create", [vals])
        self.assertIsNone(rpc_error(answer), answer)
        self.assertEqual(complaint.compensation_paid, 250.0)
