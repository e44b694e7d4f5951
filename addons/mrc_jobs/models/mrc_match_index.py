import logging
import shutil
import threading
from pathlib import Path

from odoo import api, models, tools
from odoo.tools import SQL

from odoo.addons.mrc_skills.lib.normalize import normalize

from ..lib import matching

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
PROFICIENCY = {"basic": 0.25, "intermediate": 0.5, "fluent": 0.75, "native": 1.0}
MAX_STALE = 5000  # more stale records than this: rebuild instead of patching
# ... unless a rebuild would find as many (see _mrc_stale): patched up to this share of rows
MAX_PATCH = 0.25
MAX_AGE = 12 * 3600  # seconds; the change log keeps a day
STORE_FOLDER = "mrc_matching"  # beside the filestore's attachments
STORE_FORMAT = 2  # bumped when the stored tables change shape
STORE_ROOT = None  # the folder holding STORE_FOLDER; None: the database's filestore
_CACHE = {}
_LOCK = threading.Lock()


def drop_change_log(cr):
    """Remove what the matching cache keeps in the database outside the ORM: the triggers on
    the watched tables (core tables among them), their functions and the change log. Called
    when mrc_jobs is uninstalled; the per-process cache is emptied too."""
    for table, _kind, _column, _watched in WATCHED:
        cr.execute("SELECT to_regclass(%s)", [table])
        if not cr.fetchone()[0]:
            continue
        for suffix in ("ins", "del", "upd"):
            cr.execute(
                SQL(
                    "DROP TRIGGER IF EXISTS %s ON %s",
                    SQL.identifier(f"mrc_match_{suffix}_{table}"[:63]),
                    SQL.identifier(table),
                )
            )
    cr.execute("DROP FUNCTION IF EXISTS mrc_match_log_rows()")
    cr.execute("DROP FUNCTION IF EXISTS mrc_match_log_row()")
    cr.execute("DROP TABLE IF EXISTS mrc_match_change")
    shutil.rmtree(Path(tools.config.filestore(cr.dbname)) / STORE_FOLDER, ignore_errors=True)
    with _LOCK:
        _CACHE.clear()


class MrcMatchIndex(models.AbstractModel):
    """The matching data: read in a few queries (one per kind of row, restricted to what can
    matter), and the tables of all active migrants and all eligible vacancies, shared by every
    worker through a memory-mapped file per database (``mrc_match_shared.py``), so that one
    vacancy or one migrant is ranked without reading everything again.

    Staleness is exact, not guessed: triggers log the id of every migrant and vacancy whose
    matching data changes (``mrc_match_change``, with the writing transaction's id). A stored
    table remembers the oldest transaction still running when it was read; any change logged
    by that transaction or a later one marks its record stale, and stale records are left out
    of the table and read afresh. Past ``MAX_STALE`` stale records, ``MAX_AGE``, or a change of
    the vocabulary, the table is rebuilt. Tables read inside a transaction that changed
    matching data itself are used but never stored.
    """

    _name = "mrc.match.index"
    _description = "Matching Data"

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
    def _mrc_forget_old_changes(self):
        """Delete the change log older than a day (cached tables live half a day at most)."""
        self.env.cr.execute(
            """DELETE FROM mrc_match_change
                WHERE create_date < (now() at time zone 'UTC') - interval '1 day'"""
        )

    # ------------------------------------------------------------------------------------------
    # Gathering the data (a few queries each)
    # ------------------------------------------------------------------------------------------
    @api.model
    def _mrc_vocabulary(self):
        """skill id -> (display name, normalised terms) for every skill, cached until a skill
        or an alias changes."""
        self.env.cr.execute(
            """SELECT (SELECT COUNT(*) FROM hr_skill), (SELECT MAX(write_date) FROM hr_skill),
                      (SELECT COUNT(*) FROM mrc_skill_alias),
                      (SELECT MAX(write_date) FROM mrc_skill_alias)"""
        )
        signature = tuple(str(value) for value in self.env.cr.fetchone())
        return self._mrc_vocabulary_cached(signature, self.env.lang or "en_US")

    @tools.ormcache("signature", "lang")
    def _mrc_vocabulary_cached(self, signature, lang):
        return self._mrc_vocabulary_shared(signature, lang)

    @api.model
    def _mrc_vocabulary_build(self, lang):
        """skill id -> (display name in ``lang``, normalised terms), read from the database."""
        self.env.cr.execute("SELECT id, name FROM hr_skill")
        names, terms = {}, {}
        cache = {}

        def norm(text, code):
            key = (text, code)
            if key not in cache:
                cache[key] = normalize(text, code)
            return cache[key]

        for skill_id, name in self.env.cr.fetchall():
            translations = name if isinstance(name, dict) else {"en_US": name or ""}
            names[skill_id] = translations.get(lang) or translations.get("en_US") or ""
            terms[skill_id] = [norm(text, code[:2]) for code, text in translations.items()]
        self.env.cr.execute(
            "SELECT skill_id, normalized, name, lang FROM mrc_skill_alias ORDER BY id"
        )
        for skill_id, normalized, name, alias_lang in self.env.cr.fetchall():
            terms.setdefault(skill_id, []).append(normalized or norm(name, alias_lang))
        return {
            skill_id: (names.get(skill_id, ""), tuple(dict.fromkeys(t for t in found if t)))
            for skill_id, found in terms.items()
        }

    @api.model
    def _mrc_similarity(self, query_ids, vocabulary_ids=None, weights=None):
        """Fuzzy similarity of the query skills with the vocabulary skills (all when None),
        at the threshold of ``weights`` (the engine passes the settings' weights)."""
        weights = weights or matching.Weights()
        vocabulary = self._mrc_vocabulary()
        queries = {int(i): vocabulary.get(int(i), ("", ()))[1] for i in query_ids}
        if vocabulary_ids is None:
            choices = {i: terms for i, (_name, terms) in vocabulary.items()}
        else:
            choices = {int(i): vocabulary.get(int(i), ("", ()))[1] for i in vocabulary_ids}
        return matching.skill_similarity(queries, choices, weights.threshold)

    @api.model
    def _mrc_candidate_ids_sql(self, domain=None):
        """SQL selecting the ids of the active migrants the user may read."""
        return self.env["hr.candidate"]._search(domain or []).subselect()

    @api.model
    def _mrc_fetch_candidates(self, ids, skill_ids=None, language_ids=None):
        """A :class:`~matching.CandidateTable` of the migrants ``ids`` (a list); languages are
        keyed by ``mrc.language`` id (the explanation names them by id).

        ``skill_ids`` / ``language_ids`` restrict the rows read to those that can matter
        (None reads all).
        """
        cr = self.env.cr
        today = self.env.company._mrc_today()
        skill_filter = "" if skill_ids is None else "AND cs.skill_id = ANY(%(skills)s)"
        params = {"ids": list(ids), "skills": list(skill_ids or []), "today": today}
        cr.execute(
            f"""SELECT cs.candidate_id, cs.skill_id, COALESCE(l.level_progress, 100)
                  FROM hr_candidate_skill cs
             LEFT JOIN hr_skill_level l ON l.id = cs.skill_level_id
                 WHERE cs.candidate_id = ANY(%(ids)s) {skill_filter}""",
            params,
        )
        skill_rows = cr.fetchall()
        cert_filter = "" if skill_ids is None else "AND c.skill_id = ANY(%(skills)s)"
        cr.execute(
            f"""SELECT c.candidate_id, c.skill_id FROM mrc_certification c
                 WHERE c.candidate_id = ANY(%(ids)s) AND c.state = 'verified'
                   AND c.skill_id IS NOT NULL
                   AND (c.expiry_date IS NULL OR c.expiry_date >= %(today)s) {cert_filter}""",
            params,
        )
        certificate_rows = cr.fetchall()
        lang_filter = "" if language_ids is None else "AND cl.language_id = ANY(%(languages)s)"
        params["languages"] = list(language_ids or [])
        language_rows = []
        if language_ids is None or language_ids:
            cr.execute(
                f"""SELECT cl.candidate_id, cl.language_id, cl.proficiency
                      FROM mrc_candidate_language cl
                     WHERE cl.candidate_id = ANY(%(ids)s) {lang_filter}""",
                params,
            )
            language_rows = [
                (cid, lang, PROFICIENCY.get(level, 0.5)) for cid, lang, level in cr.fetchall()
            ]
        cr.execute(
            """SELECT rel.candidate_id, occ.code
                 FROM hr_candidate_mrc_desired_occupation_rel rel
                 JOIN mrc_occupation occ ON occ.id = rel.occupation_id
                WHERE rel.candidate_id = ANY(%(ids)s)""",
            params,
        )
        occupation_rows = cr.fetchall()
        cr.execute(
            """SELECT id, mrc_desired_job FROM hr_candidate
                WHERE id = ANY(%(ids)s) AND COALESCE(mrc_desired_job, '') != ''""",
            params,
        )
        desired = dict(cr.fetchall())
        cr.execute(
            """SELECT candidate_id, country_id FROM hr_candidate_mrc_preferred_country_rel
                WHERE candidate_id = ANY(%(ids)s)""",
            params,
        )
        country_rows = cr.fetchall()
        return matching.CandidateTable(
            ids,
            skill_rows,
            language_rows,
            occupation_rows,
            desired,
            country_rows,
            certificate_rows,
        )

    @api.model
    def _mrc_fetch_jobs(self, ids):
        """A :class:`~matching.JobTable` of the vacancies ``ids`` (a list)."""
        cr = self.env.cr
        params = {"ids": list(ids), "lang": self.env.lang or "en_US"}
        cr.execute(
            """SELECT js.job_id, js.skill_id, COALESCE(l.level_progress, 0), js.is_mandatory,
                      COALESCE(js.weight, 1.0)
                 FROM mrc_job_skill js
            LEFT JOIN hr_skill_level l ON l.id = js.min_level_id
                WHERE js.job_id = ANY(%(ids)s)""",
            params,
        )
        requirement_rows = cr.fetchall()
        cr.execute(
            """SELECT rel.job_id, rel.language_id FROM hr_job_mrc_language_rel rel
                WHERE rel.job_id = ANY(%(ids)s)""",
            params,
        )
        language_rows = cr.fetchall()
        cr.execute(
            """SELECT job_id, skill_id FROM hr_job_mrc_certification_skill_rel
                WHERE job_id = ANY(%(ids)s)""",
            params,
        )
        certification_rows = cr.fetchall()
        cr.execute(
            """SELECT job.id, COALESCE(job.name->>%(lang)s, job.name->>'en_US'), occ.code,
                      job.mrc_country_id
                 FROM hr_job job
            LEFT JOIN mrc_occupation occ ON occ.id = job.mrc_occupation_id
                WHERE job.id = ANY(%(ids)s)""",
            params,
        )
        titles, codes, countries = {}, {}, {}
        for job_id, title, code, country in cr.fetchall():
            titles[job_id], codes[job_id], countries[job_id] = title, code, country
        return matching.JobTable(
            ids, requirement_rows, language_rows, certification_rows, codes, titles, countries
        )

    @api.model
    def _mrc_eligible_job_ids(self, job_ids=None):
        """Ids of the vacancies offered today (rule 1) the user may read, among ``job_ids``."""
        domain = [("mrc_is_offered", "=", True)]
        if job_ids is not None:
            domain.append(("id", "in", list(job_ids)))
        return self.env["hr.job"]._search(domain, order="id")

    @api.model
    def _mrc_ids(self, query):
        self.env.cr.execute(query.select())
        return [row[0] for row in self.env.cr.fetchall()]

    @api.model
    def _mrc_all_candidates(self):
        """A table of every active migrant (for the cache: no record rule applies)."""
        self.env.cr.execute("SELECT id FROM hr_candidate WHERE active ORDER BY id")
        return self._mrc_fetch_candidates([row[0] for row in self.env.cr.fetchall()])

    @api.model
    def _mrc_all_jobs(self):
        """A table of every eligible vacancy (for the cache: no record rule applies)."""
        self.env.cr.execute("SELECT id FROM hr_job WHERE active AND mrc_is_eligible ORDER BY id")
        return self._mrc_fetch_jobs([row[0] for row in self.env.cr.fetchall()])
