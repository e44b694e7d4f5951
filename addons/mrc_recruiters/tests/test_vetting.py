from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import MrcRecruitersCase


@tagged("post_install", "-at_install")
class TestVetting(MrcRecruitersCase):
    def test_vetting_with_everything_succeeds(self):
        """Rule 2 satisfied: the organisation becomes vetted and safe."""
        self._vet(self.employer)
        self.assertEqual(self.employer.mrc_vetting_state, "vetted")
        self.assertTrue(self.employer.mrc_is_safe, "a vetted, unflagged employer is safe")

    def test_agency_without_valid_licence_refused(self):
        """An agency is not vetted without a licence valid today; the error says so."""
        self._license(self.agency, "OLD-1", days_left=-5)
        self._prepare_for_vetting(self.agency)
        with self.assertRaisesRegex(UserError, "no licence valid today"):
            self.agency.with_user(self.liaison).action_mrc_vet()
        self.assertEqual(self.agency.mrc_vetting_state, "in_review", "state must not change")

    def test_failed_mandatory_check_refused(self):
        """A failed mandatory check blocks vetting and the error names the check."""
        self._prepare_for_vetting(self.employer)
        line = self.employer.mrc_check_ids.filtered(
            lambda c: c.check_type_id == self.env.ref("mrc_recruiters.check_type_fee_policy")
        )
        line.result = "fail"
        with self.assertRaisesRegex(UserError, "Fee policy reviewed"):
            self.employer.with_user(self.liaison).action_mrc_vet()

    def test_missing_mandatory_check_refused(self):
        """A mandatory check absent from the checklist blocks vetting."""
        self._prepare_for_vetting(self.employer)
        self.employer.mrc_check_ids.filtered("is_mandatory")[:1].unlink()
        with self.assertRaisesRegex(UserError, "not passed"):
            self.employer.with_user(self.liaison).action_mrc_vet()

    def test_optional_check_does_not_block(self):
        """A failed optional check does not block vetting."""
        self._prepare_for_vetting(self.employer)
        self.employer.mrc_check_ids.filtered(lambda c: not c.is_mandatory).write({"result": "fail"})
        self.employer.with_user(self.liaison).action_mrc_vet()
        self.assertEqual(self.employer.mrc_vetting_state, "vetted")

    def test_missing_pledge_refused(self):
        """Without the employer-pays pledge the organisation is not vetted."""
        self._prepare_for_vetting(self.employer)
        self.employer.mrc_pledge_date = False
        with self.assertRaisesRegex(UserError, "pledge"):
            self.employer.with_user(self.liaison).action_mrc_vet()

    def test_forbidden_vetting_transition_refused(self):
        """A draft organisation cannot be suspended (it was never vetted)."""
        with self.assertRaisesRegex(UserError, "cannot go from"):
            self.employer.with_user(self.liaison)._mrc_set_vetting_state("suspended", "test")

    def test_direct_write_of_state_refused(self):
        """The vetting state is not written directly, only through the buttons."""
        with self.assertRaises(AccessError):
            self.employer.with_user(self.liaison).write({"mrc_vetting_state": "vetted"})

    def test_direct_write_of_risk_refused(self):
        """Liaison staff cannot lower a risk score or clear a flag by writing it."""
        for vals in ({"mrc_risk_score": 0.0}, {"mrc_is_flagged": False}, {"mrc_flag_reason": ""}):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                self.employer.with_user(self.liaison).write(vals)

    def test_decision_requires_reason_and_posts_it(self):
        """Suspending through the wizard records the reason in the chatter and calls the
        standing-lost hook."""
        self._vet(self.employer)
        wizard = (
            self.env["mrc.vetting.decision.wizard"]
            .with_user(self.liaison)
            .create(
                {
                    "partner_ids": [(6, 0, self.employer.ids)],
                    "target_state": "suspended",
                    "reason": "Workers report unpaid overtime",
                }
            )
        )
        wizard.action_apply()
        self.assertEqual(self.employer.mrc_vetting_state, "suspended")
        bodies = " ".join(self.employer.message_ids.mapped("body"))
        self.assertIn("Workers report unpaid overtime", bodies, "reason not in the chatter")
        self.assertIn("No longer safe", bodies, "standing-lost hook not called")
        with self.assertRaises(UserError):
            self.employer.with_user(self.liaison)._mrc_set_vetting_state("blacklisted", " ")

    def test_counsellor_cannot_vet(self):
        """Only liaison staff vet organisations."""
        self._prepare_for_vetting(self.employer)
        with self.assertRaises(AccessError):
            self.employer.with_user(self.counsellor).action_mrc_vet()

    def test_only_manager_takes_off_blacklist(self):
        """Liaison staff blacklist; only a manager brings an organisation back to draft."""
        self.employer.with_user(self.liaison)._mrc_set_vetting_state("blacklisted", "fraud")
        with self.assertRaises(AccessError):
            self.employer.with_user(self.liaison)._mrc_set_vetting_state("draft", "appeal")
        self.employer.with_user(self.manager)._mrc_set_vetting_state("draft", "appeal won")
        self.assertEqual(self.employer.mrc_vetting_state, "draft")
