import time

from odoo import SUPERUSER_ID, api, sql_db
from odoo.tests import tagged

from odoo.addons.mrc_jobs.lib.matching import store
from odoo.addons.mrc_jobs.models import mrc_match_index

from .match_cache_common import MatchCacheCase


def _refuse_to_build():
    raise AssertionError("the shared matching data must be used, not rebuilt")


@tagged("post_install", "-at_install")
class TestMatchCache(MatchCacheCase):
    """The matching data shared by every worker: one file per database, memory-mapped, used
    only while its change stamp says it is current; stale migrants are read afresh."""

    def _cached(self, env=None, build=_refuse_to_build):
        index = (env or self.env)["mrc.match.index"]
        return index._mrc_cached("c", build, self.env.lang)

    def test_two_environments_share_the_file(self):
        """A process with an empty cache maps the file another one wrote, and every
        environment of the process then shares that one mapped table."""
        built, _meta = self._share()
        counsellor_env = self.env(user=self.counsellor)
        table, _stale = self._cached(counsellor_env)
        self.assertTrue(store.is_mapped(table.ids), "the table must be the mapped file")
        self.assertEqual(table.ids.tolist(), built.ids.tolist())
        self.assertFalse(table.ids.flags.writeable, "workers map the file read-only")
        again, _stale = self._cached(self.env(user=self.manager))
        self.assertIs(again, table, "another environment must reuse the process's table")
        self.assertEqual(
            table.get(self.migrant.id), built.get(self.migrant.id), "the same data, mapped"
        )

    def test_changed_migrant_is_seen_by_the_next_click(self):
        """A migrant changed after the file was written is read afresh: "Find candidates"
        finds the new welder at once, without rebuilding the file."""
        self._share()
        self.assertNotIn(self.migrant, self._find_candidates(), "not a welder yet")
        self._learn_welding(self.migrant)
        _table, stale = self._cached()
        self.assertIn(self.migrant.id, stale, "the changed migrant must be stale")
        self.assertIn(self.migrant, self._find_candidates(), "the click must see the change")
        entry = mrc_match_index._CACHE[(self.env.cr.dbname, "c", None)]
        self.assertTrue(store.is_mapped(entry["table"].ids), "the file must not be rebuilt")

    def _find_candidates(self):
        action = self.welder_job.with_user(self.counsellor).action_mrc_find_candidates()
        return self.env["mrc.match"].search(action["domain"]).candidate_id

    def test_stale_stamp_rebuilds(self):
        """The file is not used once its stamp is out of date: a vocabulary change, its age,
        another database or format."""
        built = []

        def build():
            built.append(True)
            return self.index._mrc_all_candidates()

        _table, meta = self._share()
        self._cached()  # current: used
        self.level_expert.write({"level_progress": 99})
        self.env.flush_all()
        self._cached(build=build)
        self.assertTrue(built, "a skill level changed: the file must be rebuilt")
        for reason, changed in {
            "too old": {"built": time.time() - mrc_match_index.MAX_AGE - 1},
            "another database": {"database": "another"},
            "another format": {"format": -1},
        }.items():
            with self.subTest(reason):
                self.assertIsNone(self.index._mrc_stale("c", {**meta, **changed}), reason)

    def test_pruned_change_log_still_names_stale_migrants(self):
        """The refresh prunes the change log it consumed: a migrant changed twice since the
        file was written is still read afresh, and the click still sees the change."""
        self._share()
        self._learn_welding(self.migrant)
        self.migrant.mrc_desired_job = "Welder"
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT COUNT(*) FROM mrc_match_change WHERE kind = 'c' AND record_id = %s",
            [self.migrant.id],
        )
        self.assertGreater(self.env.cr.fetchone()[0], 1, "two changes logged")
        self.env["mrc.match.refresh"]._mrc_prune_changes()
        self.env.cr.execute(
            "SELECT COUNT(*) FROM mrc_match_change WHERE kind = 'c' AND record_id = %s",
            [self.migrant.id],
        )
        self.assertEqual(self.env.cr.fetchone()[0], 1, "the superseded row is pruned")
        _table, stale = self._cached()
        self.assertIn(self.migrant.id, stale, "the pruned log must still name the migrant")
        self.assertIn(self.migrant, self._find_candidates(), "the click must see the change")

    def test_unreadable_file_is_rebuilt(self):
        """A damaged file is rebuilt instead of failing the click."""
        self._share()
        path = self.index._mrc_store_path("c", None)
        path.write_bytes(b"not matching data")
        built = []

        def build():
            built.append(True)
            return self.index._mrc_all_candidates()

        with self.assertLogs("odoo.addons.mrc_jobs.models.mrc_match_shared", "WARNING"):
            table, _stale = self._cached(build=build)
        self.assertTrue(built)
        self.assertIn(self.migrant.id, table.ids.tolist())

    def test_vocabulary_shared_while_skills_unchanged(self):
        """The skills' names and aliases, normalised, are read from the shared file while the
        skills are unchanged (their signature), and read again from the database after."""
        signature = ("test", "1")
        built = self.index._mrc_vocabulary_shared(signature, "en_US")
        self.assertIn(self.welding.id, built)
        path = self.index._mrc_store_path("vocabulary", "en_US")
        self.assertTrue(path.exists(), "the vocabulary must be stored")
        self.welding.name = "Arc welding"
        self.env.flush_all()
        shared = self.index._mrc_vocabulary_shared(signature, "en_US")
        self.assertEqual(shared, built, "the same signature reads the stored vocabulary")
        fresh = self.index._mrc_vocabulary_shared(("test", "2"), "en_US")
        self.assertIn("arc welding", fresh[self.welding.id][1], "a new signature reads again")

    def _open_transaction(self, dbname):
        """A transaction with an id, left open in ``dbname`` until the test ends."""
        cursor = sql_db.db_connect(dbname).cursor()
        self.addCleanup(cursor.close)
        cursor.execute("SELECT txid_current()")
        return cursor.fetchone()[0]

    def test_long_transaction_elsewhere_does_not_stale_the_tables(self):
        """A long transaction of another database (a report, a bulk load) is running when a
        worker reads the tables: it cannot write this database's change log, so the mark
        passes it by (PostgreSQL's xmin stops at it, and every migrant written after it
        would look stale on every click). One of this database holds the mark back."""
        elsewhere = self._open_transaction("postgres")
        here = self._open_transaction(self.env.cr.dbname)
        with sql_db.db_connect(self.env.cr.dbname).cursor() as cr:
            index = api.Environment(cr, SUPERUSER_ID, {})["mrc.match.index"]
            _snapshot, others = index._mrc_snapshot_state()
            mark = index._mrc_snapshot_mark()
        self.assertIn(elsewhere % 2**32, others, "the other database's transaction is known")
        self.assertNotIn(here % 2**32, others, "this database's transaction is not left out")
        self.assertLessEqual(mark, here, "a transaction of this database holds the mark back")
        # the arithmetic, on snapshots with the other database's transaction the oldest
        snapshot = f"{elsewhere}:{here + 5}:{elsewhere},{here}"
        self.assertEqual(store.snapshot_mark(snapshot, others), here)
        self.assertEqual(
            store.snapshot_mark(f"{elsewhere}:{here + 5}:{elsewhere}", others), here + 5
        )
        self.assertEqual(store.snapshot_mark(snapshot), elsewhere, "nothing known: xmin")
