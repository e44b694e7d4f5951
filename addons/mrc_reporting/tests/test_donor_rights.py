"""The donor report is for managers: a counsellor is refused over JSON-RPC, a manager gets the
XLSX download."""

from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.mrc_recruiters.tests.common import assert_rpc_refused, call_kw, rpc_error


@tagged("post_install", "-at_install")
class TestDonorReportRights(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        group = "mrc_recruiters.group_mrc_"
        cls.counsellor = new_test_user(
            cls.env, login="m2d_counsellor", groups=f"base.group_user,{group}counsellor"
        )
        cls.manager = new_test_user(
            cls.env, login="m2d_manager", groups=f"base.group_user,{group}manager"
        )
        cls.vals = {"date_from": "2026-01-01", "date_to": "2026-12-31"}

    def test_counsellor_refused(self):
        self.authenticate("m2d_counsellor", "m2d_counsellor")
        answer = call_kw(self, "mrc.donor.report.wizard", "create", [self.vals])
        assert_rpc_refused(self, answer, "counsellor creates the donor report")
        wizard = self.env["mrc.donor.report.wizard"].with_user(self.manager).create(self.vals)
        for method in ("action_export_xlsx", "action_print_pdf"):
            answer = call_kw(self, "mrc.donor.report.wizard", method, [wizard.ids])
            assert_rpc_refused(self, answer, f"counsellor runs {method}")

    def test_manager_downloads(self):
        self.authenticate("m2d_manager", "m2d_manager")
        answer = call_kw(self, "mrc.donor.report.wizard", "create", [self.vals])
        self.assertIsNone(rpc_error(answer), answer)
        wizard_id = answer["result"]
        answer = call_kw(self, "mrc.donor.report.wizard", "action_export_xlsx", [[wizard_id]])
        self.assertIsNone(rpc_error(answer), answer)
        action = answer["result"]
        self.assertEqual(action["report_type"], "xlsx")
        url = f"/report/xlsx/{action['report_name']}/{wizard_id}"
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content[:2], b"PK", "an XLSX (zip) file")
        self.authenticate("m2d_counsellor", "m2d_counsellor")
        response = self.url_open(url)
        self.assertNotEqual(response.content[:2], b"PK", "no XLSX for a counsellor")
