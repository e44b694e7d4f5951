from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import MrcRecruitersCase


@tagged("post_install", "-at_install")
class TestAccess(MrcRecruitersCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.complaint = (
            cls.env["mrc.complaint"]
            .with_user(cls.officer)
            .create(
                {
                    "partner_id": cls.employer.id,
                    "complainant_partner_id": cls.portal_user.partner_id.id,
                    "category_ids": [(4, cls.cat_wages.id)],
                    "description": "Three months of wages unpaid.",
                }
            )
        )

    def test_officer_and_manager_read_narrative(self):
        """Complaints officers and managers read the narrative and the complainant."""
        for user in (self.officer, self.manager):
            with self.subTest(user=user.login):
                complaint = self.complaint.with_user(user)
                self.assertEqual(complaint.description, "Three months of wages unpaid.")
                self.assertEqual(complaint.complainant_partner_id, self.portal_user.partner_id)

    def test_liaison_cannot_read_complaint(self):
        """A liaison user cannot read a complaint, its narrative or its complainant."""
        complaint = self.complaint.with_user(self.liaison)
        with self.assertRaises(AccessError):
            complaint.read(["description"])
        with self.assertRaises(AccessError):
            complaint.read(["name"])

    def test_counsellor_cannot_read_complaint(self):
        """A counsellor cannot read complaints."""
        with self.assertRaises(AccessError):
            self.complaint.with_user(self.counsellor).read(["name"])

    def test_liaison_sees_counts_and_risk_only(self):
        """Liaison staff see an organisation's complaint count and risk score."""
        employer = self.employer.with_user(self.liaison)
        self.assertEqual(employer.mrc_complaint_count, 1)
        self.assertGreater(employer.mrc_risk_score, 0.0)
        with self.assertRaises(AccessError):
            employer.read(["mrc_complaint_ids"])

    def test_counsellor_sees_neither_count_nor_risk(self):
        """Counsellors read neither complaint counts nor risk scores, only the safety."""
        employer = self.employer.with_user(self.counsellor)
        for field in ("mrc_complaint_count", "mrc_risk_score", "mrc_risk_reasons"):
            with self.subTest(field=field), self.assertRaises(AccessError):
                employer.read([field])
        self.assertFalse(employer.mrc_is_safe)

    def test_portal_complainant_sees_own_only(self):
        """A portal user sees their own complaint and not another's."""
        own = self.env["mrc.complaint"].with_user(self.portal_user).search([])
        self.assertEqual(own, self.complaint, "the complainant should see their complaint")
        other = self.env["mrc.complaint"].with_user(self.other_portal_user).search([])
        self.assertFalse(other, "another portal user must see nothing")
        with self.assertRaises(AccessError):
            self.complaint.with_user(self.other_portal_user).read(["name"])

    def test_portal_cannot_write(self):
        """The complainant cannot change their complaint from the portal."""
        with self.assertRaises(AccessError):
            self.complaint.with_user(self.portal_user).write({"severity": "low"})

    def test_liaison_cannot_create_complaint(self):
        """Only complaints officers record complaints in the back office."""
        with self.assertRaises(AccessError):
            self.env["mrc.complaint"].with_user(self.liaison).create(
                {"partner_id": self.employer.id, "category_ids": [(4, self.cat_fees.id)]}
            )

    def test_anonymous_complaint_invisible_on_portal(self):
        """An anonymous complaint is seen by no portal user."""
        self._complaint(is_anonymous=True)
        found = self.env["mrc.complaint"].with_user(self.portal_user).search([])
        self.assertEqual(found, self.complaint)

    def test_counsellor_cannot_edit_licence(self):
        """Counsellors read licences but do not change them."""
        licence = self._license(self.agency, "ACC-1")
        self.assertEqual(licence.with_user(self.counsellor).name, "ACC-1")
        with self.assertRaises(AccessError):
            licence.with_user(self.counsellor).write({"name": "ACC-2"})

    def test_evidence_follows_complaint_access(self):
        """Evidence uploaded by one officer is readable by another officer, not by liaison
        staff or counsellors."""
        attachment = (
            self.env["ir.attachment"]
            .with_user(self.officer)
            .create({"name": "payslip.txt", "raw": b"wage: 0", "res_model": "mrc.complaint"})
        )
        self.complaint.with_user(self.officer).write({"attachment_ids": [(4, attachment.id)]})
        self.assertEqual(
            (attachment.res_model, attachment.res_id), ("mrc.complaint", self.complaint.id)
        )
        other_officer = new_test_user(
            self.env,
            login="t_officer2",
            groups="base.group_user,mrc_recruiters.group_mrc_complaints",
        )
        self.assertEqual(attachment.with_user(other_officer).raw, b"wage: 0")
        for user in (self.liaison, self.counsellor):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                attachment.with_user(user).read(["raw"])
