from odoo import Command
from odoo.tests import TransactionCase, tagged

from .referral_common import ReferralFixtures


@tagged("post_install", "-at_install")
class TestComplaintProvider(ReferralFixtures, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_referral_fixtures()
        cls.employer = cls.env["res.partner"].create(
            {"name": "Test Fields Inc", "is_company": True, "mrc_is_employer": True}
        )
        cls.inspectorate = cls.env["res.partner"].create(
            {
                "name": "Test Labour Inspectorate",
                "is_company": True,
                "mrc_is_provider": True,
                "mrc_service_type_ids": [
                    Command.set(cls.env.ref("mrc_cases.service_type_labour_inspectorate").ids)
                ],
            }
        )

    def _complaint(self):
        return (
            self.env["mrc.complaint"]
            .with_user(self.officer)
            .create(
                {
                    "partner_id": self.employer.id,
                    "category_ids": [
                        Command.link(
                            self.env.ref("mrc_recruiters.complaint_category_wage_theft").id
                        )
                    ],
                    "description": "Three months of wages unpaid.",
                }
            )
        )

    def test_referred_to_a_provider(self):
        """A complaint is referred to a provider; its kind follows the provider's service."""
        complaint = self._complaint()
        complaint.write({"mrc_referral_partner_id": self.inspectorate.id})
        self.assertEqual(complaint.referral_target, "labour_inspectorate")
        complaint.action_triage()
        complaint.action_refer()
        self.assertEqual(complaint.state, "referred")
        self.assertEqual(complaint.referral_date, self.today)

    def test_provider_without_fixed_kind(self):
        """A legal-aid clinic is no kind of the old list: it counts as a partner provider."""
        complaint = self._complaint()
        complaint.write({"mrc_referral_partner_id": self.clinic.id})
        self.assertEqual(complaint.referral_target, "provider")
        complaint.action_triage()
        complaint.action_refer()
        self.assertEqual(complaint.state, "referred")

    def test_old_kind_kept_without_provider(self):
        complaint = self._complaint()
        complaint.write({"referral_target": "police"})
        self.assertEqual(complaint.referral_target, "police")
        self.assertFalse(complaint.mrc_referral_partner_id)
