"""Concurrent rematches, with two real transactions at once: threads with their own cursors
(``registry.cursor()``) on data committed for the test and deleted afterwards (a
TransactionCase cannot see another cursor's data, so nothing here goes through ``self.env``).

A rematch runs as queue_job runs it (retried on ``RetryableJobError`` and on serialization
failures and deadlocks); a counsellor's click runs as Odoo's HTTP layer runs it
(``odoo.service.model.retrying``: a serialization failure replays the request, the user never
sees it)."""

import threading
import time
import uuid
from functools import partial

from psycopg2 import OperationalError, errorcodes

from odoo import SUPERUSER_ID, Command, api
from odoo.service.model import PG_CONCURRENCY_EXCEPTIONS_TO_RETRY, retrying
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

from odoo.addons.mrc_recruiters.tests.queue_job_common import trap_jobs
from odoo.addons.queue_job.exception import RetryableJobError

HOLD = 1.0  # seconds a transaction keeps its locks before committing, so that the other waits
PARAMS = ("mrc_jobs.match_last_run", "mrc_jobs.match_last_signature", "mrc_jobs.match_change_mark")


@tagged("post_install", "-at_install")
class TestMatchConcurrency(TransactionCase):
    """Two rematches at once, or a rematch while a counsellor refers a migrant: no duplicate
    match, no lost counsellor decision, no serialization error shown to the user."""

    def setUp(self):
        super().setUp()
        self.tag = uuid.uuid4().hex[:8]
        self.failures = []
        # the commits of the test's data queue re-rankings: trapped, never stored
        self.enterContext(trap_jobs())
        with self._env() as env:
            params = env["ir.config_parameter"]
            self.saved_params = {key: params.get_param(key) for key in PARAMS}
            self._create_data(env)
        self.addCleanup(self._delete_data)

    # ------------------------------------------------------------------------------------------
    # Committed data
    # ------------------------------------------------------------------------------------------
    def _env(self, uid=SUPERUSER_ID):
        """A new cursor (committed when the block ends without error) and its environment."""
        registry = self.registry

        class Block:
            def __enter__(block):
                block.cr = registry.cursor()
                return api.Environment(block.cr, uid, {})

            def __exit__(block, exc_type, exc, tb):
                if exc_type is None:
                    block.cr.commit()
                else:
                    block.cr.rollback()
                block.cr.close()

        return Block()

    def _create_data(self, env):
        today = env.company._mrc_today()
        skill_type = env["hr.skill.type"].create(
            {
                "name": f"Concurrency {self.tag}",
                "skill_level_ids": [
                    Command.create({"name": "Basic", "level_progress": 30}),
                    Command.create({"name": "Expert", "level_progress": 100}),
                ],
                "skill_ids": [Command.create({"name": f"Rigging {self.tag}"})],
            }
        )
        skill, expert = skill_type.skill_ids, skill_type.skill_level_ids.sorted()[-1]
        employer = env["res.partner"].create(
            {"name": f"Concurrent Builders {self.tag}", "is_company": True, "mrc_is_employer": True}
        )
        employer.write({"mrc_vetting_state": "vetted"})
        jobs = env["hr.job"].create(
            [
                {
                    "name": f"Rigger {self.tag} {index}",
                    "mrc_employer_id": employer.id,
                    "mrc_country_id": env.ref("base.us").id,
                    "mrc_wage_amount": 20.0,
                    "mrc_wage_currency_id": env.ref("base.USD").id,
                    "mrc_wage_period": "hour",
                    "mrc_hours_per_week": 40,
                    "no_of_recruitment": 5,
                    "mrc_deadline": today.replace(year=today.year + 1),
                    "mrc_is_published": True,
                    "mrc_skill_requirement_ids": [
                        Command.create({"skill_id": skill.id, "skill_type_id": skill_type.id})
                    ],
                }
                for index in range(2)
            ]
        )
        migrants = env["hr.candidate"].create(
            [
                {
                    "partner_name": f"Migrant {self.tag} {index}",
                    "mrc_consent_processing_date": today,
                    "mrc_consent_share": True,
                    "mrc_consent_share_date": today,
                    "candidate_skill_ids": [
                        Command.create(
                            {
                                "skill_id": skill.id,
                                "skill_type_id": skill_type.id,
                                "skill_level_id": expert.id,
                            }
                        )
                    ],
                }
                for index in range(6)
            ]
        )
        counsellor = env["res.users"].create(
            {
                "name": f"Counsellor {self.tag}",
                "login": f"conc_{self.tag}",
                "groups_id": [
                    Command.set(
                        [
                            env.ref("base.group_user").id,
                            env.ref("mrc_recruiters.group_mrc_counsellor").id,
                        ]
                    )
                ],
            }
        )
        self.skill_type_id, self.employer_id = skill_type.id, employer.id
        self.job_ids, self.migrant_ids = jobs.ids, migrants.ids
        self.counsellor_id = counsellor.id
        self.assertTrue(all(jobs.mapped("mrc_is_offered")), "the vacancies must be offered")

    def _delete_data(self):
        with self._env() as env:
            env["hr.applicant"].with_context(active_test=False).search(
                [("job_id", "in", self.job_ids)]
            ).unlink()
            env["hr.job"].browse(self.job_ids).unlink()
            env["hr.candidate"].browse(self.migrant_ids).unlink()
            env["res.partner"].browse(self.employer_id).unlink()
            env["hr.skill.type"].browse(self.skill_type_id).unlink()
            user = env["res.users"].browse(self.counsellor_id)
            partner = user.partner_id
            user.unlink()
            partner.unlink()
            params = env["ir.config_parameter"]
            for key, value in self.saved_params.items():
                params.set_param(key, value or False)

    # ------------------------------------------------------------------------------------------
    # Running as queue_job and as the HTTP layer do
    # ------------------------------------------------------------------------------------------
    def _run_job(self, func, outcomes, hold=None):
        """Run ``func(env)`` in its own transaction until it commits, as queue_job's runner
        does: ``RetryableJobError`` (scope busy) and PostgreSQL concurrency errors roll back
        and try again. ``hold``: an event set once the work is done, then the transaction
        keeps its locks ``HOLD`` seconds before committing."""
        try:
            for _attempt in range(40):
                try:
                    with self._env() as env:
                        func(env)
                        if hold is not None and not hold.is_set():
                            hold.set()
                            time.sleep(HOLD)
                    outcomes.append("done")
                    return
                except RetryableJobError:
                    outcomes.append("busy")
                except OperationalError as error:
                    if not isinstance(error, PG_CONCURRENCY_EXCEPTIONS_TO_RETRY):
                        raise
                    outcomes.append(errorcodes.lookup(error.pgcode))
                time.sleep(0.1)
            outcomes.append("gave up")
        except Exception as error:  # pylint: disable=broad-except
            self.failures.append(repr(error))

    def _run_request(self, func, uid, outcomes, hold=None):
        """Run ``func(env)`` as Odoo runs a user's request: ``retrying`` replays it after a
        serialization failure and commits; anything it raises is what the user would see."""
        try:
            cr = self.registry.cursor()
            try:
                env = api.Environment(cr, uid, {})

                def request():
                    outcomes.append("attempt")
                    result = func(env)
                    if hold is not None and not hold.is_set():
                        env.flush_all()
                        hold.set()
                        time.sleep(HOLD)
                    return result

                retrying(request, env)
                outcomes.append("done")
            finally:
                cr.close()
        except Exception as error:  # pylint: disable=broad-except
            outcomes.append(f"user saw {type(error).__name__}: {error}")

    def _rematch(self, env, job_ids=None, candidate_ids=None):
        env["mrc.match.refresh"]._mrc_job_refresh(job_ids=job_ids, candidate_ids=candidate_ids)

    def _threads(self, *targets):
        threads = [threading.Thread(target=target) for target in targets]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(120)
        self.assertFalse(any(thread.is_alive() for thread in threads), "a thread hangs")
        self.assertFalse(self.failures, "unexpected errors")

    def _matches(self):
        with self._env() as env:
            env.cr.execute(
                """SELECT candidate_id, job_id, count(*), max(state), max(applicant_id)
                     FROM mrc_match WHERE job_id = ANY(%s) GROUP BY 1, 2""",
                [self.job_ids],
            )
            return {
                (cid, jid): (count, state, app) for cid, jid, count, state, app in env.cr.fetchall()
            }

    def _assert_no_duplicate(self, matches):
        duplicates = [pair for pair, (count, _state, _app) in matches.items() if count > 1]
        self.assertFalse(duplicates, "a migrant and a vacancy must be matched once")

    # ------------------------------------------------------------------------------------------
    # Tests
    # ------------------------------------------------------------------------------------------
    @mute_logger("odoo.service.model", "odoo.sql_db")
    def test_two_rematches_at_once(self):
        """Two rematches of the same vacancies started together: the second finds the scope
        locked (``pg_try_advisory_xact_lock``) and retries; a rematch of the same migrants
        running meanwhile is retried on conflict; every pair is stored once."""
        held = threading.Event()
        first, second, third = [], [], []
        self._threads(
            lambda: self._run_job(partial(self._rematch, job_ids=self.job_ids), first, held),
            lambda: (
                held.wait(30)
                and self._run_job(partial(self._rematch, job_ids=self.job_ids), second)
            ),
            lambda: (
                held.wait(30)
                and self._run_job(partial(self._rematch, candidate_ids=self.migrant_ids), third)
            ),
        )
        self.assertEqual(first, ["done"])
        self.assertEqual(second[-1], "done", f"the second rematch must end: {second}")
        self.assertIn("busy", second, "the second rematch must have waited for the lock")
        self.assertEqual(third[-1], "done", f"the migrants' rematch must end: {third}")
        matches = self._matches()
        self._assert_no_duplicate(matches)
        pairs = {(cid, jid) for cid in self.migrant_ids for jid in self.job_ids}
        self.assertLessEqual(pairs, set(matches), "every pair of a rigger and a job suggested")

    @mute_logger("odoo.service.model", "odoo.sql_db")
    def test_referral_during_rematch(self):
        """A counsellor refers a migrant while a rematch holds the match (and the other way
        round): the referral succeeds without an error shown, the match stays referred with
        its referral, and no pair is duplicated."""
        self._run_job(partial(self._rematch, job_ids=self.job_ids), [])
        with self._env() as env:
            matches = env["mrc.match"].search(
                [("job_id", "in", self.job_ids)], order="candidate_id, job_id"
            )
            first, second = matches[0].id, matches[-1].id

        def refer(match_id, env):
            env["mrc.match"].browse(match_id).action_refer()

        # the rematch holds the rows, the counsellor's click waits and is replayed
        held, job, user = threading.Event(), [], []
        self._threads(
            lambda: self._run_job(partial(self._rematch, job_ids=self.job_ids), job, held),
            lambda: (
                held.wait(30) and self._run_request(partial(refer, first), self.counsellor_id, user)
            ),
        )
        self.assertEqual(user[-1], "done", f"the counsellor must not see an error: {user}")
        self.assertGreater(user.count("attempt"), 1, "the click waited and was replayed")
        self.assertEqual(job[-1], "done")
        # the counsellor's click holds the row, the rematch waits and is retried
        held, job, user = threading.Event(), [], []
        self._threads(
            lambda: self._run_request(partial(refer, second), self.counsellor_id, user, held),
            lambda: (
                held.wait(30) and self._run_job(partial(self._rematch, job_ids=self.job_ids), job)
            ),
        )
        self.assertEqual(user, ["attempt", "done"], "the counsellor must not see an error")
        self.assertEqual(job[-1], "done", f"the rematch must end: {job}")
        self.assertIn("SERIALIZATION_FAILURE", job, "the rematch waited and was retried")
        # a new rematch after both keeps the referrals
        self._run_job(partial(self._rematch, candidate_ids=self.migrant_ids), [])
        after = self._matches()
        self._assert_no_duplicate(after)
        with self._env() as env:
            referred = env["mrc.match"].browse([first, second])
            self.assertEqual(referred.mapped("state"), ["referred", "referred"])
            self.assertTrue(all(referred.mapped("applicant_id")), "the referrals are kept")
            applicants = env["hr.applicant"].search_count([("job_id", "in", self.job_ids)])
            self.assertEqual(applicants, 2, "one referral per click, none replayed twice")

    def test_change_log_pruned_once_consumed(self):
        """The change log keeps one row per changed record once the hourly refresh that read
        it has committed (it grew without bound); ids stay monotonic."""
        job_id = self.job_ids[0]
        for index in range(4):
            with self._env() as env:
                env["hr.job"].browse(job_id).name = f"Rigger {self.tag} renamed {index}"
        with self._env() as env:
            env.cr.execute(
                """SELECT count(*), max(id) FROM mrc_match_change
                    WHERE kind = 'j' AND record_id = %s""",
                [job_id],
            )
            before, newest = env.cr.fetchone()
            env.cr.execute("SELECT max(id) FROM mrc_match_change")
            top = env.cr.fetchone()[0]
        self.assertGreaterEqual(before, 5, "each committed edit logs the vacancy")
        with trap_jobs() as trap, self._env() as env:
            env["mrc.match.refresh"]._mrc_cron_refresh()
        self.assertTrue(
            any(job_id in (job.kwargs.get("job_ids") or ()) for job in trap.enqueued_jobs),
            "the refresh must queue the changed vacancy",
        )
        with self._env() as env:
            env.cr.execute(
                "SELECT array_agg(id) FROM mrc_match_change WHERE kind = 'j' AND record_id = %s",
                [job_id],
            )
            left = env.cr.fetchone()[0]
            env.cr.execute("SELECT max(id) FROM mrc_match_change")
            top_after = env.cr.fetchone()[0]
        self.assertEqual(left, [newest], "only the newest change of the vacancy is kept")
        self.assertEqual(top_after, top, "ids stay monotonic: the newest row is never deleted")
        # the next read of the change log, from the mark the refresh left, does not name what
        # the previous refresh consumed (the next refresh may still rank everything again for
        # its own reasons: a vocabulary or settings change made by an earlier test)
        with self._env() as env:
            mark = env["ir.config_parameter"].sudo().get_param("mrc_jobs.match_change_mark")
            changes, _mark = env["mrc.match.refresh"]._mrc_read_changes(mark)
        self.assertNotIn(job_id, changes.get("j") or [], "a consumed change must not be read again")
