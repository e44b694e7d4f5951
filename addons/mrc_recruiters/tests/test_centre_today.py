from datetime import datetime, time, timedelta

from freezegun import freeze_time

from odoo.tests import tagged

from .common import MrcRecruitersCase


@tagged("post_install", "-at_install")
class TestLicenceCentreToday(MrcRecruitersCase):
    """Item 9: one licence-validity test, on the centre's today (``res.company._mrc_today``):
    the licence state, its search, ``_mrc_today_valid`` and the organisation's flag and search
    agree on a licence's last day, whatever the server's UTC date says."""

    def _valid_everywhere(self, licence):
        self.env.invalidate_all()
        partner = licence.partner_id
        Partner = self.env["res.partner"]
        return {
            "state": licence.state in ("valid", "expiring"),
            "state search": bool(
                licence.search([("state", "in", ("valid", "expiring")), ("id", "=", licence.id)])
            ),
            "valid today": bool(licence._mrc_today_valid()),
            "organisation flag": partner.mrc_has_valid_license,
            "organisation search": bool(
                Partner.search([("mrc_has_valid_license", "=", True), ("id", "=", partner.id)])
            ),
        }

    def test_last_day_follows_the_centre_time_zone(self):
        """A licence ending on day D: at D 12:30 UTC Auckland is on D+1 (expired for every
        reader); at D+1 03:00 UTC Mexico City is still on D (valid for every reader)."""
        licence = self._license(self.agency, "TZ-1", days_left=10)
        last_day = licence.date_to
        company_partner = self.env.company.partner_id
        company_partner.write({"tz": "Pacific/Auckland"})
        with freeze_time(datetime.combine(last_day, time(12, 30))):
            answers = self._valid_everywhere(licence)
            self.assertEqual(answers, dict.fromkeys(answers, False), "Auckland: already expired")
            self.assertEqual(licence.state, "expired")
        company_partner.write({"tz": "America/Mexico_City"})
        with freeze_time(datetime.combine(last_day + timedelta(days=1), time(3, 0))):
            answers = self._valid_everywhere(licence)
            self.assertEqual(answers, dict.fromkeys(answers, True), "Mexico City: last day")

    def test_vetted_agency_suspended_by_the_centre_day(self):
        """The daily licence check suspends a vetted agency once its licence has expired in
        the centre's time zone, not before."""
        licence = self._license(self.agency, "TZ-2", days_left=10)
        self._vet(self.agency)
        self.env.company.partner_id.write({"tz": "America/Mexico_City"})
        with freeze_time(datetime.combine(licence.date_to + timedelta(days=1), time(3, 0))):
            self.env.invalidate_all()
            self.env["mrc.recruiter.license"]._mrc_cron_check_licenses()
            self.assertEqual(self.agency.mrc_vetting_state, "vetted", "suspended on its last day")
        self.env.company.partner_id.write({"tz": "Pacific/Auckland"})
        with freeze_time(datetime.combine(licence.date_to, time(12, 30))):
            self.env.invalidate_all()
            self.env["mrc.recruiter.license"]._mrc_cron_check_licenses()
            self.assertEqual(self.agency.mrc_vetting_state, "suspended", "not suspended")
