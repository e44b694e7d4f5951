"""Rule 8 when a closed case of gender-based violence is reopened (JSON-RPC as its counsellor):
while it was closed its counsellor may have lost the GBV training, or the client card may have
gone to a counsellor who may not hold it. Reopening checks the case's counsellor again and
brings the card back to the case's counsellor."""

from odoo.tests import HttpCase, tagged

from odoo.addons.mrc_skills.tests.common import MrcRpcMixin

from .common import MrcCasesFixtures


@tagged("post_install", "-at_install")
class TestGbvReopen(MrcCasesFixtures, MrcRpcMixin, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_staff()
        cls.case = cls._intake(cls.gbv_counsellor, "C3 Lina")
        cls._answer(cls.case, cls.indicator_harassment)
        cls.case.with_user(cls.gbv_counsellor).action_mrc_close()
        cls.card = cls.case.candidate_id

    def _reopen(self):
        self.authenticate(self.gbv_counsellor.login, self.gbv_counsellor.login)
        return self.rpc("mrc.intake", "action_mrc_reopen", [self.case.ids])

    def test_reopen_refused_when_the_counsellor_may_no_longer_hold_it(self):
        self.assertTrue(self.case.is_gbv)
        self.gbv_counsellor.with_user(self.manager).write({"mrc_is_gbv_trained": False})
        message = self.assert_rpc_refused(self._reopen(), "reopening for an untrained counsellor")
        self.assertIn("gender-based violence", message)
        self.case.invalidate_recordset()
        self.assertEqual(self.case.state, "closed", "the case stays closed")

    def test_reopened_case_takes_the_card_back(self):
        # while the case was closed, the card went to a man (no open GBV case then)
        self.card.with_user(self.manager).write({"user_id": self.male_counsellor.id})
        self.assert_rpc_ok(self._reopen(), "reopening by its trained counsellor")
        self.env.invalidate_all()
        self.assertEqual(self.case.state, "open")
        self.assertEqual(
            self.card.user_id, self.gbv_counsellor, "the card follows the reopened GBV case"
        )
