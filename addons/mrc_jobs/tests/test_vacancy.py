from datetime import timedelta

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import MrcJobsCase


@tagged("post_install", "-at_install")
class TestVacancyEligibility(MrcJobsCase):
    """Rule 1: a vacancy is offered only while its organisations are safe, it charges no fee,
    pays the minimum wage and is open."""

    def _codes(self, job):
        return {code for code, _message in job._mrc_compliance_problems()}

    def test_fair_open_vacancy_is_eligible(self):
        """A vacancy meeting every condition is eligible and lists no problem."""
        self.assertTrue(self.job.mrc_is_eligible, self.job.mrc_compliance_issues)
        self.assertFalse(self.job.mrc_compliance_issues, "an eligible vacancy lists no issue")

    def test_fee_charged_to_worker_makes_ineligible(self):
        """A recruitment fee charged to the worker breaks rule 1, in words."""
        job = self._make_vacancy("Welder", mrc_worker_fee_amount=1500.0)
        self.assertFalse(job.mrc_is_eligible, "a vacancy charging a fee must not be eligible")
        self.assertIn("fee", self._codes(job))
        self.assertIn("1,500.00", job.mrc_compliance_issues, "the issue states the fee")

    def test_wage_below_country_minimum_makes_ineligible(self):
        """A wage below the configured minimum of the country of work breaks rule 1."""
        self.env["mrc.minimum.wage"].create(
            {"country_id": self.us.id, "amount": 7.25, "currency_id": self.usd.id, "period": "hour"}
        )
        job = self._make_vacancy("Packer", mrc_wage_amount=6.5)
        self.assertFalse(job.mrc_is_eligible, "a wage under the minimum must not be eligible")
        self.assertIn("wage", self._codes(job))
        self.assertTrue(self.job.mrc_is_eligible, "16 an hour is above 7.25 an hour")

    def test_new_minimum_wage_recomputes_existing_vacancies(self):
        """Setting a country's minimum wage re-judges the vacancies already there."""
        self.assertTrue(self.job.mrc_is_eligible)
        self.env["mrc.minimum.wage"].create(
            {"country_id": self.us.id, "amount": 20.0, "currency_id": self.usd.id, "period": "hour"}
        )
        self.assertFalse(
            self.job.mrc_is_eligible, "16 an hour falls below a new 20-an-hour minimum"
        )

    def test_no_minimum_wage_configured_does_not_block(self):
        """Where no minimum wage is set, any stated wage passes the wage condition."""
        job = self._make_vacancy("Cook", mrc_country_id=self.mx.id, mrc_wage_amount=1.0)
        self.assertNotIn("wage", self._codes(job))

    def test_unvetted_employer_makes_ineligible(self):
        """An employer that is not vetted keeps its vacancies from migrants."""
        draft = self.env["res.partner"].create(
            {"name": "Unknown Farms", "is_company": True, "mrc_is_employer": True}
        )
        job = self._make_vacancy("Milker", mrc_employer_id=draft.id)
        self.assertFalse(job.mrc_is_eligible)
        self.assertIn("employer", self._codes(job))

    def test_flagged_agency_makes_ineligible(self):
        """A flagged recruitment agency makes the vacancy ineligible."""
        self.agency.sudo().write({"mrc_is_flagged": True})
        self.assertFalse(self.job.mrc_is_eligible, "a flagged agency must block the vacancy")
        self.assertIn("agency", self._codes(self.job))

    def test_suspended_employer_withdraws_vacancies(self):
        """Suspending an employer unpublishes its vacancies and says why (hook extended)."""
        self.employer.with_user(self.liaison)._mrc_set_vetting_state(
            "suspended", "licence revoked by the labour ministry"
        )
        self.assertFalse(self.job.mrc_is_published, "the vacancy must be withdrawn")
        self.assertFalse(self.job.mrc_is_eligible)
        bodies = " ".join(self.job.message_ids.mapped("body"))
        self.assertIn("licence revoked", bodies, "the withdrawal states the reason")

    def test_expired_deadline_closed_by_cron(self):
        """The scheduled action closes published vacancies past their deadline, only those."""
        expired = self._make_vacancy("Harvester", mrc_deadline=self.today - timedelta(days=1))
        self.env["hr.job"]._mrc_cron_close_expired()
        self.assertFalse(expired.mrc_is_published, "past its deadline, the vacancy is closed")
        self.assertFalse(expired.mrc_is_eligible)
        self.assertIn("deadline", self._codes(expired))
        self.assertTrue(self.job.mrc_is_published, "an open vacancy stays published")

    def test_deadline_passing_overnight_withdraws_at_once(self):
        """A deadline passes at midnight with no write the stored eligibility could see: the
        vacancy leaves the portal, matching, referrals and applications at once, before the
        daily closing action runs."""
        job = self._make_vacancy("Night picker", mrc_deadline=self.today)
        match = self._make_match(job=job)
        self.assertTrue(job.mrc_is_offered, "open until the end of its deadline day")
        self.assertEqual(self._ranked_vacancies(job), [job.id], "matching ranks it")
        # The night passes: the deadline is now yesterday, and nothing was written.
        self.env.cr.execute(
            "UPDATE hr_job SET mrc_deadline = %s WHERE id = %s",
            (self.today - timedelta(days=1), job.id),
        )
        job.invalidate_recordset()
        self.assertTrue(job.mrc_is_eligible, "stored eligibility is as of the last write")
        self.assertFalse(job.mrc_is_offered, "a passed deadline is seen without a write")
        Job = self.env["hr.job"]
        self.assertNotIn(job, Job.search([("mrc_is_offered", "=", True)]))
        self.assertIn(job, Job.search([("mrc_is_offered", "=", False)]))
        self.assertIn(job, Job.search([("mrc_is_offered", "!=", True)]))
        self.assertIn("deadline", self._codes(job), "the form says why")
        self.assertFalse(self._ranked_vacancies(job), "matching no longer ranks it")
        with self.assertRaisesRegex(UserError, "deadline"):
            match.with_user(self.counsellor).action_refer()
        with self.assertRaises(UserError):
            self.env["hr.applicant"].create({"candidate_id": self.migrant.id, "job_id": job.id})
        job.with_user(self.counsellor).action_mrc_find_candidates()
        self.assertFalse(match.exists(), "its suggestions are dropped")

    def _ranked_vacancies(self, job):
        """``job`` if the matching engine ranks it today ("Find candidates", the rematch)."""
        self.env.flush_all()
        index = self.env["mrc.match.index"].with_user(self.counsellor)
        return index._mrc_ids(index._mrc_eligible_job_ids([job.id]))

    def test_licence_lapsing_overnight_withdraws_at_once(self):
        """Rule 2 at midnight: when the agency's last licence lapses, its vacancies leave the
        portal, matching and referrals at once; the daily licence check then suspends it."""
        agency = self._make_organisation("Night Shift Staffing", agency=True)
        licence = agency.mrc_license_ids
        licence.date_to = self.today
        job = self._make_vacancy("Night packer", mrc_agency_id=agency.id)
        match = self._make_match(job=job)
        self.assertTrue(job.mrc_is_offered, "licensed until the end of today")
        # The night passes: the licence ended yesterday, and nothing was written.
        self.env.cr.execute(
            "UPDATE mrc_recruiter_license SET date_to = %s WHERE id = %s",
            (self.today - timedelta(days=1), licence.id),
        )
        self.env.invalidate_all()
        self.assertTrue(agency.mrc_is_safe, "the agency is suspended only by the daily check")
        self.assertTrue(job.mrc_is_eligible, "stored eligibility is as of the last write")
        self.assertFalse(job.mrc_is_offered, "a lapsed licence is seen without a write")
        self.assertNotIn(job, self.env["hr.job"].search([("mrc_is_offered", "=", True)]))
        self.assertIn(job, self.env["hr.job"].search([("mrc_is_offered", "=", False)]))
        self.assertIn("Night Shift Staffing holds no licence", job.mrc_compliance_issues)
        self.assertFalse(self._ranked_vacancies(job), "matching no longer ranks it")
        with self.assertRaisesRegex(UserError, "no licence valid today"):
            match.with_user(self.counsellor).action_refer()
        draft = self._make_vacancy("Day packer", mrc_agency_id=agency.id, mrc_is_published=False)
        with self.assertRaisesRegex(UserError, "no licence valid today"):
            draft.with_user(self.liaison).action_mrc_publish()
        self.env["mrc.recruiter.license"]._mrc_cron_check_licenses()
        self.assertEqual(agency.mrc_vetting_state, "suspended")
        self.assertFalse(job.mrc_is_eligible, "the suspension withdraws it for good")

    def test_no_positions_left_makes_ineligible(self):
        """A vacancy with no positions left is not offered."""
        job = self._make_vacancy("Driver", no_of_recruitment=0)
        self.assertFalse(job.mrc_is_eligible)
        self.assertIn("positions", self._codes(job))

    def test_unpublished_vacancy_is_ineligible(self):
        """A vacancy that is not published is not offered."""
        self.job.action_mrc_unpublish()
        self.assertFalse(self.job.mrc_is_eligible)
        self.assertIn("closed", self._codes(self.job))

    def test_publish_refuses_a_vacancy_charging_fees(self):
        """Publishing a vacancy that breaks rule 1 is refused with the reasons."""
        job = self._make_vacancy("Welder", mrc_worker_fee_amount=300.0, mrc_is_published=False)
        with self.assertRaises(UserError):
            job.with_user(self.liaison).action_mrc_publish()
        self.assertFalse(job.mrc_is_published, "nothing is published on refusal")

    def test_liaison_enters_vacancies_counsellor_cannot(self):
        """Liaison staff enter vacancies; counsellors only read them."""
        job = self.env["hr.job"].with_user(self.liaison).create({"name": "Welder"})
        self.assertTrue(job)
        with self.assertRaises(AccessError):
            self.env["hr.job"].with_user(self.counsellor).create({"name": "Welder 2"})
        with self.assertRaises(AccessError):
            self.job.with_user(self.counsellor).write({"mrc_worker_fee_amount": 0})

    def test_requirement_level_must_belong_to_skill_type(self):
        """A minimum level from another skill type is refused."""
        other = self.env["hr.skill.type"].create(
            {
                "name": "Languages (test)",
                "skill_level_ids": [(0, 0, {"name": "A1", "level_progress": 10})],
                "skill_ids": [(0, 0, {"name": "Thai"})],
            }
        )
        with self.assertRaises(ValidationError):
            self.env["mrc.job.skill"].create(
                {
                    "job_id": self.job.id,
                    "skill_type_id": self.skill_type.id,
                    "skill_id": self.welding.id,
                    "min_level_id": other.skill_level_ids.id,
                }
            )

    def test_stock_matching_button_runs_engine_only_on_mrc_vacancies(self):
        """The stock "Search Matching Candidates" stays stock on a company's own jobs."""
        own = self.env["hr.job"].create({"name": "Office clerk"})
        action = own.action_search_matching_candidates()
        self.assertEqual(action["res_model"], "hr.candidate", "stock behaviour on own jobs")
