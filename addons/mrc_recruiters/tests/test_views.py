from odoo.tests import tagged

from .common import MrcRecruitersCase


@tagged("post_install", "-at_install")
class TestViews(MrcRecruitersCase):
    def test_views_load_for_each_role(self):
        """Every role opens the organisation and licence views; the fields its group may not
        read are left out of them rather than breaking them."""
        views = [("list", False), ("kanban", False), ("form", False), ("search", False)]
        org_views = {
            "list": self.env.ref("mrc_recruiters.res_partner_view_list_mrc").id,
            "kanban": self.env.ref("mrc_recruiters.res_partner_view_kanban_mrc").id,
            "search": self.env.ref("mrc_recruiters.res_partner_view_search_mrc").id,
            "form": False,
        }
        for user in (self.counsellor, self.liaison, self.officer, self.manager):
            with self.subTest(user=user.login):
                Partner = self.env["res.partner"].with_user(user)
                result = Partner.get_views([(org_views[kind], kind) for kind, _v in views])
                form = result["views"]["form"]["arch"]
                self.assertIn("mrc_fair_recruitment", form, "Fair recruitment tab missing")
                has_risk = "mrc_risk_score" in form
                self.assertEqual(
                    has_risk,
                    user != self.counsellor,
                    "the risk score must show for liaison/officers and not for counsellors",
                )
                License = self.env["mrc.recruiter.license"].with_user(user)
                licence_views = License.get_views([(False, kind) for kind, _v in views])
                self.assertIn("form", licence_views["views"])

    def test_complaint_views_load_for_officer(self):
        """The complaint views (kanban, list, form, pivot, graph, search) load for an officer."""
        Complaint = self.env["mrc.complaint"].with_user(self.officer)
        kinds = ["kanban", "list", "form", "pivot", "graph", "search"]
        result = Complaint.get_views([(False, kind) for kind in kinds])
        self.assertEqual(set(result["views"]), set(kinds))
        self.assertIn("description", result["views"]["form"]["arch"])
