"""Outcome stories: counsellors see their clients' stories, managers all; a story without
consent to quote never reaches a report."""

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user, tagged

from odoo.addons.mrc_jobs.tests.common import MrcJobsCase


@tagged("post_install", "-at_install")
class TestOutcomeStory(MrcJobsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_counsellor = new_test_user(
            cls.env,
            login="m1_other_counsellor",
            groups="base.group_user,mrc_recruiters.group_mrc_counsellor",
        )
        cls.migrant.user_id = cls.counsellor
        cls.period = (
            cls.env["mrc.report.period"]
            .with_user(cls.manager)
            .create({"name": "Year", "date_from": "2026-01-01", "date_to": "2026-12-31"})
        )

    def _story(self, **vals):
        return (
            self.env["mrc.outcome.story"]
            .with_user(self.counsellor)
            .create(
                {
                    "name": "Wages recovered",
                    "candidate_id": self.migrant.id,
                    "for_whom": "Juan and his family",
                    "what_changed": "Juan was paid three months of withheld wages.",
                    "contribution": "The centre mediated with the employer.",
                    **vals,
                }
            )
        )

    def test_counsellor_sees_her_clients_stories_only(self):
        """Another counsellor cannot read the story; a manager can."""
        story = self._story()
        with self.assertRaises(AccessError):
            story.with_user(self.other_counsellor).read(["what_changed"])
        self.assertEqual(story.with_user(self.manager).for_whom, "Juan and his family")

    def test_story_belongs_to_someone(self):
        """A story without a migrant, complaint or referral is refused."""
        with self.assertRaises(ValidationError):
            self._story(candidate_id=False)

    def test_no_consent_never_in_a_report(self):
        """Selecting a story without consent for a period is refused; withdrawing consent
        takes a selected story out of the period."""
        story = self._story()
        with self.assertRaises(ValidationError):
            self.period.with_user(self.manager).write({"story_ids": [(4, story.id)]})
        story.write({"consent_to_quote": True, "consent_date": self.today})
        self.period.with_user(self.manager).write({"story_ids": [(4, story.id)]})
        self.assertEqual(self.period._mrc_quotable_stories(), story)
        story.write({"consent_to_quote": False})
        self.assertFalse(self.period.story_ids, "consent withdrawn: out of the report")
