from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestComplaintPortal(HttpCase):
    """The complainant follows their own complaints on the portal; nobody else sees them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.maria = new_test_user(cls.env, login="t_maria_portal", groups="base.group_portal")
        cls.other = new_test_user(cls.env, login="t_other_portal", groups="base.group_portal")
        employer = cls.env["res.partner"].create(
            {"name": "Portal Test Farms", "is_company": True, "mrc_is_employer": True}
        )
        cls.complaint = cls.env["mrc.complaint"].create(
            {
                "partner_id": employer.id,
                "complainant_partner_id": cls.maria.partner_id.id,
                "category_ids": [
                    Command.link(cls.env.ref("mrc_recruiters.complaint_category_wage_theft").id)
                ],
                "description": "Unpaid wages since March.",
            }
        )

    def test_complainant_sees_own_complaint(self):
        """The complainant's list and page show the complaint and its narrative."""
        self.authenticate("t_maria_portal", "t_maria_portal")
        listing = self.url_open("/my/complaints")
        self.assertEqual(listing.status_code, 200)
        self.assertIn(self.complaint.name, listing.text, "complaint missing from the list")
        page = self.url_open(f"/my/complaints/{self.complaint.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Unpaid wages since March.", page.text, "narrative missing")

    def test_other_portal_user_is_sent_away(self):
        """Another portal user is redirected from the complaint page and sees an empty list."""
        self.authenticate("t_other_portal", "t_other_portal")
        page = self.url_open(f"/my/complaints/{self.complaint.id}", allow_redirects=False)
        self.assertIn(page.status_code, (302, 303), "another user must be redirected")
        listing = self.url_open("/my/complaints")
        self.assertNotIn(self.complaint.name, listing.text, "another user's list shows it")
        self.assertNotIn("Unpaid wages", listing.text)

    def test_anonymous_visitor_must_log_in(self):
        """A visitor who is not logged in is sent to the login page."""
        page = self.url_open(f"/my/complaints/{self.complaint.id}", allow_redirects=False)
        self.assertIn(page.status_code, (302, 303))
        self.assertIn("/web/login", page.headers.get("Location", ""))
