from unittest.mock import patch

from odoo.tests import tagged

from odoo.addons.mrc_jobs.lib.matching import store
from odoo.addons.mrc_jobs.models import mrc_match_index

from .match_cache_common import MatchCacheCase


def _refuse_to_build():
    raise AssertionError("the shared matching data must be patched, not rebuilt")


@tagged("post_install", "-at_install")
class TestMatchPatch(MatchCacheCase):
    """More than MAX_STALE migrants changed since the shared table was read, while a
    transaction of this database that was running then still runs: a table built now would
    get the same mark and find them all stale again, so the table is patched (the changed
    migrants read afresh) instead of being rebuilt on every use."""

    STORE_PATCHES = {"MAX_STALE": 1}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other = cls.migrant.copy({"partner_name": "Ana López"})

    def test_held_mark_patches_instead_of_rebuilding(self):
        """Two migrants changed (more than MAX_STALE = 1) and the mark held back (this
        test's transaction keeps its snapshot): the mapped table is used with both read
        afresh, and Find candidates finds both new welders."""
        _table, meta = self._share()
        migrants = self.migrant | self.other
        self._learn_welding(migrants)
        self.assertLessEqual(self.index._mrc_snapshot_mark(), meta["mark"], "the mark is held")
        table, stale = self.index._mrc_cached("c", _refuse_to_build, self.env.lang)
        self.assertTrue(store.is_mapped(table.ids), "the shared file must be used")
        self.assertLessEqual(set(migrants.ids), stale, "the changed migrants are read afresh")
        action = self.welder_job.with_user(self.counsellor).action_mrc_find_candidates()
        found = self.env["mrc.match"].search(action["domain"]).candidate_id
        self.assertEqual(found & migrants, migrants, "the click must see both changes")

    def test_moved_mark_or_too_many_rebuild(self):
        """A table whose mark a rebuild would move past, or one with more than MAX_PATCH of
        its rows stale, is too stale: rebuilt as before."""
        _table, meta = self._share()
        self._learn_welding(self.migrant | self.other)
        held = self.index._mrc_stale("c", meta, meta["mark"])
        self.assertLessEqual(set((self.migrant | self.other).ids), held)
        self.assertIsNone(
            self.index._mrc_stale("c", meta, meta["mark"] + 1), "a rebuild would see them all"
        )
        self.assertIsNone(self.index._mrc_stale("c", meta), "no mark given: as before")
        with patch.object(mrc_match_index, "MAX_PATCH", 1 / (meta["rows"] + 1)):
            self.assertIsNone(self.index._mrc_stale("c", meta, meta["mark"]), "too many to patch")
