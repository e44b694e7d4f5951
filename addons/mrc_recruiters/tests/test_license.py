from datetime import timedelta

from psycopg2 import IntegrityError

from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import MrcRecruitersCase


@tagged("post_install", "-at_install")
class TestLicense(MrcRecruitersCase):
    def test_state_follows_dates(self):
        """A licence is valid, expiring within the warning days, expired, or revoked."""
        valid = self._license(self.agency, "V-1", days_left=200)
        expiring = self._license(self.agency, "E-1", days_left=10)
        expired = self._license(self.agency, "X-1", days_left=-1)
        revoked = self._license(self.agency, "R-1", days_left=200, is_revoked=True)
        self.assertEqual(
            [valid.state, expiring.state, expired.state, revoked.state],
            ["valid", "expiring", "expired", "revoked"],
            "licence states do not follow their dates",
        )

    def test_state_is_searchable(self):
        """Searching licences by state finds the same licences as their computed state."""
        expiring = self._license(self.agency, "E-2", days_left=5)
        valid = self._license(self.employer, "V-2", days_left=300)
        License = self.env["mrc.recruiter.license"]
        found = License.search([("state", "=", "expiring"), ("id", "in", (expiring | valid).ids)])
        self.assertEqual(found, expiring, "search on state='expiring' is wrong")
        found = License.search([("state", "in", ("valid", "expired"))])
        self.assertIn(valid, found, "search on state in (...) misses a valid licence")
        self.assertNotIn(expiring, found, "search on state in (...) finds an expiring licence")
        self.assertLessEqual(set(found.mapped("state")), {"valid", "expired"})
        Partner = self.env["res.partner"]
        self.assertIn(
            self.agency,
            Partner.search([("mrc_license_expiring", "=", True)]),
            "the organisation filter 'licence expiring' misses the agency",
        )

    def test_renewed_licence_is_not_expiring(self):
        """An organisation whose expiring licence is already renewed is not listed as having
        its licence expiring."""
        self._license(self.agency, "E-3", days_left=5)
        self._license(self.agency, "E-3-RENEWED", days_left=400)
        self.assertNotIn(
            self.agency, self.env["res.partner"].search([("mrc_license_expiring", "=", True)])
        )

    def test_duplicate_number_in_same_country_refused(self):
        """A licence number is unique within its issuing country (case and spaces ignored)."""
        self._license(self.agency, "DOFE-123")
        with self.assertRaisesRegex(ValidationError, "already registered"):
            self._license(self.employer, " dofe-123 ")

    def test_duplicate_number_on_rename_refused(self):
        """Renaming a licence to a number taken in its country is refused too."""
        self._license(self.agency, "DOFE-200")
        other = self._license(self.agency, "DOFE-201")
        with self.assertRaisesRegex(ValidationError, "already registered"):
            other.write({"name": "dofe-200"})

    def test_duplicate_number_refused_by_database(self):
        """The database refuses a duplicate number even when the ORM check is bypassed."""
        first = self._license(self.agency, "DOFE-300")
        second = self._license(self.agency, "DOFE-301")
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self.env.cr.execute(
                "UPDATE mrc_recruiter_license SET name = %s WHERE id = %s",
                (first.name, second.id),
            )

    def test_same_number_in_other_country_allowed(self):
        """Two countries may issue the same number."""
        self._license(self.agency, "SAME-1")
        other = self._license(self.agency, "SAME-1", country_id=self.env.ref("base.th").id)
        self.assertTrue(other.exists(), "same number in another country should be accepted")

    def test_end_before_start_refused(self):
        """A licence cannot end before it starts."""
        with self.assertRaises(ValidationError):
            self.env["mrc.recruiter.license"].create(
                {
                    "name": "BAD-1",
                    "partner_id": self.agency.id,
                    "authority": "Authority",
                    "country_id": self.env.ref("base.np").id,
                    "date_from": self.today,
                    "date_to": self.today - timedelta(days=1),
                }
            )

    def test_cron_suspends_agency_with_expired_licence(self):
        """The daily licence check suspends a vetted agency whose licence has expired and
        calls the standing-lost hook (which posts in its chatter)."""
        self._vet(self.agency)
        self.assertEqual(self.agency.mrc_vetting_state, "vetted")
        # The licence expired yesterday; written as superuser to skip the immediate check.
        self.env.cr.execute(
            "UPDATE mrc_recruiter_license SET date_to = %s WHERE partner_id = %s",
            (self.today - timedelta(days=1), self.agency.id),
        )
        self.env.invalidate_all()
        self.env["mrc.recruiter.license"]._mrc_cron_check_licenses()
        self.assertEqual(self.agency.mrc_vetting_state, "suspended", "agency not suspended")
        self.assertFalse(self.agency.mrc_is_safe, "a suspended agency must not be safe")
        self.assertTrue(
            any("No longer safe" in body for body in self.agency.message_ids.mapped("body")),
            "the standing-lost hook did not post in the chatter",
        )

    def test_cron_keeps_licensed_agency(self):
        """The licence check leaves alone an agency with a licence valid today."""
        self._vet(self.agency)
        self.env["mrc.recruiter.license"]._mrc_cron_check_licenses()
        self.assertEqual(self.agency.mrc_vetting_state, "vetted")

    def test_cron_warns_liaison_of_expiring_licence_once(self):
        """A licence about to expire gets one activity for the liaison officer, not one a day."""
        licence = self._license(self.agency, "SOON-1", days_left=7)
        License = self.env["mrc.recruiter.license"]
        License._mrc_cron_check_licenses()
        License._mrc_cron_check_licenses()
        activities = licence.activity_ids
        self.assertEqual(len(activities), 1, "expected exactly one activity")
        self.assertEqual(activities.user_id, self.liaison, "activity not for the liaison officer")

    def test_revoking_suspends_agency(self):
        """Revoking the only licence of a vetted agency suspends it at once."""
        self._vet(self.agency)
        self.agency.mrc_license_ids.with_user(self.liaison).action_revoke()
        self.assertEqual(self.agency.mrc_vetting_state, "suspended")

    def test_deleting_only_licence_suspends_agency(self):
        """Deleting the only licence of a vetted agency (a manager's right) suspends it."""
        self._vet(self.agency)
        self.agency.mrc_license_ids.with_user(self.manager).unlink()
        self.assertEqual(self.agency.mrc_vetting_state, "suspended")
