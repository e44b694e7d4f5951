import tempfile
from unittest.mock import patch

from odoo import Command

from odoo.addons.mrc_jobs.models import mrc_match_index

from .common import MrcJobsCase


class MatchCacheCase(MrcJobsCase):
    """A welder's vacancy, and the shared matching files of each test in a folder of their
    own (never the database's), with ``STORE_PATCHES`` for other constants of
    ``mrc_match_index``."""

    STORE_PATCHES = {}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.welder_job = cls._make_vacancy(
            "Welder",
            mrc_skill_requirement_ids=[cls._welding_at_intermediate(is_mandatory=True)],
        )

    def setUp(self):
        super().setUp()
        folder = tempfile.TemporaryDirectory()
        self.addCleanup(folder.cleanup)
        for name, value in {"STORE_ROOT": folder.name, **self.STORE_PATCHES}.items():
            patcher = patch.object(mrc_match_index, name, value)
            patcher.start()
            self.addCleanup(patcher.stop)
        self.index = self.env["mrc.match.index"]
        self.index._mrc_forget()
        self.addCleanup(self.index._mrc_forget)

    def _share(self):
        """Build the migrants' table and write the shared file, as a worker does that reads
        it in a transaction of its own; then forget it in this process. Return the table
        and its stamp."""
        # this transaction's changes of the vocabulary (all stale): count them as older
        self.env.flush_all()
        self.env.cr.execute("DELETE FROM mrc_match_change WHERE kind = 'v'")
        table = self.index._mrc_all_candidates()
        mark = self.index._mrc_snapshot_mark()
        _shared, meta = self.index._mrc_store("c", None, table, mark)
        self.index._mrc_forget()
        return table, meta

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
