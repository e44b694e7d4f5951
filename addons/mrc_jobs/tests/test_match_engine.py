from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import MrcJobsCase


@tagged("post_install", "-at_install")
class TestMatchEngine(MrcJobsCase):
    """mrc.match.engine (ranking through the ORM) and mrc.match.refresh (stored matches, the
    incremental rematch)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.engine = cls.env["mrc.match.engine"]
        cls.refresh = cls.env["mrc.match.refresh"]
        skills = cls.env["hr.skill"].create(
            [
                {"name": "Soldadura", "skill_type_id": cls.skill_type.id},
                {"name": "Weldng", "skill_type_id": cls.skill_type.id},
            ]
        )
        cls.soldadura, cls.weldng = skills
        cls.env["mrc.skill.alias"].create(
            {"skill_id": cls.welding.id, "name": "soldadura", "lang": "es"}
        )
        cls.welder_job = cls._make_vacancy(
            "Welder",
            mrc_skill_requirement_ids=[cls._welding_at_intermediate()],
        )
        cls.spanish = cls._make_migrant("Ana Soldadora", cls.soldadura, cls.level_expert)
        cls.typo = cls._make_migrant("Luis Typo", cls.weldng, cls.level_expert)
        cls.picker = cls._make_migrant("Eva Picker", cls.picking, cls.level_expert)

    @classmethod
    def _make_migrant(cls, name, skill, level):
        return cls.env["hr.candidate"].create(
            {
                "partner_name": name,
                "mrc_consent_share": True,
                "candidate_skill_ids": [
                    Command.create(
                        {
                            "skill_id": skill.id,
                            "skill_type_id": cls.skill_type.id,
                            "skill_level_id": level.id,
                        }
                    )
                ],
            }
        )

    def _find_candidates(self, job):
        """The counsellor's "Find candidates" on ``job``: its matches as the list shows them."""
        action = job.with_user(self.counsellor).action_mrc_find_candidates()
        return self.env["mrc.match"].search(action["domain"], order="score desc, id")

    def _find_jobs(self, migrant):
        """The counsellor's "Find jobs" on ``migrant``: its matches, best first."""
        action = migrant.with_user(self.counsellor).action_mrc_find_jobs()
        return self.env["mrc.match"].search(action["domain"], order="score desc, id")

    def _ranked_migrants(self, job):
        return self._find_candidates(job).candidate_id

    def test_rank_candidates_tolerates_spelling_and_language(self):
        """A Spanish skill name (an alias) and a misspelling both cover the required skill."""
        matches = self._find_candidates(self.welder_job)
        scores = {match.candidate_id: match.score for match in matches}
        self.assertGreater(scores[self.spanish], scores.get(self.picker, 0.0))
        self.assertGreater(scores[self.typo], scores.get(self.picker, 0.0))
        first = matches[0]
        self.assertEqual(first.candidate_id, self.spanish, "the exact alias must rank first")
        pair = first.explanation["matched"][0]
        self.assertEqual(
            (pair["required_skill_id"], pair["skill_id"]), (self.welding.id, self.soldadura.id)
        )
        self.assertEqual(pair["similarity"], 1.0, "an exact alias is fully similar")

    def test_ineligible_vacancy_is_never_matched(self):
        """Rule 1: a vacancy charging a fee is not ranked, offered or stored as a match."""
        self.welder_job.mrc_worker_fee_amount = 500.0
        self.assertFalse(self.welder_job.mrc_is_eligible, "the fee must make it ineligible")
        self.assertFalse(self._find_candidates(self.welder_job), "an ineligible vacancy ranked")
        offered = self._find_jobs(self.spanish).job_id
        self.assertNotIn(self.welder_job, offered, "an ineligible vacancy was offered")
        self.refresh._mrc_refresh_matches(jobs=self.welder_job)
        count = self.env["mrc.match"].search_count([("job_id", "=", self.welder_job.id)])
        self.assertEqual(count, 0, "no match may be stored for an ineligible vacancy")

    def test_missing_mandatory_skill_excludes(self):
        """A migrant without a mandatory skill is left out, whatever else they offer."""
        self.welder_job.mrc_skill_requirement_ids.is_mandatory = True
        ranked = self._ranked_migrants(self.welder_job)
        self.assertIn(self.spanish, ranked)
        self.assertNotIn(self.picker, ranked, "a migrant lacking the mandatory skill ranked")

    def test_mandatory_skill_below_level_excludes(self):
        """A mandatory skill held below the minimum level excludes the migrant."""
        requirement = self.welder_job.mrc_skill_requirement_ids
        requirement.write({"is_mandatory": True, "min_level_id": self.level_expert.id})
        self.typo.candidate_skill_ids.skill_level_id = self.level_beginner
        self.assertNotIn(self.typo, self._ranked_migrants(self.welder_job))

    def test_rank_jobs_puts_the_fitting_vacancy_first(self):
        """For a welder, the welding vacancy comes before an unrelated eligible one."""
        jobs = self._find_jobs(self.spanish).job_id
        self.assertEqual(jobs[0], self.welder_job)
        self.assertTrue(all(job.mrc_is_eligible for job in jobs), "only eligible vacancies")

    def test_refresh_stores_each_pair_once(self):
        """Refreshing twice updates the suggested matches instead of duplicating them."""
        self.refresh._mrc_refresh_matches(jobs=self.welder_job)
        domain = [("job_id", "=", self.welder_job.id)]
        first = self.env["mrc.match"].search(domain)
        self.assertIn(self.spanish, first.candidate_id)
        self.assertTrue(all(m.state == "suggested" for m in first))
        self.refresh._mrc_refresh_matches(jobs=self.welder_job)
        self.assertEqual(self.env["mrc.match"].search(domain), first, "matches were duplicated")
        match = first.filtered(lambda m: m.candidate_id == self.spanish)
        self.assertEqual(match.explanation["matched"][0]["skill_id"], self.soldadura.id)

    def test_refresh_keeps_counsellor_decisions(self):
        """A shortlisted match keeps its state when the engine rescores it."""
        self.refresh._mrc_refresh_matches(jobs=self.welder_job)
        match = self.env["mrc.match"].search(
            [("job_id", "=", self.welder_job.id), ("candidate_id", "=", self.spanish.id)]
        )
        match.action_shortlist()
        self.env.cr.execute("UPDATE mrc_match SET score = 1 WHERE id = %s", [match.id])
        match.invalidate_recordset()
        self.refresh._mrc_refresh_matches(jobs=self.welder_job)
        self.assertEqual(match.state, "shortlisted")
        self.assertGreater(match.score, 1, "the shortlisted match must be rescored")

    def test_refresh_withdraws_suggestions_of_ineligible_vacancy(self):
        """When a vacancy stops being eligible its suggested matches go."""
        self.refresh._mrc_refresh_matches(jobs=self.welder_job)
        self.welder_job.mrc_is_published = False
        self.refresh._mrc_refresh_matches()
        count = self.env["mrc.match"].search_count(
            [("job_id", "=", self.welder_job.id), ("state", "=", "suggested")]
        )
        self.assertEqual(count, 0, "suggestions of a withdrawn vacancy remain")

    def test_refresh_for_some_migrants_keeps_the_others(self):
        """Refreshing one migrant merges with the stored matches of the others."""
        self.refresh._mrc_refresh_matches(jobs=self.welder_job)
        before = self.env["mrc.match"].search([("job_id", "=", self.welder_job.id)])
        self.refresh._mrc_refresh_matches(candidates=self.picker)
        after = self.env["mrc.match"].search([("job_id", "=", self.welder_job.id)])
        self.assertEqual(before.candidate_id - self.picker, after.candidate_id - self.picker)

    def test_find_jobs_suggests_the_migrants_best_vacancies(self):
        """Refreshing one migrant suggests at most its best `keep` eligible vacancies."""
        self._make_vacancy("Second welder", mrc_skill_requirement_ids=[
            Command.create({"skill_id": self.welding.id, "skill_type_id": self.skill_type.id})
        ])  # fmt: skip
        self.env["ir.config_parameter"].set_param("mrc_jobs.match_keep", "1")
        self.refresh._mrc_refresh_matches(candidates=self.spanish)
        matches = self.env["mrc.match"].search([("candidate_id", "=", self.spanish.id)])
        self.assertEqual(len(matches), 1, "only the best vacancy may be suggested")
        self.assertEqual(matches.job_id, self.welder_job, "ties go to the older vacancy")

    def test_shared_data_and_direct_read_agree(self):
        """ "Find candidates" ranks from the shared matching data: the same migrants, scores
        and explanations as reading every migrant afresh."""
        self.env["ir.config_parameter"].set_param("mrc_jobs.match_min_score", "0")
        cached = self._find_candidates(self.welder_job)
        shown = [(m.candidate_id, m.score, m.explanation) for m in cached]
        self.assertIn(self.typo, cached.candidate_id)
        cached.unlink()
        everyone = self.env["hr.candidate"].search([])
        self.refresh._mrc_refresh_matches(jobs=self.welder_job, candidates=everyone)
        direct = self.env["mrc.match"].search(
            [("job_id", "=", self.welder_job.id)], order="score desc, id"
        )
        self.assertEqual(shown, [(m.candidate_id, m.score, m.explanation) for m in direct])

    def test_weights_come_from_settings(self):
        """The settings' weights reach the engine; invalid ones fall back to the defaults."""
        settings = self.env["res.config.settings"].create({"mrc_match_weight_country": 0.0})
        settings.execute()
        self.assertEqual(self.engine._mrc_weights().country, 0.0)
        self.env["ir.config_parameter"].set_param("mrc_jobs.match_threshold", "500")
        with mute_logger("odoo.addons.mrc_jobs.models.mrc_match_engine"):
            self.assertEqual(self.engine._mrc_weights().threshold, 82.0)

    def test_settings_refuse_negative_weights(self):
        """A negative weight is refused with a clear error."""
        with self.assertRaises(ValidationError):
            self.env["res.config.settings"].create({"mrc_match_weight_skills": -1.0})

    def test_counsellor_ranks_and_refreshes(self):
        """Counsellors run matching."""
        self.assertTrue(self._find_candidates(self.welder_job))
        self.assertTrue(self._find_jobs(self.spanish))
        self.refresh.with_user(self.counsellor)._mrc_refresh_matches(jobs=self.welder_job)

    def test_complaints_officer_cannot_rank(self):
        """A complaints officer does not work with matches: "Find jobs" is refused."""
        with self.assertRaises(AccessError):
            self.spanish.with_user(self.officer).action_mrc_find_jobs()

    def test_liaison_cannot_refresh_matches(self):
        """Liaison staff read matches but cannot have the engine write them."""
        with self.assertRaises(AccessError):
            self.refresh.with_user(self.liaison)._mrc_refresh_matches(jobs=self.welder_job)
