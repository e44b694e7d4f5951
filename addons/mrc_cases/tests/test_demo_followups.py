"""The demo's placements and follow-ups tell a story that holds together in time: each
follow-up falls due its number of days after the placement, none is answered before it is due
or after today, every placement of the demo has its 30- and 90-day follow-ups, and the
counsellor's to-dos wait on the days the planned follow-ups fall due. Runs on a database
installed with demo data (skipped without)."""

from dateutil.relativedelta import relativedelta

from odoo.tests import TransactionCase, tagged

from odoo.addons.mrc_jobs.models.hr_applicant import FOLLOWUP_DAYS


@tagged("post_install", "-at_install")
class TestDemoFollowups(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = cls.env.company._mrc_today()

    def setUp(self):
        super().setUp()
        if not self.env.ref("mrc_cases.followup_maria_30", raise_if_not_found=False):
            self.skipTest("database installed without demo data")

    def _demo(self, model):
        data = self.env["ir.model.data"].search([("model", "=", model)])
        return self.env[model].browse(data.mapped("res_id")).exists()

    def test_followups_fall_due_after_the_placement_and_are_answered_after(self):
        followups = self._demo("mrc.placement.followup")
        for followup in followups:
            placed = followup.applicant_id.mrc_placement_date
            self.assertTrue(placed, f"{followup.name}: a follow-up of a placement")
            self.assertEqual(
                followup.date_due, placed + relativedelta(days=followup.days), followup.name
            )
            if followup.state == "answered":
                self.assertGreaterEqual(
                    followup.date_answered, followup.date_due, f"{followup.name}: answered early"
                )
                self.assertLessEqual(followup.date_answered, self.today, followup.name)
            else:
                self.assertFalse(followup.date_answered, followup.name)
        answered_90 = followups.filtered(lambda f: f.state == "answered" and f.days >= 90)
        self.assertTrue(answered_90, "the demo has a placement still in work at 90 days")

    def test_every_demo_placement_has_its_followups(self):
        placements = self._demo("hr.applicant").filtered("mrc_placement_date")
        self.assertGreaterEqual(len(placements), 2)
        for applicant in placements:
            self.assertLessEqual(applicant.mrc_placement_date, self.today)
            self.assertEqual(
                sorted(applicant.mrc_followup_ids.mapped("days")),
                list(FOLLOWUP_DAYS),
                applicant.candidate_id.display_name,
            )

    def test_counsellor_todos_fall_on_the_planned_followups(self):
        """A planned follow-up has the counsellor's to-do on its due day; an answered one
        leaves none open (answering marks it done)."""
        activity_type = self.env.ref("mrc_jobs.mail_activity_type_placement_followup")
        followups = self._demo("mrc.placement.followup")
        activities = self.env["mail.activity"].search(
            [
                ("res_model", "=", "hr.applicant"),
                ("res_id", "in", followups.applicant_id.ids),
                ("activity_type_id", "=", activity_type.id),
            ]
        )
        todos = sorted((a.res_id, a.date_deadline) for a in activities)
        planned = sorted((f.applicant_id.id, f.date_due) for f in followups if f.state == "planned")
        self.assertEqual(todos, planned)
