import logging
import shutil
import time
from pathlib import Path

import numpy as np

from odoo import api, models, tools

from ..lib import matching
from . import mrc_match_index

_logger = logging.getLogger(__name__)


class MrcMatchShared(models.AbstractModel):
    """The matching data shared by every worker: each table (all active migrants, all eligible
    vacancies per language, the skill vocabulary per language) is built once per database by
    the first worker that needs it, written beside the filestore (``lib/matching/store.py``:
    one file, written atomically) and memory-mapped read-only by every worker, so its pages
    are the operating system's, shared between processes. Constants and the per-process cache
    live in ``mrc_match_index`` (tests change ``STORE_ROOT`` there). See readme/DEVELOP.md.
    """

    _inherit = "mrc.match.index"

    @api.model
    def _mrc_cached(self, kind, build, lang):
        """A cached table and the ids of its stale records.

        Looked for in this process's cache, then in the database's shared file (see
        :meth:`_mrc_store_path`), else built with ``build`` and stored in both (unless this
        transaction changed matching data itself: then it is only used).

        :param kind: ``"c"`` (migrants) or ``"j"`` (vacancies).
        :param build: a function returning a fresh table of every current record.
        :return: ``(table, stale ids)``; the stale ids' rows must be skipped and read afresh.
        """
        cr = self.env.cr
        cr.execute(
            """SELECT EXISTS(SELECT 1 FROM mrc_match_change
                              WHERE txid = txid_current_if_assigned())"""
        )
        dirty_here = cr.fetchone()[0]
        mark = self._mrc_snapshot_mark()
        path = self._mrc_store_path(kind, lang)
        key = (cr.dbname, kind, lang if kind == "j" else None)
        with mrc_match_index._LOCK:
            entry = mrc_match_index._CACHE.get(key)
        patched = None  # a table worth patching rather than rebuilding (see _mrc_stale)
        if entry:
            stale = self._mrc_stale(kind, entry["meta"], mark)
            if stale is not None and len(stale) <= mrc_match_index.MAX_STALE:
                return entry["table"], stale
            if stale is not None:
                patched = (entry["table"], entry["meta"], stale)
        try:
            table, meta = self._mrc_load(kind, path)
        except FileNotFoundError:
            stale = None
        except (OSError, ValueError, KeyError):
            _logger.warning("Matching data %s unreadable, rebuilt", path, exc_info=True)
            stale = None
        else:
            stale = self._mrc_stale(kind, meta, mark)
        if stale is not None and (patched is None or len(stale) <= len(patched[2])):
            patched = (table, meta, stale)
        if patched is not None:
            table, meta, stale = patched
            with mrc_match_index._LOCK:
                mrc_match_index._CACHE[key] = {"table": table, "meta": meta}
            return table, stale
        started = time.perf_counter()
        table = build()
        if dirty_here:
            return table, set()
        table, meta = self._mrc_store(kind, lang, table, mark)
        with mrc_match_index._LOCK:
            mrc_match_index._CACHE[key] = {"table": table, "meta": meta}
        _logger.info(
            "Matching data of %s (%s rows) built in %.1f s",
            "migrants" if kind == "c" else "vacancies",
            len(table),
            time.perf_counter() - started,
        )
        return table, set()

    @api.model
    def _mrc_snapshot_mark(self):
        """The lowest transaction id whose changes this transaction's snapshot may not see:
        the oldest transaction of this database still running when the snapshot was taken,
        or the snapshot's upper bound (``matching.store.snapshot_mark``). Transactions of other
        databases of the cluster cannot write this database's change log: a long one there (a
        report, a bulk load) must not make every record look stale here, as PostgreSQL's own
        ``xmin`` does."""
        snapshot, elsewhere = self._mrc_snapshot_state()
        return matching.store.snapshot_mark(snapshot, elsewhere)

    @api.model
    def _mrc_snapshot_state(self):
        """This transaction's snapshot (text) and the 32-bit ids of the transactions running
        in other databases, known by the lock each holds on its own id (pg_locks, readable
        by every role). One that ended since the snapshot was taken is not listed, so it
        stays in the mark, which only gets more cautious."""
        self.env.cr.execute(
            """SELECT txid_current_snapshot()::text,
                      ARRAY(SELECT l.transactionid::text::bigint
                              FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                             WHERE l.locktype = 'transactionid' AND l.mode = 'ExclusiveLock'
                               AND l.granted AND a.datname <> current_database())"""
        )
        snapshot, elsewhere = self.env.cr.fetchone()
        return snapshot, set(elsewhere)

    @api.model
    def _mrc_store(self, kind, lang, table, mark):
        """Write ``table``, read in a snapshot whose changes before ``mark`` are all seen
        (:meth:`_mrc_snapshot_mark`), to the shared file; return its memory-mapped copy (or
        ``table`` itself when the file cannot be written) and the stamp kept with it."""
        meta = {
            "format": mrc_match_index.STORE_FORMAT,
            "database": self.env["ir.config_parameter"].sudo().get_param("database.uuid"),
            "mark": mark,
            "built": time.time(),
            "rows": len(table),
        }
        path = self._mrc_store_path(kind, lang)
        try:
            matching.store.write_arrays(path, table.to_arrays(), meta)
            # the mapped copy: its pages are shared with every worker reading the file
            table, _meta = self._mrc_load(kind, path)
        except OSError:
            _logger.warning("Matching data %s could not be stored", path, exc_info=True)
        return table, meta

    @api.model
    def _mrc_store_path(self, kind, lang):
        """The database's file of the table ``kind``, beside its filestore (shared by every
        worker and every server that shares the filestore); vacancies have one per language
        (their titles), and so has the vocabulary (``"vocabulary"``, the skills' names)."""
        name = f"{kind}-{lang or 'en_US'}" if kind != "c" else kind
        root = mrc_match_index.STORE_ROOT or tools.config.filestore(self.env.cr.dbname)
        folder = Path(root) / mrc_match_index.STORE_FOLDER
        return folder / f"{name}.arrays"

    @api.model
    def _mrc_load(self, kind, path):
        """The table of a shared file, memory-mapped, and its stamp."""
        arrays, meta = matching.store.read_arrays(path)
        if kind == "c":
            return matching.CandidateTable.from_arrays(arrays), meta
        return matching.JobTable.from_arrays(arrays), meta

    @api.model
    def _mrc_stale(self, kind, meta, mark=None):
        """The ids of ``kind`` changed since the table of ``meta`` was read, or None when the
        table is too stale to use: built for another database or format, older than
        ``MAX_AGE``, more than ``MAX_STALE`` records changed, or a vocabulary change.

        With ``mark``, the mark a table built now would get (:meth:`_mrc_snapshot_mark`):
        when it is no later than the table's, a transaction of this database that was already
        running when the table was read still runs, and a table built now would find the same
        records stale. Up to ``MAX_PATCH`` of the rows they are then returned (to be read
        afresh) instead of None: rebuilding could not help, and every use until that
        transaction ends would rebuild the table again.

        A record is stale when the change log holds a row of it written by a transaction the
        table's snapshot may not have seen (its ``mark`` or a later one). Pruning keeps that
        true as long as it deletes only rows older than ``MAX_AGE`` and rows followed by a
        newer one of the same record (``mrc.match.refresh._mrc_prune_changes``).
        """
        params = self.env["ir.config_parameter"].sudo()
        if (
            meta.get("format") != mrc_match_index.STORE_FORMAT
            or meta.get("database") != params.get_param("database.uuid")
            or not 0 <= time.time() - meta.get("built", 0) < mrc_match_index.MAX_AGE
        ):
            return None
        cr = self.env.cr
        cr.execute(
            """SELECT DISTINCT kind, record_id FROM mrc_match_change
                WHERE kind IN (%s, 'v') AND txid >= %s""",
            [kind, meta["mark"]],
        )
        changes = cr.fetchall()
        stale = {record_id for change, record_id in changes if change == kind}
        if any(change == "v" for change, _id in changes):
            return None
        if len(stale) > mrc_match_index.MAX_STALE:
            held = mark is not None and mark <= meta["mark"]
            if not held or len(stale) > mrc_match_index.MAX_PATCH * meta.get("rows", 0):
                return None
        return stale

    @api.model
    def _mrc_forget(self, files=False):
        """Drop this process's cached tables of this database (they are read again from the
        shared files on next use); with ``files``, the shared files too (then rebuilt)."""
        with mrc_match_index._LOCK:
            for key in [key for key in mrc_match_index._CACHE if key[0] == self.env.cr.dbname]:
                del mrc_match_index._CACHE[key]
        if files:
            shutil.rmtree(self._mrc_store_path("c", None).parent, ignore_errors=True)

    @api.model
    def _mrc_vocabulary_shared(self, signature, lang):
        """The vocabulary of :meth:`_mrc_vocabulary_build`, from the database's shared file
        when it was written for the same skills and aliases (``signature``), else built and
        written. A signature names the data it was read from (counts, last writes): a
        transaction's uncommitted changes give a signature no committed state will have."""
        path = self._mrc_store_path("vocabulary", lang)
        stamp = {
            "format": mrc_match_index.STORE_FORMAT,
            "database": self.env["ir.config_parameter"].sudo().get_param("database.uuid"),
            "signature": list(signature),
        }
        arrays, meta = {}, None
        if path.exists():
            try:
                arrays, meta = matching.store.read_arrays(path)
            except (OSError, ValueError):
                _logger.warning("Matching vocabulary %s unreadable, rebuilt", path, exc_info=True)
        if meta == stamp:
            terms = arrays["terms"].tolist()
            ptr = arrays["ptr"].tolist()
            return {
                skill_id: (name, tuple(terms[ptr[i] : ptr[i + 1]]))
                for i, (skill_id, name) in enumerate(
                    zip(arrays["ids"].tolist(), arrays["names"].tolist())
                )
            }
        vocabulary = self._mrc_vocabulary_build(lang)
        ids = sorted(vocabulary)
        terms = [term for skill_id in ids for term in vocabulary[skill_id][1]]
        arrays = {
            "ids": np.asarray(ids, dtype=np.int64),
            "names": np.asarray([vocabulary[i][0] for i in ids], dtype=str),
            "ptr": np.cumsum([0] + [len(vocabulary[i][1]) for i in ids], dtype=np.int64),
            "terms": np.asarray(terms, dtype=str),
        }
        try:
            matching.store.write_arrays(path, arrays, stamp)
        except OSError:
            _logger.warning("Matching vocabulary %s could not be stored", path, exc_info=True)
        return vocabulary
