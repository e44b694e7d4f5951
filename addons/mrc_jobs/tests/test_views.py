from odoo.tests import tagged

from .common import MrcJobsCase


@tagged("post_install", "-at_install")
class TestViewsPerRole(MrcJobsCase):
    """Each role opens its screens: views load and the records they show can be read."""

    def _open(self, user, model, view_types, record=None):
        Model = self.env[model].with_user(user)
        views = Model.get_views([(False, view_type) for view_type in view_types])
        if record:
            fields_spec = dict.fromkeys(views["models"][model]["fields"], {})
            for name, spec in views["models"][model]["fields"].items():
                if spec["type"] in ("many2one", "one2many", "many2many"):
                    fields_spec[name] = {"fields": {"display_name": {}}}
            rows = record.with_user(user).web_read(fields_spec)
            self.assertEqual(rows[0]["id"], record.id)
        return views

    def test_counsellor_opens_migrant_vacancy_match_and_referral(self):
        """A counsellor opens the client card, a vacancy, a match and a referral."""
        match = self._make_match()
        match.action_refer()
        for model, record in (
            ("hr.candidate", self.migrant),
            ("hr.job", self.job),
            ("mrc.match", match),
            ("hr.applicant", match.applicant_id),
        ):
            with self.subTest(model=model):
                self._open(self.counsellor, model, ["form", "list"], record)

    def test_liaison_opens_vacancy_and_migrant_without_sensitive_fields(self):
        """A liaison officer opens vacancies and client cards, minus the sensitive fields."""
        self._open(self.liaison, "hr.job", ["form", "list"], self.job)
        views = self._open(self.liaison, "hr.candidate", ["form"], self.migrant)
        self.assertNotIn("mrc_nationality_id", views["models"]["hr.candidate"]["fields"])

    def test_manager_opens_reports(self):
        """A manager opens the referral and service reports."""
        for model in ("hr.applicant", "mrc.candidate.service", "hr.candidate"):
            with self.subTest(model=model):
                self._open(self.manager, model, ["pivot", "graph"])

    def test_mrc_actions_load(self):
        """The menu actions of the add-on resolve for a counsellor."""
        for xmlid in (
            "mrc_jobs.hr_candidate_action_mrc",
            "mrc_jobs.hr_job_action_mrc",
            "mrc_jobs.mrc_match_action",
            "mrc_jobs.hr_applicant_action_mrc_referrals",
            "mrc_jobs.mrc_candidate_service_action",
        ):
            with self.subTest(action=xmlid):
                action = (
                    self.env["ir.actions.act_window"].with_user(self.counsellor)._for_xml_id(xmlid)
                )
                self.assertTrue(action["res_model"])
