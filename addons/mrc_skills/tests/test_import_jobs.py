"""Bulk PDF imports read in background jobs (queue_job, channel ``root.mrc``)."""

from odoo.tests import tagged

from odoo.addons.mrc_recruiters.tests.queue_job_common import perform_all, trap_jobs

from .common import MrcSkillsCase, use_own_taxonomy_only


@tagged("post_install", "-at_install")
class TestImportJobs(MrcSkillsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        use_own_taxonomy_only(cls.env)

    def test_bulk_import_reads_in_chunked_jobs(self):
        """Seven PDFs are read by two jobs of five and two files (as the counsellor, on
        ``root.mrc``) and a last one that opens the review; nothing is read in the request."""
        files = [
            (f"cert{index}.pdf", self.spanish_certificate(f"CON-{index}")) for index in range(6)
        ]
        files.append(("cv.pdf", self.two_column_cv()))
        wizard = self.import_wizard(files)
        with trap_jobs() as trap:
            wizard.action_analyse_background()
            self.assertEqual(wizard.state, "queued")
            self.assertFalse(wizard.line_ids, "nothing may be read in the request")
            reads = [job for job in trap.enqueued_jobs if job.method_name == "_mrc_job_analyse"]
            self.assertEqual(sorted(len(job.args[0]) for job in reads), [2, 5])
            self.assertEqual({job.channel for job in trap.enqueued_jobs}, {"root.mrc"})
            self.assertEqual(
                {job.recordset.env.uid for job in trap.enqueued_jobs},
                {self.counsellor.id},
                "the jobs read as the counsellor who asked",
            )
            perform_all(trap)
        self.assertEqual(wizard.state, "review", "the last job opens the review")
        self.assertEqual(
            set(wizard.line_ids.document_id.mapped("filename")),
            {name for name, _data in files},
            "every PDF is proposed",
        )
        numbers = set(wizard.document_ids.mapped("number"))
        self.assertLessEqual({f"CON-{index}" for index in range(6)}, numbers)

    def test_bulk_import_stops_on_an_unreadable_file(self):
        """A file that cannot be read stops the background reading: the wizard goes back to
        the upload step with the reason, and proposes nothing."""
        files = [("good.pdf", self.spanish_certificate()), ("photo.pdf", b"\x89PNG not a pdf")]
        wizard = self.import_wizard(files)
        with trap_jobs() as trap:
            wizard.action_analyse_background()
            perform_all(trap)
        self.assertEqual(wizard.state, "upload")
        self.assertIn("photo.pdf is not a PDF file", wizard.analysis_error)
        self.assertFalse(wizard.line_ids, "nothing may be proposed after a refusal")
