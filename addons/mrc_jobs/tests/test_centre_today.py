from datetime import datetime, time, timedelta

from freezegun import freeze_time

from odoo.tests import tagged

from .common import MrcJobsCase


@tagged("post_install", "-at_install")
class TestCentreToday(MrcJobsCase):
    """Item 9: "today" is the centre's date (the time zone of the company's partner), for
    licences and deadlines alike; the licence state, the organisation search, the vacancy's
    "offered" flag and its search, the deadline problem and the daily closing agree on it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.last_day = cls.today + timedelta(days=10)
        cls.short_agency = cls.env["res.partner"].create(
            {
                "name": "Short Licence Recruiting",
                "is_company": True,
                "mrc_is_agency": True,
                "country_id": cls.us.id,
            }
        )
        cls.short_licence = cls._make_licence(cls.short_agency, days_left=10)
        cls.short_agency.sudo().write({"mrc_vetting_state": "vetted"})
        # Both vacancies are offered when created (before the frozen days below).
        cls.licence_job = cls._make_vacancy(
            "Picker (short licence)",
            mrc_agency_id=cls.short_agency.id,
            mrc_deadline=cls.today + timedelta(days=60),
        )
        cls.deadline_job = cls._make_vacancy("Packer (deadline)", mrc_deadline=cls.last_day)

    def _judgements(self):
        """Every reader's answer to "is the last day still today?", after dropping caches."""
        self.env.invalidate_all()
        Job = self.env["hr.job"]
        jobs = self.licence_job | self.deadline_job
        offered_found = Job.search([("mrc_is_offered", "=", True), ("id", "in", jobs.ids)])
        not_offered_found = Job.search([("mrc_is_offered", "=", False), ("id", "in", jobs.ids)])
        partner_found = self.env["res.partner"].search(
            [("mrc_has_valid_license", "=", True), ("id", "=", self.short_agency.id)]
        )
        licence_found = self.env["mrc.recruiter.license"].search(
            [("state", "in", ("valid", "expiring")), ("id", "=", self.short_licence.id)]
        )
        deadline_codes = {code for code, _words in self.deadline_job._mrc_open_problems()}
        return {
            "licence state": self.short_licence.state in ("valid", "expiring"),
            "licence state search": bool(licence_found),
            "licence valid today": bool(self.short_licence._mrc_today_valid()),
            "organisation flag": self.short_agency.mrc_has_valid_license,
            "organisation search": bool(partner_found),
            "licence vacancy offered": self.licence_job.mrc_is_offered,
            "licence vacancy search": self.licence_job in offered_found,
            "licence vacancy search (no)": self.licence_job not in not_offered_found,
            "deadline vacancy offered": self.deadline_job.mrc_is_offered,
            "deadline vacancy search": self.deadline_job in offered_found,
            "deadline vacancy search (no)": self.deadline_job not in not_offered_found,
            "deadline not a problem": "deadline" not in deadline_codes,
        }

    def _set_centre_zone(self, zone):
        self.env.company.partner_id.write({"tz": zone})

    def test_last_day_over_in_centre_ahead_of_utc(self):
        """In Auckland, when UTC is still on the last day the centre is already on the next:
        the licence has expired and the deadline has passed, for every reader."""
        self._set_centre_zone("Pacific/Auckland")
        with freeze_time(datetime.combine(self.last_day, time(12, 30))):
            self.assertEqual(self.env.company._mrc_today(), self.last_day + timedelta(days=1))
            judgements = self._judgements()
            self.assertEqual(
                judgements,
                dict.fromkeys(judgements, False),
                "every reader must judge the last day over in the centre's time zone",
            )
            self.env["hr.job"]._mrc_cron_close_expired()
            self.assertFalse(self.deadline_job.mrc_is_published, "the daily closing skipped it")
            self.assertTrue(self.licence_job.mrc_is_published, "its deadline is still ahead")

    def test_last_day_still_today_in_centre_behind_utc(self):
        """In Mexico City, when UTC is already on the next day the centre is still on the last
        day: the licence is valid and the vacancy open, for every reader."""
        self._set_centre_zone("America/Mexico_City")
        with freeze_time(datetime.combine(self.last_day + timedelta(days=1), time(3, 0))):
            self.assertEqual(self.env.company._mrc_today(), self.last_day)
            judgements = self._judgements()
            self.assertEqual(
                judgements,
                dict.fromkeys(judgements, True),
                "every reader must judge the last day still today in the centre's time zone",
            )
            self.env["hr.job"]._mrc_cron_close_expired()
            self.assertTrue(self.deadline_job.mrc_is_published, "closed on its last day")

    def test_today_falls_back_to_user_then_utc(self):
        """Without a centre time zone, today is the user's; without either, UTC's."""
        self.env.company.partner_id.write({"tz": False})
        user = self.env.user
        with freeze_time(datetime.combine(self.last_day, time(12, 30))):
            user.partner_id.write({"tz": "Pacific/Auckland"})
            self.assertEqual(self.env.company._mrc_today(), self.last_day + timedelta(days=1))
            user.partner_id.write({"tz": False})
            self.assertEqual(self.env.company._mrc_today(), self.last_day)
