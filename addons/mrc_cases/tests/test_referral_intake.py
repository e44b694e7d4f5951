from odoo import Command
from odoo.tests import TransactionCase, tagged

from .referral_common import ReferralFixtures


@tagged("post_install", "-at_install")
class TestReferralIntake(ReferralFixtures, TransactionCase):
    """The intake proposes the urgent referral; its screening is shared only with consent."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_referral_fixtures()
        cls.wages = cls.env.ref("mrc_cases.indicator_wages")
        cls.intake = (
            cls.env["mrc.intake"]
            .with_user(cls.counsellor)
            .create({"candidate_id": cls.ana.id, "channel": "walk_in"})
        )
        line = cls.intake.answer_ids.filtered(lambda a: a.indicator_id == cls.wages)
        line.with_user(cls.counsellor).write({"answer": "yes"})

    def _refer_from_intake(self, consent):
        action = self.intake.with_user(self.counsellor).action_mrc_propose_referral()
        Referral = self.env["mrc.service.referral"].with_user(self.counsellor)
        referral = Referral.with_context(**action["context"]).create(
            {
                "partner_id": self.clinic.id,
                "service_type_id": self.legal_aid.id,
                "consent_ids": [
                    Command.create({"item": item, "consented": True}) for item in consent
                ],
            }
        )
        referral.action_send()
        return referral, referral.message_ids.filtered(lambda m: self.clinic in m.partner_ids)

    def test_urgent_referral_from_intake(self):
        referral, _message = self._refer_from_intake(("contact",))
        self.assertEqual(referral.intake_id, self.intake)
        self.assertEqual(referral.candidate_id, self.ana)
        self.assertTrue(referral.is_urgent, "an urgent screening proposes an urgent referral")

    def test_screening_shared_only_with_consent(self):
        _referral, message = self._refer_from_intake(("contact",))
        self.assertNotIn(self.wages.name, message.body)
        _referral, message = self._refer_from_intake(("screening",))
        self.assertIn(self.wages.name, message.body)
