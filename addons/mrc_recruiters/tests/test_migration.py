"""The update that moved the portal pages out of mrc_jobs (migration.py): external ids change
module with their records, templates keep their key in step, and the evidence limit moves to
its new parameter, read through the settings."""

from odoo.tests import TransactionCase

from ..migration import RECRUITERS_FROM_JOBS, move_portal_from_jobs


class TestPortalMove(TransactionCase):
    def _owner(self, name):
        self.env.cr.execute(
            "SELECT module FROM ir_model_data WHERE name = %s AND module IN %s",
            (name, ("mrc_jobs", "mrc_recruiters")),
        )
        return [module for (module,) in self.env.cr.fetchall()]

    def test_external_ids_and_parameter_move_from_mrc_jobs(self):
        """On a database where the attempts model, its fields, access row, purge action and
        the follow-up page still belong to mrc_jobs (as before 18.0.1.4.0), the move gives
        them to mrc_recruiters, keeping the records, the table and its rows; running it again
        changes nothing; the old evidence parameter is read under its new key."""
        cr = self.env.cr
        attempt = self.env["mrc.followup.attempt"]._mrc_record("198.51.100.7")
        view = self.env.ref("mrc_recruiters.mrc_followup_page")
        model = self.env.ref("mrc_recruiters.model_mrc_followup_attempt")
        cr.execute(
            """UPDATE ir_model_data SET module = 'mrc_jobs'
                WHERE module = 'mrc_recruiters'
                  AND (name IN %s OR name LIKE 'field\\_mrc\\_followup\\_attempt\\_\\_%%')""",
            (RECRUITERS_FROM_JOBS,),
        )
        cr.execute(
            "UPDATE ir_ui_view SET key = 'mrc_jobs.mrc_followup_page' WHERE id = %s", [view.id]
        )
        self.env["ir.config_parameter"].sudo().set_param("mrc_jobs.evidence_max_mb", "3")
        self.env["ir.config_parameter"].sudo().set_param("mrc_recruiters.evidence_max_mb", False)
        self.assertEqual(self._owner("model_mrc_followup_attempt"), ["mrc_jobs"])

        moved = move_portal_from_jobs(cr)
        self.env.registry.clear_cache()  # external ids and parameters are cached by name

        fields_moved = [n for n in moved["mrc_recruiters"] if n.startswith("field_")]
        self.assertIn("field_mrc_followup_attempt__address_hash", fields_moved)
        for name in (
            "model_mrc_followup_attempt",
            "ir_cron_purge_followup_attempts",
            "access_mrc_followup_attempt_manager",
            "mrc_followup_page",
        ):
            self.assertEqual(self._owner(name), ["mrc_recruiters"], f"{name} did not move")
        self.env.invalidate_all()
        self.assertEqual(self.env.ref("mrc_recruiters.model_mrc_followup_attempt"), model)
        self.assertEqual(view.key, "mrc_recruiters.mrc_followup_page", "the template's key")
        self.assertTrue(attempt.exists(), "the attempts are kept")
        self.assertEqual(
            self.env["res.config.settings"]._mrc_param("mrc_recruiters.evidence_max_mb"), 3.0
        )
        self.assertFalse(
            self.env["ir.config_parameter"].sudo().get_param("mrc_jobs.evidence_max_mb"),
            "the old key is gone",
        )
        again = move_portal_from_jobs(cr)
        self.assertEqual(again, {"mrc_recruiters": [], "mrc_skills": []}, "nothing moves twice")
