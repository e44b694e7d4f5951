"""What the demo shows a manager: every indicator of the set has demo data over the last twelve
months (issue 14: "the demo's dashboard shows every indicator with demo data"), and the
outcome story of María says what her case's records say. Runs on a database installed with
demo data (skipped without)."""

from datetime import timedelta

from odoo.tests import TransactionCase, tagged

from ..models.indicator_specs import SPECS
from .common import total


@tagged("post_install", "-at_install")
class TestDemoData(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = cls.env.company._mrc_today()

    def setUp(self):
        super().setUp()
        self.story = self.env.ref("mrc_reporting.demo_story_maria_wages", raise_if_not_found=False)
        if not self.story:
            self.skipTest("database installed without demo data")

    def test_every_indicator_has_demo_data(self):
        manager = self.env.ref("mrc_recruiters.user_manager")
        indicators = self.env["mrc.indicator"].with_user(manager)
        # every centre, and the manager's centre (the donor report's default)
        for filters in ({}, {"company_id": manager.company_id.id}):
            results = indicators._mrc_compute(
                self.today - timedelta(days=365), self.today, (), filters
            )
            self.assertEqual(set(results), set(indicators.search([]).mapped("code")))
            empty = sorted(
                code
                for code, rows in results.items()
                if not SPECS[code].get("derived") and not total(rows)
            )
            self.assertEqual(empty, [], f"indicators without demo data in 12 months, {filters}")

    def test_marias_story_says_what_her_records_say(self):
        story = self.story
        maria = self.env.ref("mrc_jobs.candidate_maria")
        self.assertEqual(story.candidate_id, maria)
        # The wages recovered and the passport returned: the broker's complaint, settled.
        complaint = story.sudo().complaint_id
        self.assertEqual(complaint, self.env.ref("mrc_recruiters.complaint_maria_broker"))
        self.assertTrue(complaint.is_settled)
        confirmed = complaint.remedy_ids.filtered("is_confirmed")
        self.assertEqual(set(confirmed.mapped("kind")), {"wages", "documents"})
        self.assertIn(f"US${complaint.compensation_confirmed:,.0f}", story.what_changed)
        self.assertIn("wages", story.what_changed)
        self.assertIn("passport", story.what_changed)
        self.assertEqual(story.referral_id.candidate_id, maria)
        self.assertEqual(story.referral_id.state, "done")
        # What it says of her follow-ups is what they found: the 30-day one the substituted
        # contract, not the wage; the 90-day one is not due yet and is not answered.
        followups = self.env["mrc.placement.followup"].search([("candidate_id", "=", maria.id)])
        by_days = {f.days: f for f in followups}
        self.assertEqual(by_days[30].state, "answered")
        self.assertEqual(by_days[30].broken_codes, "contract,recommend")
        self.assertIn("30-day follow-up found her contract substituted", story.contribution)
        text = f"{story.what_changed} {story.contribution}".lower()
        for promise in ("wage", "documents", "fees", "hours", "housing"):
            self.assertNotIn(promise, by_days[30].broken_codes.split(","))
            self.assertNotIn(f"{promise} broken", text)
            self.assertNotIn(f"found the {promise}", text)
        self.assertEqual(by_days[90].state, "planned")
        self.assertGreater(by_days[90].date_due, self.today)
        self.assertNotIn("90-day", text)
