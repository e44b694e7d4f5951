"""Settings change only for administrators (rule 7), through the door a client uses."""

from odoo.tests import HttpCase, tagged

from .common import MrcRecruitersCase, assert_rpc_refused, call_kw, rpc_error

PARAMS = (
    "mrc_recruiters.risk_threshold",
    "mrc_recruiters.risk_half_life_days",
    "mrc_recruiters.license_warning_days",
)


def settings_snapshot(env, keys):
    """The stored values of these system parameters, and who may edit mail templates."""
    params = env["ir.config_parameter"].sudo()
    editors = env.ref("mail.group_mail_template_editor", raise_if_not_found=False)
    implied = env.ref("base.group_user").implied_ids
    return {key: params.get_param(key) for key in keys}, bool(editors and editors in implied)


@tagged("post_install", "-at_install")
class TestRpcSettings(MrcRecruitersCase, HttpCase):
    def test_staff_cannot_save_settings(self):
        """No MRC role, not even a manager, saves the settings: ``set_values`` and
        ``execute`` over RPC, on no record (``[[]]``) or on one, are refused and every
        parameter keeps its value."""
        before = settings_snapshot(self.env, PARAMS)
        for user in (self.counsellor, self.liaison, self.officer, self.manager):
            self.authenticate(user.login, user.login)
            for method in ("set_values", "execute"):
                with self.subTest(user=user.login, method=method):
                    answer = call_kw(self, "res.config.settings", method, [[]])
                    name = assert_rpc_refused(self, answer, f"{user.login} {method}")
                    self.assertEqual(name, "odoo.exceptions.AccessError", answer)
                    self.assertEqual(settings_snapshot(self.env, PARAMS), before)

    def test_admin_saves_one_settings_record(self):
        """An administrator saves the settings from a settings record; a call on no record
        stores nothing (it would store every setting as empty)."""
        before = settings_snapshot(self.env, PARAMS)
        self.authenticate("admin", "admin")
        answer = call_kw(self, "res.config.settings", "set_values", [[]])
        assert_rpc_refused(self, answer, "admin set_values on no record")
        self.assertEqual(settings_snapshot(self.env, PARAMS), before)
        answer = call_kw(self, "res.config.settings", "create", [{"mrc_risk_threshold": 45}])
        self.assertIsNone(rpc_error(answer), answer)
        answer = call_kw(self, "res.config.settings", "execute", [[answer["result"]]])
        self.assertIsNone(rpc_error(answer), answer)
        params = self.env["ir.config_parameter"].sudo()
        self.assertEqual(float(params.get_param("mrc_recruiters.risk_threshold")), 45.0)
        self.assertEqual(params.get_param("mrc_recruiters.risk_half_life_days"), "365")

    def test_one_reader_with_the_fields_defaults(self):
        """The settings reader converts the stored text to the field's type and falls back
        to the field's default when the parameter is missing or unreadable."""
        Settings = self.env["res.config.settings"]
        params = self.env["ir.config_parameter"].sudo()
        params.set_param("mrc_recruiters.risk_threshold", "42.5")
        self.assertEqual(Settings._mrc_param("mrc_recruiters.risk_threshold"), 42.5)
        params.set_param("mrc_recruiters.risk_threshold", "not a number")
        self.assertEqual(Settings._mrc_param("mrc_recruiters.risk_threshold"), 60.0)
        params.set_param("mrc_recruiters.license_warning_days", False)
        self.assertEqual(Settings._mrc_param("mrc_recruiters.license_warning_days"), 30)
