import logging
import threading
import time

from odoo import api, models
from odoo.tools import SQL

_logger = logging.getLogger(__name__)

# Tables whose changes make cached matching data stale: (table, kind, id column, updated
# columns watched row by row or None for every update). Kind ``c``: a migrant's data, ``j``: a
# vacancy's, ``v``: the vocabulary of levels, occupations and languages (everything is stale).
WATCHED = [
    ("hr_candidate", "c", "id", ("active", "company_id", "mrc_desired_job")),
    ("hr_candidate_skill", "c", "candidate_id", None),
    ("mrc_candidate_language", "c", "candidate_id", None),
    ("mrc_certification", "c", "candidate_id", None),
    ("hr_candidate_mrc_desired_occupation_rel", "c", "candidate_id", None),
    ("hr_candidate_mrc_preferred_country_rel", "c", "candidate_id", None),
    (
        "hr_job",
        "j",
        "id",
        ("active", "name", "mrc_is_eligible", "mrc_occupation_id", "mrc_country_id"),
    ),
    ("mrc_job_skill", "j", "job_id", None),
    ("hr_job_mrc_language_rel", "j", "job_id", None),
    ("hr_job_mrc_certification_skill_rel", "j", "job_id", None),
    ("hr_skill_level", "v", "id", None),
    ("mrc_occupation", "v", "id", None),
    ("mrc_language", "v", "id", None),
]
MAX_STALE = 5000  # more stale records than this: rebuild instead of patching
MAX_AGE = 12 * 3600  # seconds; the change log keeps a day
_CACHE = {}
_LOCK = threading.Lock()


class MrcMatchIndex(models.AbstractModel):
    """Per-process cache of the matching tables (all active migrants, all eligible vacancies)
    so that one vacancy or one migrant is ranked without reading everything again.

    Staleness is exact, not guessed: triggers log the id of every migrant and vacancy whose
    matching data changes (``mrc_match_change``, with the writing transaction's id). A cached
    table remembers the oldest transaction still running when it was read; any change logged
    by that transaction or a later one marks its record stale, and stale records are left out
    of the cached table and read afresh. Past ``MAX_STALE`` stale records, or ``MAX_AGE``, the
    table is rebuilt. Tables read inside a transaction that changed matching data itself are
    used but never cached.
    """

    _name = "mrc.match.index"
    _description = "Matching Data Cache"

    def init(self):
        self.env.cr.execute(
            """CREATE TABLE IF NOT EXISTS mrc_match_change (
                   id bigserial PRIMARY KEY,
                   kind char(1) NOT NULL,
                   record_id integer,
                   txid bigint NOT NULL DEFAULT txid_current(),
                   create_date timestamp NOT NULL DEFAULT (now() at time zone 'UTC'))"""
        )
        self.env.cr.execute(
            """CREATE INDEX IF NOT EXISTS mrc_match_change_kind_txid_idx
                   ON mrc_match_change (kind, txid)"""
        )
        self.pool.post_init(self._mrc_install_triggers)

    def _mrc_install_triggers(self):
        """(Re)create the triggers logging changes of the watched tables."""
        cr = self.env.cr
        cr.execute(
            """CREATE OR REPLACE FUNCTION mrc_match_log_rows() RETURNS trigger AS $$
               BEGIN
                   IF TG_OP IN ('INSERT', 'UPDATE') THEN
                       EXECUTE format('INSERT INTO mrc_match_change (kind, record_id)
                                       SELECT DISTINCT %L, %I FROM new_rows', TG_ARGV[0],
                                       TG_ARGV[1]);
                   END IF;
                   IF TG_OP IN ('DELETE', 'UPDATE') THEN
                       EXECUTE format('INSERT INTO mrc_match_change (kind, record_id)
                                       SELECT DISTINCT %L, %I FROM old_rows', TG_ARGV[0],
                                       TG_ARGV[1]);
                   END IF;
                   RETURN NULL;
               END $$ LANGUAGE plpgsql"""
        )
        cr.execute(
            """CREATE OR REPLACE FUNCTION mrc_match_log_row() RETURNS trigger AS $$
               BEGIN
                   INSERT INTO mrc_match_change (kind, record_id) VALUES (TG_ARGV[0], NEW.id);
                   RETURN NULL;
               END $$ LANGUAGE plpgsql"""
        )
        for table, kind, column, watched in WATCHED:
            cr.execute("SELECT to_regclass(%s)", [table])
            if not cr.fetchone()[0]:
                _logger.info("Matching cache: table %s missing, not watched", table)
                continue
            events = [
                ("ins", "INSERT", "NEW TABLE AS new_rows"),
                ("del", "DELETE", "OLD TABLE AS old_rows"),
            ]
            if watched is None:
                events.append(("upd", "UPDATE", "NEW TABLE AS new_rows OLD TABLE AS old_rows"))
            for suffix, event, referencing in events:
                cr.execute(
                    SQL(
                        """DROP TRIGGER IF EXISTS %(name)s ON %(table)s;
                           CREATE TRIGGER %(name)s AFTER %(event)s ON %(table)s
                           REFERENCING %(referencing)s FOR EACH STATEMENT
                           EXECUTE PROCEDURE mrc_match_log_rows(%(kind)s, %(column)s)""",
                        name=SQL.identifier(f"mrc_match_{suffix}_{table}"[:63]),
                        event=SQL(event),
                        table=SQL.identifier(table),
                        referencing=SQL(referencing),
                        kind=SQL.identifier(kind),
                        column=SQL.identifier(column),
                    )
                )
            if watched:
                cr.execute(
                    SQL(
                        """DROP TRIGGER IF EXISTS %(name)s ON %(table)s;
                           CREATE TRIGGER %(name)s AFTER UPDATE OF %(columns)s ON %(table)s
                           FOR EACH ROW EXECUTE PROCEDURE mrc_match_log_row(%(kind)s)""",
                        name=SQL.identifier(f"mrc_match_upd_{table}"[:63]),
                        columns=SQL(", ").join(SQL.identifier(name) for name in watched),
                        table=SQL.identifier(table),
                        kind=SQL.identifier(kind),
                    )
                )

    @api.model
    def _mrc_cached(self, kind, build, lang):
        """A cached table and the ids of its stale records.

        :param kind: ``"c"`` (migrants) or ``"j"`` (vacancies).
        :param build: a function returning a fresh table of every current record.
        :return: ``(table, stale ids)``; the stale ids' rows must be skipped and read afresh.
        """
        cr = self.env.cr
        cr.execute(
            """SELECT txid_snapshot_xmin(txid_current_snapshot()),
                      EXISTS(SELECT 1 FROM mrc_match_change
                              WHERE txid = txid_current_if_assigned())"""
        )
        xmin, dirty_here = cr.fetchone()
        key = (cr.dbname, kind, lang)
        with _LOCK:
            entry = _CACHE.get(key)
        if entry and time.time() - entry["built"] < MAX_AGE:
            cr.execute(
                """SELECT DISTINCT kind, record_id FROM mrc_match_change
                    WHERE kind IN (%s, 'v') AND txid >= %s""",
                [kind, entry["xmin"]],
            )
            changes = cr.fetchall()
            stale = {record_id for change, record_id in changes if change == kind}
            if len(stale) <= MAX_STALE and not any(change == "v" for change, _id in changes):
                return entry["table"], stale
        started = time.perf_counter()
        table = build()
        if not dirty_here:
            with _LOCK:
                _CACHE[key] = {"table": table, "xmin": xmin, "built": time.time()}
            _logger.info(
                "Matching cache of %s (%s rows) built in %.1f s",
                "migrants" if kind == "c" else "vacancies",
                len(table),
                time.perf_counter() - started,
            )
        return table, set()

    @api.model
    def _mrc_forget_old_changes(self):
        """Delete the change log older than a day (cached tables live half a day at most)."""
        self.env.cr.execute(
            """DELETE FROM mrc_match_change
                WHERE create_date < (now() at time zone 'UTC') - interval '1 day'"""
        )

    @api.model
    def _mrc_forget(self):
        """Drop this database's cached tables (they are rebuilt on next use)."""
        with _LOCK:
            for key in [key for key in _CACHE if key[0] == self.env.cr.dbname]:
                del _CACHE[key]
