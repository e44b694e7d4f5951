"""Each indicator against counts made by hand on the fixture of ``ReportingCase``."""

from datetime import date, timedelta

from odoo.tests import tagged

from ..lib.periods import age_band
from .common import ReportingCase, by_key, total


@tagged("post_install", "-at_install")
class TestIndicators(ReportingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.after = cls._compute(("sex", "type"))
        cls.icelanders = cls._compute(filters={"nationality_ids": [cls.iceland.id]})

    def assertDelta(self, code, expected, name=None):
        self.assertEqual(
            self.delta(code, self.after, name), expected, f"{code}: what the fixture added"
        )

    def test_migrants_served(self):
        """Ana, Beto and the erased Carla were served (each once); Nina, not a client, is not
        counted; Beto, served before the period too, is returning; two are women: 66.7 %."""
        self.assertDelta("migrants_served", 3)
        self.assertDelta("migrants_new", 2)
        self.assertDelta("migrants_returning", 1)
        self.assertDelta("migrants_women", 2)
        self.assertDelta("migrants_served", {"female": 2, "male": 1}, "sex")
        self.assertEqual(total(self.icelanders["migrants_served"]), 3)
        self.assertEqual(total(self.icelanders["migrants_women_share"]), round(200 / 3, 1))

    def test_intakes_and_services(self):
        """Beto's intake by phone with food assistance; four services to clients by type (not
        Nina's counselling)."""
        self.assertDelta("intakes", 1)
        self.assertDelta("assistance_given", {"food": 1}, "type")
        self.assertDelta("services_given", 4)
        self.assertDelta(
            "services_given", {"counselling": 1, "information": 2, "legal_aid": 1}, "type"
        )
        rows = self.Indicator._mrc_compute_one(
            "intakes",
            self.date_from,
            self.date_to,
            ("channel",),
            {"nationality_ids": [self.iceland.id]},
        )
        self.assertEqual(rows, [{"value": 1.0, "channel": "phone"}])

    def test_referrals_by_provider(self):
        """One referral made and completed, by the clinic."""
        self.assertDelta("referrals_made", {self.clinic.id: 1}, "type")
        self.assertDelta("referrals_completed", {self.clinic.id: 1}, "type")

    def test_vacancies(self):
        """Two vacancies entered; one withdrawn by the liaison, the flagged organisation's one
        withdrawn because it lost its standing."""
        self.assertDelta("vacancies_offered", 2)
        self.assertDelta("vacancies_withdrawn", {"manual": 1, "standing": 1}, "type")

    def test_matches_referrals_placements_followups(self):
        """Ana matched, referred, placed; two follow-ups answered, the 30-day one finds the wage
        broken (50 %), the 90-day one confirms she still works there."""
        self.assertDelta("matches", 1)
        self.assertDelta("job_referrals", 1)
        self.assertDelta("placements", 1)
        self.assertDelta("placements_90_days", 1)
        self.assertDelta("followups_done", 2)
        self.assertDelta("followups_failing", 1)
        self.assertEqual(total(self.icelanders["followups_failing_share"]), 50.0)

    def test_complaints_by_sex_and_category(self):
        """Ana's, Carla's (erased since) and an anonymous complaint count, the anonymous one
        as sex unknown; Nina's does not. Ana's is resolved and settled."""
        self.assertDelta("complaints_received", 3)
        self.assertDelta("complaints_received", {"female": 2, "unknown": 1}, "sex")
        self.assertDelta("complaints_received", {self.fees.id: 2, self.wages.id: 1}, "type")
        self.assertDelta("complaints_resolved", 1)
        self.assertDelta("complaints_settled", 1)

    def test_compensation_in_company_currency(self):
        """Amounts in another currency are converted at the rate of their own date (0.5), not
        today's (0.25): 200 claimed -> 400; 100 refunded -> 200."""
        self.assertDelta("compensation_claimed", 1500.0 + 200.0 / 0.5)
        self.assertDelta("compensation_claimed", {"female": 1500.0, "unknown": 400.0}, "sex")
        self.assertDelta("compensation_awarded", 800.0)
        self.assertDelta("compensation_paid", 600.0 + 100.0 / 0.5)
        self.assertDelta("compensation_confirmed", 800.0)
        self.assertTrue(self.ana_complaint.is_settled)

    def test_organisations(self):
        """Two employers vetted, one of them suspended since, the other flagged by Ana's
        substantiated complaint."""
        self.assertDelta("organisations_vetted", 1)
        self.assertDelta("organisations_suspended", 1)
        self.assertDelta("organisations_flagged", 1)
        self.assertTrue(self.org.sudo().mrc_is_flagged)

    def test_trainings_and_outreach(self):
        """Ana's attendance counts, Nina's does not; the outreach reached 8."""
        self.assertDelta("training_attendance", {"rights": 1}, "type")
        self.assertDelta("outreach_reach", 8)

    def test_erased_migrant_still_counts(self):
        """Carla, erased, is still served and still complained, without a birthdate."""
        self.assertTrue(self.carla.with_context(active_test=False).mrc_is_erased)
        rows = self.Indicator._mrc_compute_one(
            "migrants_served",
            self.date_from,
            self.date_to,
            ("age_band",),
            {"nationality_ids": [self.iceland.id]},
        )
        expected = {}
        for birthdate in (date(1990, 6, 15), date(2000, 1, 10), None):
            band = "unknown"
            if birthdate:
                end = self.date_to
                age = (
                    end.year
                    - birthdate.year
                    - ((end.month, end.day) < (birthdate.month, birthdate.day))
                )
                band = age_band(age)
            expected[band] = expected.get(band, 0) + 1
        self.assertEqual(by_key(rows, "age_band"), expected)

    def test_breakdowns_left_out_when_not_applicable(self):
        """Vacancies have no migrant: a sex breakdown is left out of their rows; periods are
        labelled YYYY-MM, YYYY-Qn and YYYY."""
        rows = self.Indicator._mrc_compute_one(
            "vacancies_offered", self.today, self.today, ("sex", "month", "quarter", "year")
        )
        quarter = (self.today.month - 1) // 3 + 1
        self.assertEqual(
            rows[0].keys() - {"value"}, {"month", "quarter", "year"}, "no sex key for vacancies"
        )
        self.assertEqual(rows[0]["month"], self.today.strftime("%Y-%m"))
        self.assertEqual(rows[0]["quarter"], f"{self.today.year}-Q{quarter}")
        self.assertEqual(rows[0]["year"], str(self.today.year))

    def test_first_service_date_follows_services(self):
        """The card keeps the date of its first service (what "returning" reads): it follows
        a service logged earlier, moved, and deleted."""
        first = self.date_from - timedelta(days=3)
        self.assertEqual(self.beto.mrc_first_service_date, first)
        Service = self.env["mrc.candidate.service"].with_user(self.counsellor)
        earlier = Service.create(
            {
                "candidate_id": self.beto.id,
                "service_type": "counselling",
                "date": self.date_from - timedelta(days=30),
            }
        )
        self.assertEqual(self.beto.mrc_first_service_date, self.date_from - timedelta(days=30))
        earlier.date = self.date_from - timedelta(days=1)
        self.assertEqual(self.beto.mrc_first_service_date, first)
        earlier.sudo().unlink()
        self.assertEqual(self.beto.mrc_first_service_date, first)
        self.assertEqual(self.ana.mrc_first_service_date, self.ana.mrc_service_ids[:1].date)
        self.assertFalse(self.nina.mrc_service_ids[1:], "Nina has one service")
