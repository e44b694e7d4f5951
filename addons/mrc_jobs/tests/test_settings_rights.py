"""The matching settings change only for administrators (rule 7), over JSON-RPC."""

from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.mrc_recruiters.tests.common import assert_rpc_refused, call_kw, rpc_error

WEIGHTS = (
    "mrc_jobs.match_weight_skills",
    "mrc_jobs.match_weight_occupation",
    "mrc_jobs.match_weight_languages",
    "mrc_jobs.match_weight_country",
    "mrc_jobs.match_certificate_bonus",
    "mrc_jobs.match_threshold",
    "mrc_jobs.match_keep",
    "mrc_jobs.match_min_score",
)


@tagged("post_install", "-at_install")
class TestSettingsRights(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.counsellor = new_test_user(
            cls.env,
            login="set_counsellor",
            groups="base.group_user,mrc_recruiters.group_mrc_counsellor",
        )
        params = cls.env["ir.config_parameter"].sudo()
        for key, value in zip(WEIGHTS, ("60.0", "15.0", "10.0", "15.0", "5.0", "82.0", "20", "30")):
            params.set_param(key, value)

    def _weights(self):
        params = self.env["ir.config_parameter"].sudo()
        return {key: params.get_param(key) for key in WEIGHTS}

    def test_counsellor_cannot_zero_the_weights(self):
        """A counsellor's ``set_values`` on no record (``[[]]``) is refused and the eight
        matching parameters keep their values (it used to set them all to 0)."""
        before = self._weights()
        self.authenticate(self.counsellor.login, self.counsellor.login)
        answer = call_kw(self, "res.config.settings", "set_values", [[]])
        name = assert_rpc_refused(self, answer, "counsellor set_values")
        self.assertEqual(name, "odoo.exceptions.AccessError")
        self.assertEqual(self._weights(), before)

    def test_admin_stores_the_record_weights(self):
        """An administrator's settings record stores its weights, a zero weight included;
        a call on no record stores nothing."""
        before = self._weights()
        self.authenticate("admin", "admin")
        answer = call_kw(self, "res.config.settings", "set_values", [[]])
        assert_rpc_refused(self, answer, "admin set_values on no record")
        self.assertEqual(self._weights(), before)
        answer = call_kw(
            self,
            "res.config.settings",
            "create",
            [{"mrc_match_weight_country": 0.0, "mrc_match_weight_skills": 70.0}],
        )
        self.assertIsNone(rpc_error(answer), answer)
        answer = call_kw(self, "res.config.settings", "execute", [[answer["result"]]])
        self.assertIsNone(rpc_error(answer), answer)
        after = self._weights()
        self.assertEqual(float(after["mrc_jobs.match_weight_country"]), 0.0)
        self.assertEqual(float(after["mrc_jobs.match_weight_skills"]), 70.0)
        self.assertEqual(float(after["mrc_jobs.match_weight_languages"]), 10.0)
