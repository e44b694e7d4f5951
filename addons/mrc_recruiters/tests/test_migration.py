"""The update that moved the portal pages out of mrc_jobs (migration.py): external ids change
module with their records, templates keep their key in step, and the evidence limit moves to
its new parameter, read through the settings."""

from odoo import SUPERUSER_ID, Command
from odoo.tests import TransactionCase

from ..migration import RECRUITERS_FROM_JOBS, complaints_to_their_centre, move_portal_from_jobs
from .common import MrcRecruitersCase


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


class TestComplaintCentre(MrcRecruitersCase):
    def test_existing_complaints_take_their_officers_centre(self):
        """After the update filled the new centre of complaints with the default company, a
        complaint takes the company of its assigned officer, or else of who recorded it, and
        its remedies follow; running it again changes nothing. A complaint made anonymously
        in a centre belongs to that centre, though the superuser records it."""
        main = self.env.company
        other = self.env["res.company"].create({"name": "Migration Centre"})
        self.officer.write({"company_ids": [Command.link(other.id)], "company_id": other.id})
        Complaint = self.env["mrc.complaint"].with_user(self.officer).with_company(other)
        values = {
            "partner_id": self.employer.id,
            "category_ids": [
                Command.set(self.env.ref("mrc_recruiters.complaint_category_fees").ids)
            ],
            "description": "Recorded before centres.",
        }
        named = Complaint.create(dict(values))
        anonymous = Complaint.create(dict(values, is_anonymous=True))
        self.assertEqual(anonymous.create_uid.id, SUPERUSER_ID, "no link to its author")
        self.assertEqual((named | anonymous).company_id, other)
        anonymous.with_user(self.officer).write({"user_id": self.officer.id})
        remedy = self.env["mrc.complaint.remedy"].create(
            {"complaint_id": named.id, "kind": "compensation", "amount": 10.0}
        )
        self.env.flush_all()
        # what the update's default fill leaves
        cr = self.env.cr
        ids = (named | anonymous).ids
        cr.execute("UPDATE mrc_complaint SET company_id = %s WHERE id IN %s", [main.id, tuple(ids)])
        cr.execute("UPDATE mrc_complaint_remedy SET company_id = %s", [main.id])
        self.env.invalidate_all()
        self.assertEqual((named | anonymous).company_id, main)
        self.assertGreaterEqual(complaints_to_their_centre(cr), 2)
        self.env.invalidate_all()
        self.assertEqual(named.company_id, other)
        self.assertEqual(anonymous.company_id, other)
        self.assertEqual(remedy.company_id, other)
        self.assertEqual(complaints_to_their_centre(cr), 0, "nothing left to move")
