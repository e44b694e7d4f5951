"""Background rematches on queue_job: edits, settings and the hourly refresh queue jobs on the
``root.mrc`` channel; the jobs store matches and keep what counsellors decided."""

from datetime import timedelta

from odoo import Command, fields
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.mrc_jobs.models.mrc_match_jobs import LOCK_ALL, LOCK_JOB
from odoo.addons.mrc_recruiters.tests.common import assert_rpc_refused, call_kw, rpc_error
from odoo.addons.mrc_recruiters.tests.queue_job_common import perform_all, trap_jobs
from odoo.addons.queue_job.job import identity_exact

from .common import MrcJobsCase


def refresh_jobs(trap, **kwargs):
    """The trapped rematch jobs whose arguments name these ids (``job_ids=[...]`` or
    ``candidate_ids=[...]``)."""
    ((key, ids),) = kwargs.items()
    return [
        job
        for job in trap.enqueued_jobs
        if job.method_name == "_mrc_job_refresh" and set(ids) <= set(job.kwargs.get(key) or ())
    ]


@tagged("post_install", "-at_install")
class TestMatchJobs(MrcJobsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.refresh = cls.env["mrc.match.refresh"]
        cls.welder_job = cls._make_vacancy(
            "Welder (jobs)",
            mrc_skill_requirement_ids=[cls._welding_at_intermediate()],
        )
        cls.welder = cls._make_migrant("Ana Welder", cls.welding)
        cls.picker = cls._make_migrant("Eva Picker", cls.picking)

    @classmethod
    def _make_migrant(cls, name, skill):
        return cls.env["hr.candidate"].create(
            {
                "partner_name": name,
                "mrc_consent_share": True,
                "candidate_skill_ids": [
                    Command.create(
                        {
                            "skill_id": skill.id,
                            "skill_type_id": cls.skill_type.id,
                            "skill_level_id": cls.level_expert.id,
                        }
                    )
                ],
            }
        )

    def _match(self, candidate, job=None):
        return self.env["mrc.match"].search(
            [("candidate_id", "=", candidate.id), ("job_id", "=", (job or self.welder_job).id)]
        )

    def _commit_point(self):
        """What a commit does before committing: flush and run the pre-commit hooks."""
        self.env.flush_all()
        self.env.cr.flush()

    def test_vacancy_edit_queues_its_own_rematch_once(self):
        """Editing a vacancy queues, at commit, one rematch job naming it on ``root.mrc``;
        editing it again before the job ran does not queue a second one; the job stores
        its matches."""
        with trap_jobs() as trap:
            self.welder_job.mrc_hours_per_week = 44
            self.welder_job.mrc_city = "Monterey"
            self._commit_point()
            jobs = refresh_jobs(trap, job_ids=self.welder_job.ids)
            self.assertEqual(len(jobs), 1, "the edited vacancy must be queued once")
            self.assertEqual(jobs[0].channel, "root.mrc")
            self.assertEqual(jobs[0].recordset.env.uid, 1, "the rematch runs as the cron does")
            self.welder_job.mrc_skill_requirement_ids.min_level_id = self.level_beginner
            self._commit_point()
            self.assertEqual(
                len(refresh_jobs(trap, job_ids=self.welder_job.ids)),
                1,
                "repeated edits of a waiting vacancy must collapse into one job",
            )
            self.assertFalse(self._match(self.welder), "nothing stored before the job runs")
            perform_all(trap)
        self.assertTrue(self._match(self.welder), "the job must store the welder's match")
        self.assertFalse(self._match(self.picker), "a picker does not match a welder job")

    def test_migrant_edit_queues_its_own_rematch(self):
        """A migrant who learns welding is queued at commit and matched by the job. (This
        test's transaction also created skill levels, which rank everything again: then the
        welder vacancy's job covers the migrant.)"""
        with trap_jobs() as trap:
            self.picker.candidate_skill_ids = [
                Command.create(
                    {
                        "skill_id": self.welding.id,
                        "skill_type_id": self.skill_type.id,
                        "skill_level_id": self.level_expert.id,
                    }
                )
            ]
            self.assertFalse(trap.enqueued_jobs, "nothing is queued before the commit")
            self._commit_point()
            jobs = refresh_jobs(trap, candidate_ids=self.picker.ids) or refresh_jobs(
                trap, job_ids=self.welder_job.ids
            )
            self.assertEqual(len(jobs), 1, "a rematch covering the edited migrant is queued")
            trap.assert_enqueued_job(
                self.refresh._mrc_job_refresh,
                kwargs=jobs[0].kwargs,
                properties={"channel": "root.mrc", "identity_key": identity_exact},
            )
            self.assertFalse(self._match(self.picker), "nothing stored before the job runs")
            perform_all(trap)
        self.assertTrue(self._match(self.picker), "the job must match the new welder")

    def test_rematch_job_keeps_counsellor_decisions(self):
        """A rematch job rescores shortlisted and dismissed matches but never deletes them or
        changes their state, even when they no longer make the suggestions."""
        with trap_jobs() as trap:
            self.refresh._mrc_queue_rematch(job_ids=self.welder_job.ids)
            perform_all(trap)
        welder = self._match(self.welder)
        welder.with_user(self.counsellor).action_shortlist()
        self.env["ir.config_parameter"].set_param("mrc_jobs.match_min_score", "100")
        with trap_jobs() as trap:
            self.refresh._mrc_queue_rematch(job_ids=self.welder_job.ids)
            perform_all(trap)
        self.assertTrue(welder.exists(), "a shortlisted match must survive the rematch")
        self.assertEqual(welder.state, "shortlisted")

    def test_large_scope_locks_the_table_not_each_record(self):
        """A rematch of thousands of vacancies takes one lock on the match table instead of
        one per vacancy (PostgreSQL's lock table is small); a chunk locks each of its own."""
        self.assertTrue(self.refresh._mrc_lock_scope(list(range(1, 5001)), None, wait=False))
        locks = self._advisory_locks()
        self.assertIn((LOCK_ALL, 0, "ExclusiveLock"), locks)
        self.assertFalse([lock for lock in locks if lock[0] == LOCK_JOB], "one lock per vacancy")
        self.assertTrue(self.refresh._mrc_lock_scope([7, 8], None, wait=False))
        self.assertLessEqual({(LOCK_JOB, 7, "ExclusiveLock"), (LOCK_JOB, 8, "ExclusiveLock")},
                             set(self._advisory_locks()))  # fmt: skip

    def _advisory_locks(self):
        self.env.cr.execute(
            """SELECT classid::int, objid::int, mode FROM pg_locks
                WHERE locktype = 'advisory' AND pid = pg_backend_pid()"""
        )
        return self.env.cr.fetchall()

    def test_settings_change_queues_full_rematch(self):
        """Saving new matching settings queues the rematch of every offered vacancy (in
        chunks) instead of doing it in the request; saving the same values queues nothing."""
        settings = self.env["res.config.settings"].create({"mrc_match_keep": 7})
        with trap_jobs() as trap:
            settings.execute()
            jobs = refresh_jobs(trap, job_ids=self.welder_job.ids)
            self.assertEqual(len(jobs), 1, "the full rematch must cover the vacancy")
            perform_all(trap)
        self.assertTrue(self._match(self.welder), "the full rematch stores matches")
        with trap_jobs() as trap:
            self.env["res.config.settings"].create({"mrc_match_keep": 7}).execute()
            trap.assert_jobs_count(0)

    def test_cron_recomputes_only_what_changed(self):
        """The hourly refresh queues the rematch of the migrants the change log names since
        its last run: a changed migrant is matched, an unchanged pair is left alone."""
        with trap_jobs() as trap:
            self.refresh._mrc_cron_refresh()
            self.assertTrue(trap.enqueued_jobs, "the first run ranks everything")
            perform_all(trap)
        match = self._match(self.welder)
        self.assertTrue(match, "the first run must suggest the welder")
        # the skill vocabulary is older than the last run; then one migrant learns welding
        past = fields.Datetime.now() - timedelta(hours=2)
        self.env.cr.execute("UPDATE hr_skill SET write_date = %s", [past])
        self.env.cr.execute("UPDATE mrc_skill_alias SET write_date = %s", [past])
        self.env["ir.config_parameter"].set_param(
            "mrc_jobs.match_last_run", fields.Datetime.to_string(past + timedelta(hours=1))
        )
        self.env.cr.execute("UPDATE mrc_match SET score = 42 WHERE id = %s", [match.id])
        self.env.invalidate_all()
        self.picker.candidate_skill_ids = [
            Command.create(
                {
                    "skill_id": self.welding.id,
                    "skill_type_id": self.skill_type.id,
                    "skill_level_id": self.level_expert.id,
                }
            )
        ]
        self.env.flush_all()
        with trap_jobs() as trap:
            self.refresh._mrc_cron_refresh()
            self.assertEqual(
                [job.kwargs for job in trap.enqueued_jobs],
                [{"candidate_ids": self.picker.ids}],
                "only the changed migrant is queued",
            )
            perform_all(trap)
        self.assertEqual(match.score, 42.0, "an unchanged pair must not be recomputed")
        self.assertTrue(self._match(self.picker), "the changed migrant must be matched")


@tagged("post_install", "-at_install")
class TestMatchJobsRights(HttpCase):
    """Queueing changes timing, never rights: the job methods are private, and the
    ``queue_job__no_delay`` context key of a client neither runs nor skips anything."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.counsellor = new_test_user(
            cls.env,
            login="jobs_counsellor",
            groups="base.group_user,mrc_recruiters.group_mrc_counsellor",
        )

    def test_job_methods_not_callable_over_rpc(self):
        """A counsellor cannot start a rematch job, queue a full rematch or save the settings
        over JSON-RPC, with or without ``queue_job__no_delay``."""
        queued = self.env["queue.job"].search([])
        self.authenticate(self.counsellor.login, self.counsellor.login)
        context = {"queue_job__no_delay": True}
        for method, args in (
            ("_mrc_job_refresh", [[]]),
            ("_mrc_queue_rematch", [[]]),
            ("_mrc_cron_refresh", [[]]),
        ):
            answer = call_kw(self, "mrc.match.refresh", method, args, {"context": context})
            self.assertIsNotNone(rpc_error(answer), f"{method} must not be callable")
        answer = call_kw(self, "res.config.settings", "set_values", [[]], {"context": context})
        assert_rpc_refused(self, answer, "counsellor set_values with queue_job__no_delay")
        self.assertFalse(
            self.env["queue.job"].search([("id", "not in", queued.ids)]),
            "nothing may be queued by a refused call",
        )
