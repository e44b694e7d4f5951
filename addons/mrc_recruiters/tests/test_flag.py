from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.mrc_recruiters.tests.queue_job_common import trap_jobs

from .common import MrcRecruitersCase


@tagged("post_install", "-at_install")
class TestFlag(MrcRecruitersCase):
    def _substantiate(self, count, severity="high", partner=None):
        for _i in range(count):
            self._resolve(self._complaint(partner=partner, severity=severity))

    def test_risk_crossing_threshold_flags(self):
        """Substantiated complaints push a vetted employer past the threshold: it is flagged,
        no longer safe, its reasons recorded, and liaison staff get an activity."""
        self._vet(self.employer)
        self._substantiate(2)
        self.assertFalse(self.employer.mrc_is_flagged, "two high complaints stay under 60")
        self._substantiate(1)
        self.assertGreaterEqual(self.employer.mrc_risk_score, 60.0)
        self.assertTrue(self.employer.mrc_is_flagged, "score past the threshold must flag")
        self.assertFalse(self.employer.mrc_is_safe)
        self.assertIn("substantiated", self.employer.mrc_flag_reason)
        self.assertIn(self.liaison, self.employer.activity_ids.user_id)

    def test_open_complaints_weigh_less(self):
        """The same complaints still open do not flag the organisation."""
        for _i in range(3):
            self._complaint(severity="high")
        self.assertFalse(self.employer.mrc_is_flagged)
        self.assertLess(self.employer.mrc_risk_score, 60.0)

    def test_threshold_is_configurable(self):
        """Lowering the threshold in the settings flags at a lower score."""
        self.env["res.config.settings"].create({"mrc_risk_threshold": 20}).execute()
        self._substantiate(1)
        self.assertTrue(self.employer.mrc_is_flagged)

    def test_non_manager_cannot_lift_flag(self):
        """Liaison staff and officers cannot lift a flag."""
        self._substantiate(3)
        for user in (self.liaison, self.officer):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.employer.with_user(user)._mrc_lift_flag("looks fine")
        self.assertTrue(self.employer.mrc_is_flagged)

    def test_non_manager_cannot_use_lift_wizard(self):
        """The lift wizard itself is manager-only."""
        with self.assertRaises(AccessError):
            self.env["mrc.flag.lift.wizard"].with_user(self.liaison).create(
                {"partner_ids": [(6, 0, self.employer.ids)], "reason": "x"}
            )

    def test_manager_lifts_flag_with_reason(self):
        """A manager lifts the flag with a reason recorded in the chatter; the flag stays
        lifted while the score does not rise."""
        self._vet(self.employer)
        self._substantiate(3)
        wizard = (
            self.env["mrc.flag.lift.wizard"]
            .with_user(self.manager)
            .create({"partner_ids": [(6, 0, self.employer.ids)], "reason": "Settlement audited"})
        )
        wizard.action_apply()
        self.assertFalse(self.employer.mrc_is_flagged)
        self.assertTrue(self.employer.mrc_is_safe, "vetted and unflagged again")
        self.assertIn("Settlement audited", " ".join(self.employer.message_ids.mapped("body")))
        with trap_jobs() as trap:
            self.env["mrc.risk.engine"]._mrc_cron_update_risk()
            trap.perform_enqueued_jobs()
        self.assertFalse(self.employer.mrc_is_flagged, "the daily update must not re-flag")
        self._substantiate(1)
        self.assertTrue(self.employer.mrc_is_flagged, "a new complaint re-flags")

    def test_lifting_needs_reason(self):
        """A flag is not lifted without a reason."""
        self._substantiate(3)
        with self.assertRaises(UserError):
            self.employer.with_user(self.manager)._mrc_lift_flag("")

    def test_flag_calls_standing_lost_hook(self):
        """Flagging calls _mrc_standing_lost (mrc_jobs withdraws vacancies there)."""
        self._vet(self.employer)
        self._substantiate(3)
        self.assertIn("No longer safe", " ".join(self.employer.message_ids.mapped("body")))

    def test_flag_without_liaison_officer_goes_to_a_liaison_user(self):
        """An organisation with no liaison officer: the flag activity goes to a liaison user."""
        self.employer.write({"mrc_liaison_user_id": False})
        self._substantiate(3)
        users = self.employer.activity_ids.user_id
        self.assertTrue(users, "no activity for the flag")
        self.assertTrue(
            users.has_group("mrc_recruiters.group_mrc_liaison"), "activity not for liaison staff"
        )

    def test_flag_chatter_and_activity_keep_reasons_confidential(self):
        """The chatter and the activity of a flag, which every internal user (counsellors too)
        may read, give neither the score nor the complaint counts."""
        self._substantiate(3)
        self.assertTrue(self.employer.mrc_is_flagged)
        bodies = " ".join(self.employer.message_ids.mapped("body"))
        self.assertIn("Flagged", bodies)
        self.assertNotIn("substantiated", bodies, "complaint counts leaked into the chatter")
        self.assertNotIn(f"{self.employer.mrc_risk_score:.1f}", bodies, "score leaked")
        self.assertFalse(
            any(
                "substantiated" in (note or "")
                for note in self.employer.activity_ids.mapped("note")
            ),
            "complaint counts leaked into the activity",
        )

    def test_settings_refuse_nonsense(self):
        """A threshold outside 0-100, a half-life of zero days or a negative warning is
        refused, and the stored parameter is left unchanged."""
        Settings = self.env["res.config.settings"]
        for vals in (
            {"mrc_risk_threshold": 150},
            {"mrc_risk_threshold": 0},
            {"mrc_risk_half_life_days": 0},
            {"mrc_license_warning_days": -1},
        ):
            with self.subTest(vals=vals), self.assertRaises(ValidationError):
                Settings.create(vals).execute()
        param = self.env["ir.config_parameter"].sudo().get_param("mrc_recruiters.risk_threshold")
        self.assertEqual(float(param), 60.0)
