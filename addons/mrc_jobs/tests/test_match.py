from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.mrc_jobs.models.mrc_match import render_explanation

from .common import MrcJobsCase


@tagged("post_install", "-at_install")
class TestMatch(MrcJobsCase):
    """mrc.match: one per migrant and vacancy, a small workflow, a readable explanation."""

    def test_one_match_per_migrant_and_vacancy(self):
        """The same pair cannot be matched twice."""
        self._make_match()
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"), self.cr.savepoint():
            self._make_match()

    def test_score_between_0_and_100(self):
        """A score outside 0-100 is refused."""
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"), self.cr.savepoint():
            self._make_match(score=140.0)

    def test_shortlist_then_dismiss(self):
        """Suggested matches are shortlisted or dismissed; a referred one is final."""
        match = self._make_match()
        match.with_user(self.counsellor).action_shortlist()
        self.assertEqual(match.state, "shortlisted")
        match.with_user(self.counsellor).action_dismiss()
        self.assertEqual(match.state, "dismissed")
        match.action_shortlist()
        match.action_refer()
        with self.assertRaises(UserError):
            match.action_dismiss()

    def test_liaison_reads_but_does_not_change_matches(self):
        """Liaison staff can see matches but not act on them."""
        match = self._make_match()
        self.assertEqual(match.with_user(self.liaison).score, 80.0)
        with self.assertRaises(AccessError):
            match.with_user(self.liaison).write({"state": "shortlisted"})

    def test_explanation_rendered_readably(self):
        """The explanation shows matched pairs with similarity, missing skills and exclusions."""
        match = self._make_match(
            explanation={
                "matched": [{"required": "Welding", "candidate": "Soldadura", "similarity": 0.93}],
                "missing": ["Forklift licence"],
                "excluded": ["Spanish required"],
                "components": {"skills": 70.0},
            }
        )
        html = str(match.explanation_html)
        for text in ("Welding", "Soldadura", "93%", "Forklift licence", "Spanish required"):
            self.assertIn(text, html, f"{text} must appear in the explanation")

    def test_unknown_explanation_keys_still_shown(self):
        """Keys the renderer does not know are listed rather than hidden."""
        html = str(render_explanation(self.env, {"country_bonus": 5}))
        self.assertIn("country bonus", html)
        self.assertEqual(str(render_explanation(self.env, None)), "")

    def test_empty_sections_not_listed(self):
        """Empty known sections (nothing missing, nothing excluded) print nothing."""
        html = str(render_explanation(self.env, {"missing": [], "excluded": [], "score": 80}))
        self.assertNotIn("missing", html)
        self.assertNotIn("[]", html)

    def test_explanation_escapes_markup(self):
        """Skill names typed by users are escaped, not rendered as HTML."""
        html = str(render_explanation(self.env, {"missing": ["<script>x</script>"]}))
        self.assertNotIn("<script>", html)


@tagged("post_install", "-at_install")
class TestFindButtons(MrcJobsCase):
    """ "Find jobs" and "Find candidates" run the engine and open the ranked matches; an
    ineligible vacancy is never matched (rule 1)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["hr.candidate.skill"].create(
            {
                "candidate_id": cls.migrant.id,
                "skill_id": cls.picking.id,
                "skill_type_id": cls.skill_type.id,
                "skill_level_id": cls.level_expert.id,
            }
        )
        requirement = {
            "skill_id": cls.picking.id,
            "skill_type_id": cls.skill_type.id,
            "min_level_id": cls.level_beginner.id,
            "is_mandatory": True,
        }
        cls.job.write({"mrc_skill_requirement_ids": [Command.create(requirement)]})
        cls.unfair_job = cls._make_vacancy(
            "Fruit picker (fee)",
            mrc_worker_fee_amount=900.0,
            mrc_skill_requirement_ids=[Command.create(requirement)],
        )

    def test_find_jobs_opens_ranked_matches_of_the_migrant(self):
        """Find jobs returns the match list of this migrant, best score first."""
        action = self.migrant.with_user(self.counsellor).action_mrc_find_jobs()
        self.assertEqual(action["res_model"], "mrc.match")
        self.assertEqual(action["domain"], [("candidate_id", "in", self.migrant.ids)])
        matches = self.env["mrc.match"].search(action["domain"])
        self.assertIn(self.job, matches.job_id, "the fitting eligible vacancy is suggested")
        self.assertEqual(matches.mapped("score"), sorted(matches.mapped("score"), reverse=True))

    def test_ineligible_vacancy_never_matched(self):
        """A vacancy charging a fee is not matched, however well the migrant fits."""
        self.migrant.with_user(self.counsellor).action_mrc_find_jobs()
        self.unfair_job.with_user(self.counsellor).action_mrc_find_candidates()
        self.assertFalse(
            self.env["mrc.match"].search_count([("job_id", "=", self.unfair_job.id)]),
            "an ineligible vacancy must have no match",
        )

    def test_find_candidates_opens_matches_of_the_vacancy(self):
        """Find candidates (and the stock button on MRC vacancies) list the vacancy's matches."""
        action = self.job.with_user(self.counsellor).action_search_matching_candidates()
        self.assertEqual(action["res_model"], "mrc.match", "the engine replaces the stock search")
        matches = self.env["mrc.match"].search(action["domain"])
        self.assertIn(self.migrant, matches.candidate_id)
        self.assertTrue(matches.filtered(lambda m: m.candidate_id == self.migrant).explanation)

    def test_mandatory_skill_missing_excludes(self):
        """A migrant without a mandatory skill is not matched to the vacancy (rule 5)."""
        welder_job = self._make_vacancy(
            "Welder",
            mrc_skill_requirement_ids=[
                Command.create(
                    {
                        "skill_id": self.welding.id,
                        "skill_type_id": self.skill_type.id,
                        "is_mandatory": True,
                    }
                )
            ],
        )
        self.migrant.with_user(self.counsellor).action_mrc_find_jobs()
        self.assertFalse(
            self.env["mrc.match"].search_count(
                [("job_id", "=", welder_job.id), ("candidate_id", "=", self.migrant.id)]
            ),
            "a fruit picker without welding must not be matched to a welder's job",
        )
