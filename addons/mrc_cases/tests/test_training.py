from datetime import timedelta

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import TransactionCase, tagged

from .referral_common import ReferralFixtures


@tagged("post_install", "-at_install")
class TestTraining(ReferralFixtures, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_referral_fixtures()
        start = fields.Datetime.now() + timedelta(days=3)
        cls.training = (
            cls.env["event.event"]
            .with_user(cls.counsellor)
            .create(
                {
                    "name": "Test rights training",
                    "event_type_id": cls.env.ref("mrc_cases.event_type_rights").id,
                    "date_begin": start,
                    "date_end": start + timedelta(hours=3),
                    "mrc_portal_published": True,
                }
            )
        )

    def test_kind_from_template(self):
        self.assertEqual(self.training.mrc_kind, "rights")

    def test_counsellor_registers_migrant_under_her_contact(self):
        registration = (
            self.env["event.registration"]
            .with_user(self.counsellor)
            .create({"event_id": self.training.id, "mrc_candidate_id": self.ana.id})
        )
        self.assertEqual(registration.partner_id, self.ana_user.partner_id)
        registration.with_user(self.counsellor).action_set_done()
        self.assertEqual(registration.state, "done", "attendance recorded")
        self.assertEqual(self.ana.mrc_training_count, 1)
        with self.assertRaises(ValidationError):
            registration.with_user(self.counsellor).write(
                {"partner_id": self.beto_user.partner_id.id}
            )

    def test_outreach_counts_people_reached(self):
        start = fields.Datetime.now() - timedelta(days=1)
        outreach = (
            self.env["event.event"]
            .with_user(self.counsellor)
            .create(
                {
                    "name": "Test outreach",
                    "event_type_id": self.env.ref("mrc_cases.event_type_outreach").id,
                    "date_begin": start,
                    "date_end": start + timedelta(hours=2),
                    "mrc_reached_women": 12,
                    "mrc_reached_men": 9,
                    "mrc_reached_other": 1,
                }
            )
        )
        self.assertEqual(outreach.mrc_reached_total, 22)
        with self.assertRaises(ValidationError):
            outreach.write({"mrc_reached_men": -1})
        with self.assertRaises(ValidationError):
            outreach.write({"mrc_portal_published": True})

    def test_events_rights_come_from_a_role_only(self):
        """No user is an Events administrator by default: the template of new users carries
        no Events group; counsellors run trainings through their role."""
        template = self.env.ref("base.default_user")
        events = self.env.ref("event.group_event_manager") | self.env.ref("event.group_event_user")
        self.assertFalse(template.groups_id & events)
        self.assertTrue(self.counsellor.has_group("event.group_event_user"))
        self.assertFalse(self.liaison.has_group("event.group_event_user"))
