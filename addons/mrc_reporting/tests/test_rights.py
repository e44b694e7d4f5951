"""The indicator set covers every client whatever the record rules: managers only compute it,
also through JSON-RPC."""

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.mrc_recruiters.tests.common import assert_rpc_refused, call_kw, rpc_error


@tagged("post_install", "-at_install")
class TestIndicatorRights(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        group = "mrc_recruiters.group_mrc_"
        cls.counsellor = new_test_user(
            cls.env, login="m1_counsellor", groups=f"base.group_user,{group}counsellor"
        )
        cls.manager = new_test_user(
            cls.env, login="m1_manager", groups=f"base.group_user,{group}manager"
        )
        cls.period = {"date_from": "2026-01-01", "date_to": "2026-12-31", "by_sex": True}

    def test_counsellor_cannot_compute(self):
        """A counsellor is refused the API in Python and the wizard and indicators over
        JSON-RPC."""
        with self.assertRaises(AccessError):
            self.env["mrc.indicator"].with_user(self.counsellor)._mrc_compute(
                "2026-01-01", "2026-12-31"
            )
        self.authenticate("m1_counsellor", "m1_counsellor")
        answer = call_kw(self, "mrc.indicator.compute.wizard", "create", [self.period])
        assert_rpc_refused(self, answer, "counsellor creates the compute wizard")
        answer = call_kw(
            self,
            "mrc.indicator",
            "_mrc_compute",
            [],
            {"date_from": "2026-01-01", "date_to": "2026-12-31"},
        )
        assert_rpc_refused(self, answer, "counsellor calls the private API")
        answer = call_kw(self, "mrc.indicator", "search_read", [[]], {"fields": ["code"]})
        assert_rpc_refused(self, answer, "counsellor reads the indicator set")

    def test_manager_computes_through_the_wizard(self):
        """A manager computes over JSON-RPC and gets rows broken down by sex."""
        self.authenticate("m1_manager", "m1_manager")
        answer = call_kw(self, "mrc.indicator.compute.wizard", "create", [self.period])
        self.assertIsNone(rpc_error(answer), answer)
        wizard_id = answer["result"]
        answer = call_kw(self, "mrc.indicator.compute.wizard", "action_compute", [[wizard_id]])
        self.assertIsNone(rpc_error(answer), answer)
        lines = self.env["mrc.indicator.compute.line"].search([("wizard_id", "=", wizard_id)])
        self.assertIn("migrants_served", lines.indicator_id.mapped("code"))
        self.assertTrue(lines.filtered(lambda line: line.sex), "rows broken down by sex")
