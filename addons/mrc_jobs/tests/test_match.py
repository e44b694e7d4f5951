import json

from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

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


@tagged("post_install", "-at_install")
class TestMatchExplanation(MrcJobsCase):
    """A match's explanation is stored as data by the engine (ids, codes and numbers) and put
    into words when read, in the reader's language, for the back office and the portal."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.english = cls.env.ref("mrc_skills.lang_en")
        cls.migrant.write(
            {
                "mrc_preferred_country_ids": [Command.set(cls.us.ids)],
                "candidate_skill_ids": [
                    Command.create(
                        {
                            "skill_id": cls.welding.id,
                            "skill_type_id": cls.skill_type.id,
                            "skill_level_id": cls.level_beginner.id,
                        }
                    )
                ],
            }
        )
        cls.welder_job = cls._make_vacancy(
            "Welder",
            mrc_language_ids=[Command.set(cls.lang_es.ids)],
            mrc_skill_requirement_ids=[
                Command.create(
                    {
                        "skill_id": skill.id,
                        "skill_type_id": cls.skill_type.id,
                        "min_level_id": cls.level_intermediate.id,
                    }
                )
                for skill in (cls.welding, cls.picking)
            ],
        )

    def _engine_match(self, job=None):
        """The migrant's match with ``job`` as the "Find candidates" button stores it."""
        job = job or self.welder_job
        self.env["mrc.match.refresh"]._mrc_refresh_matches(candidates=self.migrant, jobs=job)
        match = self.env["mrc.match"].search(
            [("candidate_id", "=", self.migrant.id), ("job_id", "=", job.id)]
        )
        self.assertTrue(match, "the engine should have matched the migrant and the vacancy")
        return match

    def test_stored_explanation_is_data_only(self):
        """The stored explanation holds ids, codes and numbers, never a word of the interface,
        a name or a percentage as text."""
        match = self._engine_match()
        data = match.explanation
        self.assertEqual(data["matched"][0]["required_skill_id"], self.welding.id)
        self.assertEqual(data["missing_skill_ids"], [self.picking.id])
        self.assertEqual(data["languages"], [{"language_id": self.lang_es.id, "value": 1.0}])
        self.assertEqual(data["country"], {"country_id": self.us.id, "value": 1.0})
        strings = []

        def walk(value):
            if isinstance(value, dict):
                for item in value.values():
                    walk(item)
            elif isinstance(value, list):
                for item in value:
                    walk(item)
            elif isinstance(value, str):
                strings.append(value)
            else:
                self.assertIsInstance(value, bool | int | float | type(None), repr(value))

        walk(data)
        codes = {"mandatory_skill", "mandatory_level", "language", "certification"}
        for text in strings:
            self.assertTrue(text in codes or text.isdigit() or not text, f"a word: {text!r}")
        stored = json.dumps(data)
        for word in ("Welding", "Fruit picking", "Spanish", "level reached", "%"):
            self.assertNotIn(word, stored, f"{word!r} must not be stored in the explanation")

    def test_back_office_names_what_matched_and_what_is_missing(self):
        """The back-office explanation names the skills from their ids, with the similarity,
        the level note, the missing skill and the score's parts."""
        html = str(self._engine_match().explanation_html)
        for text in (
            "Matched skills",
            "Welding",
            "100%",
            "level 25% below the 50% required",
            "Missing",
            "Fruit picking",
            "Spanish 100%",
            "United States",
        ):
            self.assertIn(text, html, f"{text!r} must appear in the explanation")

    def test_back_office_explanation_speaks_the_readers_language(self):
        """The same stored data reads in Spanish for a Spanish-speaking reader (interface words
        and skill names) and in English for another, whoever ran the matching."""
        self.env["res.lang"]._activate_lang("es_ES")
        self.env["ir.module.module"].search([("name", "=", "mrc_jobs")])._update_translations(
            ["es_ES"]
        )
        self.welding.with_context(lang="es_ES").name = "Soldadura"
        reader_es = new_test_user(
            self.env,
            login="mrc_j1_reader_es",
            groups="base.group_user,mrc_recruiters.group_mrc_counsellor",
            lang="es_ES",
        )
        match = self._engine_match().with_user(self.counsellor)
        stored = dict(match.explanation)
        spanish = str(match.with_user(reader_es).with_context(lang=reader_es.lang).explanation_html)
        english = str(match.with_context(lang="en_US").explanation_html)
        for text in ("Habilidades coincidentes", "Soldadura", "Falta", "Puntuación"):
            self.assertIn(text, spanish, f"{text!r} expected for the Spanish reader")
        self.assertNotIn("Matched skills", spanish, "English words in the Spanish explanation")
        for text in ("Matched skills", "Welding", "Missing", "Score"):
            self.assertIn(text, english, f"{text!r} expected for the English reader")
        self.assertNotIn("Soldadura", english, "the Spanish name shown to an English reader")
        self.assertEqual(match.explanation, stored, "reading must not change the stored data")

    def test_exclusions_are_named(self):
        """A shortlisted match the engine now excludes says why: the mandatory skill missing
        and the required language not spoken, named from their ids."""
        match = self._engine_match()
        match.with_user(self.counsellor).action_shortlist()
        self.welder_job.write({"mrc_language_ids": [Command.link(self.english.id)]})
        self.welder_job.mrc_skill_requirement_ids.filtered(
            lambda r: r.skill_id == self.picking
        ).is_mandatory = True
        self.env["mrc.match.refresh"]._mrc_refresh_matches(candidates=self.migrant)
        self.assertEqual(match.state, "shortlisted", "a shortlisted match is kept and rescored")
        excluded = match.explanation["excluded"]
        self.assertIn({"code": "mandatory_skill", "skill_id": self.picking.id}, excluded)
        self.assertIn({"code": "language", "language_id": self.english.id}, excluded)
        html = str(match.explanation_html)
        self.assertIn("Mandatory skill missing: Fruit picking", html)
        self.assertIn("Required language not spoken: English", html)

    def test_names_are_escaped(self):
        """Skill names typed by users are escaped in the explanation, never rendered as HTML."""
        self.picking.name = "<script>alert(1)</script>"
        html = str(self._engine_match().explanation_html)
        self.assertNotIn("<script>", html, "a skill name reached the page as markup")
        self.assertIn("&lt;script&gt;", html, "the skill name is shown as text")

    def test_portal_reasons_come_from_the_same_data(self):
        """The portal's reasons are sentences built from the same stored data."""
        reasons = self._engine_match()._mrc_portal_reasons()
        self.assertIn("You have the skill Welding that the job asks for.", reasons[0])
        self.assertIn("Your level is lower than the one asked.", reasons[0])
        self.assertIn("It is in a country where you want to work.", reasons)
        self.assertIn("You speak the languages the job needs.", reasons)
        self.assertIn("The job also asks for Fruit picking.", reasons)
