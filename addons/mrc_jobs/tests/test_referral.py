from datetime import timedelta

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import MrcJobsCase


@tagged("post_install", "-at_install")
class TestReferral(MrcJobsCase):
    """Referrals: an application in the vacancy's referral pipeline, refused when the vacancy is
    not eligible (rule 1) or the migrant has not consented to sharing (rule 6)."""

    def _stage(self, kind):
        return self.env.ref(f"mrc_jobs.stage_{kind}")

    def test_refer_creates_application_in_referred_stage(self):
        """Referring a match creates one application at the "Referred" step."""
        match = self._make_match()
        match.with_user(self.counsellor).action_refer()
        applicant = match.applicant_id
        self.assertEqual(match.state, "referred")
        self.assertEqual(applicant.candidate_id, self.migrant)
        self.assertEqual(applicant.job_id, self.job)
        self.assertEqual(applicant.stage_id, self._stage("referred"), "first step: referred")
        self.assertEqual(applicant.mrc_referred_by_id, self.counsellor)

    def test_refer_refused_without_consent(self):
        """Without consent to sharing, the referral is refused and nothing is created."""
        self.migrant.mrc_consent_share = False
        match = self._make_match()
        with self.assertRaises(UserError) as caught:
            match.with_user(self.counsellor).action_refer()
        self.assertIn("consent", str(caught.exception))
        self.assertFalse(match.applicant_id)
        self.assertEqual(self.env["hr.applicant"].search_count([("job_id", "=", self.job.id)]), 0)

    def test_refer_refused_when_vacancy_no_longer_eligible(self):
        """A vacancy that lost eligibility after matching cannot receive referrals."""
        match = self._make_match()
        self.employer.sudo().write({"mrc_is_flagged": True})
        with self.assertRaises(UserError) as caught:
            match.with_user(self.counsellor).action_refer()
        self.assertIn("not cleared", str(caught.exception), "the reason is given")
        self.assertNotIn("flagged", str(caught.exception), "the flag is not a counsellor's field")
        self.assertEqual(match.state, "suggested")

    def test_batch_refer_all_or_nothing(self):
        """When one migrant of a batch has not consented, no one is referred."""
        other = self.env["hr.candidate"].create({"partner_name": "Ana Ruiz"})
        matches = self._make_match() | self._make_match(candidate=other)
        with self.assertRaises(UserError):
            matches.with_user(self.counsellor).action_refer()
        self.assertEqual(set(matches.mapped("state")), {"suggested"})
        self.assertEqual(self.env["hr.applicant"].search_count([("job_id", "=", self.job.id)]), 0)

    def test_direct_application_on_ineligible_vacancy_refused(self):
        """An application created by hand on an ineligible MRC vacancy is refused."""
        job = self._make_vacancy("Welder", mrc_worker_fee_amount=100.0)
        with self.assertRaises(UserError):
            self.env["hr.applicant"].create({"candidate_id": self.migrant.id, "job_id": job.id})

    def test_dismissed_match_cannot_be_referred(self):
        """A dismissed match must be shortlisted again before a referral."""
        match = self._make_match()
        match.action_dismiss()
        with self.assertRaises(UserError):
            match.action_refer()

    def test_hired_records_placement_and_plans_followups(self):
        """Hired: placement date today, follow-up activities at 30 and 90 days."""
        match = self._make_match()
        match.with_user(self.counsellor).action_refer()
        applicant = match.applicant_id
        applicant.with_user(self.counsellor).write({"stage_id": self._stage("hired").id})
        self.assertEqual(applicant.mrc_placement_date, self.today)
        self.assertTrue(applicant.mrc_is_placed)
        deadlines = sorted(applicant.activity_ids.mapped("date_deadline"))
        self.assertEqual(
            deadlines,
            [self.today + timedelta(days=30), self.today + timedelta(days=90)],
            "two follow-ups, at 30 and 90 days",
        )
        self.assertEqual(set(applicant.activity_ids.mapped("user_id")), {self.counsellor})

    def test_not_selected_records_no_placement(self):
        """Moving to "Not selected" plans nothing and records no placement."""
        match = self._make_match()
        match.action_refer()
        match.applicant_id.write({"stage_id": self._stage("not_selected").id})
        self.assertFalse(match.applicant_id.mrc_placement_date)
        self.assertFalse(match.applicant_id.activity_ids)

    def test_referral_pipeline_shows_mrc_stages_only(self):
        """The kanban of an MRC vacancy shows the referral steps, not the stock stages."""
        Applicant = self.env["hr.applicant"].with_context(default_job_id=self.job.id)
        stages = Applicant._read_group_stage_ids(self.env["hr.recruitment.stage"], [])
        self.assertEqual(
            set(stages.mapped("mrc_stage_type")),
            {"referred", "interview", "offer", "hired", "not_selected"},
        )
        own = self.env["hr.job"].create({"name": "Office clerk"})
        Applicant = self.env["hr.applicant"].with_context(default_job_id=own.id)
        stages = Applicant._read_group_stage_ids(self.env["hr.recruitment.stage"], [])
        self.assertFalse(any(stages.mapped("mrc_stage_type")), "own jobs keep stock stages")
