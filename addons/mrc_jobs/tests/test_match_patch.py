import tempfile
from unittest.mock import patch

from odoo import Command
from odoo.tests import tagged

from odoo.addons.mrc_jobs.lib.matching import store
from odoo.addons.mrc_jobs.models import mrc_match_index

from .common import MrcJobsCase


def _refuse_to_build():
    raise AssertionError("the shared matching data must be patched, not rebuilt")


@tagged("post_install", "-at_install")
class TestMatchPatch(MrcJobsCase):
    """More than MAX_STALE migrants changed since the shared table was read, while a
    transaction of this database that was running then still runs: a table built now would
    get the same mark and find them all stale again, so the table is patched (the changed
    migrants read afresh) instead of being rebuilt on every use."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.welder_job = cls._make_vacancy(
            "Welder",
            mrc_skill_requirement_ids=[
                Command.create(
                    {
                        "skill_id": cls.welding.id,
                        "skill_type_id": cls.skill_type.id,
                        "min_level_id": cls.level_intermediate.id,
                        "is_mandatory": True,
                    }
                )
            ],
        )
        cls.other = cls.migrant.copy({"partner_name": "Ana López"})

    def setUp(self):
        super().setUp()
        folder = tempfile.TemporaryDirectory()
        self.addCleanup(folder.cleanup)
        for name, value in (("STORE_ROOT", folder.name), ("MAX_STALE", 1)):
            patcher = patch.object(mrc_match_index, name, value)
            patcher.start()
            self.addCleanup(patcher.stop)
        self.index = self.env["mrc.match.index"]
        self.index._mrc_forget()
        self.addCleanup(self.index._mrc_forget)

    def _share(self):
        """The migrants' table written to the shared file as a worker does (this test's
        vocabulary changes counted as older), then forgotten in this process."""
        self.env.flush_all()
        self.env.cr.execute("DELETE FROM mrc_match_change WHERE kind = 'v'")
        table = self.index._mrc_all_candidates()
        _shared, meta = self.index._mrc_store("c", None, table, self.index._mrc_snapshot_mark())
        self.index._mrc_forget()
        return meta

    def _learn_welding(self, migrants):
        for migrant in migrants:
            migrant.candidate_skill_ids = [
                Command.create(
                    {
                        "skill_id": self.welding.id,
                        "skill_type_id": self.skill_type.id,
                        "skill_level_id": self.level_expert.id,
                    }
                )
            ]
        self.env.flush_all()

    def test_held_mark_patches_instead_of_rebuilding(self):
        """Two migrants changed (more than MAX_STALE = 1) and the mark held back (this
        test's transaction keeps its snapshot): the mapped table is used with both read
        afresh, and Find candidates finds both new welders."""
        meta = self._share()
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
        meta = self._share()
        self._learn_welding(self.migrant | self.other)
        held = self.index._mrc_stale("c", meta, meta["mark"])
        self.assertLessEqual(set((self.migrant | self.other).ids), held)
        self.assertIsNone(
            self.index._mrc_stale("c", meta, meta["mark"] + 1), "a rebuild would see them all"
        )
        self.assertIsNone(self.index._mrc_stale("c", meta), "no mark given: as before")
        with patch.object(mrc_match_index, "MAX_PATCH", 1 / (meta["rows"] + 1)):
            self.assertIsNone(self.index._mrc_stale("c", meta, meta["mark"]), "too many to patch")
