import logging

from odoo import SUPERUSER_ID, api, models
from odoo.tools import SQL

from odoo.addons.queue_job.exception import RetryableJobError
from odoo.addons.queue_job.job import identity_exact

from . import mrc_match_index

_logger = logging.getLogger(__name__)

CHANNEL = "root.mrc"
JOB_CHUNK = 200  # vacancies per background rematch (each against every migrant)
CANDIDATE_CHUNK = 500  # migrants per background rematch (each against every vacancy)
LOCK_BUSY_RETRY = 5  # seconds before a job whose scope is being rematched tries again
# Past this many vacancies and migrants a rematch locks the whole match table instead of each
# record (PostgreSQL's lock table holds max_locks_per_transaction x connections locks).
MAX_SCOPE_LOCKS = 1000
# Advisory lock keys (pg_advisory_xact_lock(namespace, id)): 'MRC\0' for the whole match
# table (a full rematch in one transaction takes it exclusively, every other rematch shared),
# then one namespace for a vacancy's matches and one for a migrant's.
LOCK_ALL = 0x4D524300
LOCK_JOB = LOCK_ALL + 1
LOCK_CANDIDATE = LOCK_ALL + 2
WATCH_KEY = "mrc_match_watch"


class MrcMatchRefreshJobs(models.AbstractModel):
    """Background rematches on OCA queue_job (channel ``root.mrc``, Job Queue menu).

    * ``_mrc_queue_rematch`` splits a rematch into jobs of ``JOB_CHUNK`` vacancies or
      ``CANDIDATE_CHUNK`` migrants; a job already waiting with the same arguments is not
      queued twice (``identity_exact``), so repeated edits collapse into one job.
    * ``_mrc_watch_changes`` (called when vacancies, migrants, their skills or certificates,
      or organisations change) queues, when the transaction commits, the re-ranking of the
      migrants and vacancies whose matching data it changed, read from the triggers' change
      log (``mrc_match_change``): stored matches follow an edit within seconds when a job
      runner runs; the hourly cron stays as the safety net.
    * Every rematch holds transaction-level advisory locks on its scope (``_mrc_lock_scope``):
      jobs take them with ``pg_try_advisory_xact_lock`` and, when busy, are retried a few
      seconds later (``RetryableJobError``); queue_job also retries serialization failures.
      Matches are upserted on their unique (migrant, vacancy) key and never lose their state;
      suggested matches being changed by a counsellor at that moment are skipped, not deleted.
    """

    _inherit = "mrc.match.refresh"

    def init(self):
        result = super().init()
        self.pool.post_init(self._mrc_index_change_log)
        return result

    def _mrc_index_change_log(self):
        """The pruning looks a record's newer changes up (after the log's table exists)."""
        self.env.cr.execute("SELECT to_regclass('mrc_match_change')")
        if self.env.cr.fetchone()[0]:
            self.env.cr.execute(
                """CREATE INDEX IF NOT EXISTS mrc_match_change_kind_record_idx
                       ON mrc_match_change (kind, record_id, id)"""
            )

    # ------------------------------------------------------------------------------------------
    # Locks
    # ------------------------------------------------------------------------------------------
    @api.model
    def _mrc_lock_scope(self, job_ids=None, candidate_ids=None, wait=True):
        """Take the transaction-level advisory locks of a rematch: the whole match table
        (exclusive when neither vacancies nor migrants are given, or more than
        ``MAX_SCOPE_LOCKS`` of them; shared otherwise), then each vacancy's and each migrant's,
        in id order (no deadlock between two rematches).

        :param wait: wait for the locks (a user's button), or only try (a job).
        :return: True when every lock is held (always, when waiting).
        """
        cr = self.env.cr
        everything = (job_ids is None and candidate_ids is None) or (
            len(job_ids or ()) + len(candidate_ids or ()) > MAX_SCOPE_LOCKS
        )
        mode = "" if everything else "_shared"
        if wait:
            cr.execute(SQL("SELECT %s(%s, 0)", SQL(f"pg_advisory_xact_lock{mode}"), LOCK_ALL))
        else:
            cr.execute(SQL("SELECT %s(%s, 0)", SQL(f"pg_try_advisory_xact_lock{mode}"), LOCK_ALL))
            if not cr.fetchone()[0]:
                return False
        for namespace, ids in ((LOCK_JOB, job_ids), (LOCK_CANDIDATE, candidate_ids)):
            if everything or not ids:
                continue
            scope = SQL(
                "(SELECT DISTINCT unnest(%s::int[]) AS rid ORDER BY 1) AS scope", sorted(ids)
            )
            if wait:
                cr.execute(SQL("SELECT pg_advisory_xact_lock(%s, rid) FROM %s", namespace, scope))
            else:
                cr.execute(
                    SQL(
                        "SELECT bool_and(pg_try_advisory_xact_lock(%s, rid)) FROM %s",
                        namespace,
                        scope,
                    )
                )
                if not cr.fetchone()[0]:
                    return False
        return True

    # ------------------------------------------------------------------------------------------
    # Queueing
    # ------------------------------------------------------------------------------------------
    @api.model
    def _mrc_queue_rematch(self, job_ids=None, candidate_ids=None, everything=False):
        """Queue background rematches on the ``root.mrc`` channel, in chunks.

        :param job_ids: vacancies to rank again against every migrant.
        :param candidate_ids: migrants to rank again against every vacancy.
        :param everything: every vacancy with a match or offered (a full rematch, after the
            settings or the vocabulary changed); ``job_ids`` is then ignored.
        :return: the number of jobs asked for (those already waiting are not queued twice).
        """
        queued = 0
        refresh = self.env(user=SUPERUSER_ID, context={})["mrc.match.refresh"]
        if everything:
            cr = self.env.cr
            cr.execute(
                """SELECT id FROM hr_job WHERE active AND mrc_is_eligible
                    UNION SELECT DISTINCT job_id FROM mrc_match ORDER BY 1"""
            )
            job_ids = [row[0] for row in cr.fetchall()]
        for ids, chunk, kind in (
            (job_ids, JOB_CHUNK, "job_ids"),
            (candidate_ids, CANDIDATE_CHUNK, "candidate_ids"),
        ):
            ids = sorted(set(ids or ()))
            for start in range(0, len(ids), chunk):
                part = ids[start : start + chunk]
                if kind == "job_ids":
                    description = self.env._("MRC: rank migrants for %s vacancies", len(part))
                else:
                    description = self.env._("MRC: rank vacancies for %s migrants", len(part))
                refresh.with_delay(
                    channel=CHANNEL, identity_key=identity_exact, description=description
                )._mrc_job_refresh(**{kind: part})
                queued += 1
        return queued

    @api.model
    def _mrc_watch_changes(self):
        """Queue, when this transaction commits, the re-ranking of what it changed (once per
        transaction, whatever the number of writes)."""
        precommit = self.env.cr.precommit
        if precommit.data.get(WATCH_KEY):
            return
        precommit.data[WATCH_KEY] = True
        cr = self.env.cr

        def queue_changes():
            env = api.Environment(cr, SUPERUSER_ID, {})
            try:
                with cr.savepoint():
                    env["mrc.match.refresh"]._mrc_queue_own_changes()
                    env.flush_all()
            except Exception:  # pylint: disable=broad-except
                # the edit itself must commit; the hourly refresh catches up
                _logger.exception("Matching: the re-ranking of an edit could not be queued")

        precommit.add(queue_changes)

    @api.model
    def _mrc_queue_own_changes(self):
        """Queue the re-ranking of the migrants and vacancies whose matching data the current
        transaction changed (the change log's rows of this transaction id)."""
        cr = self.env.cr
        cr.execute(
            """SELECT kind, array_agg(DISTINCT record_id) FROM mrc_match_change
                WHERE kind IN ('c', 'j', 'v') AND txid = txid_current_if_assigned()
                  AND record_id IS NOT NULL
             GROUP BY kind"""
        )
        changed = dict(cr.fetchall())
        if not changed:
            return 0
        if changed.get("v"):
            return self._mrc_queue_rematch(everything=True)
        return self._mrc_queue_rematch(job_ids=changed.get("j"), candidate_ids=changed.get("c"))

    # ------------------------------------------------------------------------------------------
    # Jobs
    # ------------------------------------------------------------------------------------------
    @api.model
    def _mrc_job_refresh(self, job_ids=None, candidate_ids=None):
        """Job: rank again the vacancies ``job_ids`` against every migrant, or the migrants
        ``candidate_ids`` against every vacancy, and store the suggested matches. Retried a
        few seconds later while another rematch holds part of its scope.

        :return: a summary for the Job Queue.
        """
        if not self._mrc_lock_scope(job_ids or [], candidate_ids or [], wait=False):
            raise RetryableJobError(
                "Another rematch holds these matches; retried shortly.",
                seconds=LOCK_BUSY_RETRY,
                ignore_retry=True,
            )
        jobs = self.env["hr.job"].browse(job_ids) if job_ids is not None else None
        candidates = (
            self.env["hr.candidate"].browse(candidate_ids) if candidate_ids is not None else None
        )
        written = self._mrc_refresh_matches(candidates=candidates, jobs=jobs)
        return f"{written} matches written"

    # ------------------------------------------------------------------------------------------
    # Change log
    # ------------------------------------------------------------------------------------------
    @api.model
    def _mrc_read_changes(self, mark=None):
        """The migrants and vacancies the change log names since ``mark``.

        :param mark: what the previous read saw (``"<max id>;<snapshot>;<txid>"``, None:
            nothing): rows up to that id, visible in that snapshot or written by that reading
            transaction itself, were consumed; a row with a lower id committed later (by a
            longer transaction) is still read.
        :return: ``({kind: ids}, new mark)``, kinds ``c`` (migrants), ``j`` (vacancies),
            ``v`` (levels, occupations or languages: everything).
        """
        cr = self.env.cr
        parts = (mark or "").split(";")
        consumed = SQL()
        if len(parts) == 3:
            max_id, snapshot, own = int(parts[0]), parts[1], int(parts[2] or 0)
            consumed = SQL(
                """AND (id > %(max_id)s OR txid >= txid_snapshot_xmin(%(snap)s::txid_snapshot))
                   AND NOT (id <= %(max_id)s
                            AND (txid = %(own)s
                                 OR txid_visible_in_snapshot(txid, %(snap)s::txid_snapshot)))""",
                max_id=max_id,
                snap=snapshot,
                own=own,
            )
        cr.execute(
            SQL(
                """SELECT kind, array_agg(DISTINCT record_id) FROM mrc_match_change
                    WHERE kind IN ('c', 'j', 'v') AND record_id IS NOT NULL %s
                 GROUP BY kind""",
                consumed,
            )
        )
        changes = dict(cr.fetchall())
        cr.execute(
            """SELECT COALESCE(max(id), 0), txid_current_snapshot()::text,
                      COALESCE(txid_current_if_assigned(), 0)
                 FROM mrc_match_change"""
        )
        new_max, snapshot, own = cr.fetchone()
        if len(parts) == 3:
            new_max = max(new_max, int(parts[0]))
        return changes, f"{new_max};{snapshot};{own}"

    @api.model
    def _mrc_prune_changes(self):
        """Delete the change log's rows that the refresh consumed and no cached table can
        still need: a row followed by a newer row of the same record, or older than the
        cache's lifetime. Only rows visible in this transaction's snapshot are deleted (the
        rows the refresh read in it), and the deletion commits with the refresh. Ids stay
        monotonic: the newest row is kept and the sequence is never reset.

        :return: the number of rows deleted.
        """
        max_age = getattr(mrc_match_index, "MAX_AGE", 12 * 3600) + 3600
        self.env.cr.execute(
            """DELETE FROM mrc_match_change c
                WHERE c.id < (SELECT max(id) FROM mrc_match_change)
                  AND (c.create_date < (now() at time zone 'UTC') - make_interval(secs => %(age)s)
                       OR EXISTS (SELECT 1 FROM mrc_match_change n
                                   WHERE n.kind = c.kind
                                     AND n.record_id IS NOT DISTINCT FROM c.record_id
                                     AND n.id > c.id AND n.txid >= c.txid))""",
            {"age": max_age},
        )
        return self.env.cr.rowcount
