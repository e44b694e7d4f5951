"""Intake flows as counsellors use them (TransactionCase): the checklist, the needs, emergency
assistance and family members of a case and their confidentiality."""

from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

from .common import MrcCasesFixtures


@tagged("post_install", "-at_install")
class TestIntake(MrcCasesFixtures, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_staff()

    def test_checklist_loaded_with_every_active_indicator(self):
        """An intake starts with every active indicator, not asked yet; an archived indicator
        is not asked."""
        harassment = self.indicator_harassment
        harassment.with_user(self.manager).write({"active": False})
        intake = self._intake(self.gbv_counsellor)
        indicators = self.env["mrc.screening.indicator"].search([])
        self.assertEqual(intake.answer_ids.indicator_id, indicators)
        self.assertNotIn(harassment, intake.answer_ids.indicator_id)
        self.assertEqual(set(intake.answer_ids.mapped("answer")), {"unknown"})
        self.assertTrue(intake.name.startswith("INT/"), intake.name)

    def test_gbv_disclosure_to_ineligible_counsellor_asks_a_manager(self):
        """A man who takes an intake where a woman discloses harassment records it; the case
        is flagged for reassignment and a manager gets the activity."""
        intake = self._intake(self.male_counsellor)
        self._answer(intake.with_user(self.male_counsellor), self.indicator_harassment)
        self.assertTrue(intake.is_gbv)
        self.assertTrue(intake.needs_reassignment)
        gbv_type = self.env.ref("mrc_cases.mail_activity_type_gbv_assignment")
        activity = intake.sudo().activity_ids.filtered(lambda a: a.activity_type_id == gbv_type)
        self.assertTrue(activity.user_id.has_group("mrc_recruiters.group_mrc_manager"))
        intake.with_user(self.male_counsellor)._mrc_assign(self.gbv_counsellor)
        self.assertFalse(intake.needs_reassignment)

    def test_case_given_to_a_non_counsellor_is_refused(self):
        intake = self._intake(self.gbv_counsellor)
        with self.assertRaises(ValidationError):
            intake.with_user(self.manager)._mrc_assign(self.liaison)

    def test_assistance_and_family_of_a_case(self):
        """The counsellor records assistance and family members on the case; another
        counsellor cannot read them, a complaints officer reads but does not write."""
        intake = self._intake(self.gbv_counsellor)
        assistance = (
            self.env["mrc.intake.assistance"]
            .with_user(self.gbv_counsellor)
            .create(
                [
                    {"intake_id": intake.id, "assistance_type": "shelter", "quantity": 3},
                    {"intake_id": intake.id, "assistance_type": "cash", "value": 50.0},
                ]
            )
        )
        member = (
            self.env["mrc.family.member"]
            .with_user(self.gbv_counsellor)
            .create({"intake_id": intake.id, "name": "Ana", "relationship": "child"})
        )
        self.assertEqual(assistance.candidate_id, intake.candidate_id)
        self.assertEqual(assistance[1].currency_id, self.env.company.currency_id)
        self.assertTrue(member.is_beneficiary)
        for record in (assistance[0], member, intake.answer_ids[0]):
            with self.subTest(model=record._name):
                with self.assertRaises(AccessError):
                    record.with_user(self.other_counsellor).read(["intake_id"])
                record.with_user(self.officer).read(["intake_id"])
                with self.assertRaises(AccessError):
                    record.with_user(self.officer).check_access("write")

    def test_assistance_quantity_must_be_positive(self):
        intake = self._intake(self.gbv_counsellor)
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"), self.cr.savepoint():
            self.env["mrc.intake.assistance"].with_user(self.gbv_counsellor).create(
                {"intake_id": intake.id, "assistance_type": "food", "quantity": 0}
            )

    def test_erasure_reaches_the_case(self):
        """Erasing a migrant on request deletes her family members and the case's free text
        and chatter, and keeps the intake's statistics (channel, urgency, needs)."""
        intake = self._intake(self.gbv_counsellor, "C1 Erased")
        self._answer(intake, self.indicator_wages).write({"note": "Unpaid since March"})
        intake.write(
            {
                "screening_note": "Works at the Rivera plant.",
                "need_ids": [Command.create({"need_type": "legal", "note": "Lawyer"})],
                "family_member_ids": [
                    Command.create({"name": "Ana Rivera", "relationship": "child"})
                ],
            }
        )
        family = intake.family_member_ids
        intake.candidate_id.with_user(self.gbv_counsellor).action_mrc_erase()
        intake = intake.sudo()
        self.assertFalse(family.exists(), "the family members are deleted")
        self.assertFalse(intake.screening_note)
        self.assertFalse(any(intake.answer_ids.mapped("note") + intake.need_ids.mapped("note")))
        self.assertFalse(intake.message_ids, "the case's chatter is deleted")
        self.assertTrue(intake.is_urgent, "the statistics stay")
        self.assertEqual(intake.need_ids.need_type, "legal")
