"""The daily risk recompute as background jobs (queue_job, channel ``root.mrc``), and the Job
Queue menu for the MRC manager."""

from odoo.tests import tagged

from odoo.addons.queue_job.job import identity_exact

from .common import MrcRecruitersCase
from .queue_job_common import trap_jobs


@tagged("post_install", "-at_install")
class TestRiskJobs(MrcRecruitersCase):
    def test_daily_recompute_is_queued_once_and_scores(self):
        """The daily recompute queues jobs of organisations on ``root.mrc`` instead of
        scoring in the cron; a second run while they wait queues nothing more; the jobs
        write the scores."""
        self._vet(self.employer)
        for _i in range(2):
            self._resolve(self._complaint(severity="high"))
        score = self.employer.mrc_risk_score
        self.assertGreater(score, 0.0)
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE res_partner SET mrc_risk_score = 0 WHERE id = %s", [self.employer.id]
        )
        self.env.invalidate_all()
        engine = self.env["mrc.risk.engine"]
        with trap_jobs() as trap:
            engine._mrc_cron_update_risk()
            engine._mrc_cron_update_risk()
            jobs = trap.enqueued_jobs
            self.assertTrue(jobs, "the recompute must be queued")
            self.assertEqual(
                len(jobs), len({job.identity_key for job in jobs}), "a waiting chunk is queued once"
            )
            chunk = next(job for job in jobs if self.employer.id in job.args[0])
            trap.assert_enqueued_job(
                engine._mrc_job_update_risk,
                args=(chunk.args[0],),
                properties={"channel": "root.mrc", "identity_key": identity_exact},
            )
            self.assertEqual(self.employer.mrc_risk_score, 0.0, "nothing scored in the cron")
            trap.perform_enqueued_jobs()
        self.assertEqual(self.employer.mrc_risk_score, score, "the job writes the score")

    def test_manager_sees_the_job_queue(self):
        """The MRC manager watches background work in the Job Queue menu; a counsellor does
        not see it."""
        menu = self.env.ref("queue_job.menu_queue_job_root")
        Menu = self.env["ir.ui.menu"]
        self.assertIn(menu.id, Menu.with_user(self.manager)._visible_menu_ids())
        self.assertNotIn(menu.id, Menu.with_user(self.counsellor)._visible_menu_ids())
        self.assertTrue(self.env["queue.job"].with_user(self.manager).has_access("read"))
