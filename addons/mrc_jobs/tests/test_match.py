from psycopg2 import IntegrityError

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

    def test_explanation_escapes_markup(self):
        """Skill names typed by users are escaped, not rendered as HTML."""
        html = str(render_explanation(self.env, {"missing": ["<script>x</script>"]}))
        self.assertNotIn("<script>", html)
