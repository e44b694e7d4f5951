from datetime import timedelta

from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import MrcJobsCase


@tagged("post_install", "-at_install")
class TestClientCardAccess(MrcJobsCase):
    """Rule 6: migration status, nationality, date of birth and family contact are readable
    only by counsellors and managers."""

    SENSITIVE = (
        "mrc_migration_status",
        "mrc_nationality_id",
        "mrc_birthdate",
        "mrc_family_contact_name",
        "mrc_family_contact_phone",
    )

    def test_counsellor_and_manager_read_sensitive_fields(self):
        """Counsellors and managers see the whole client card."""
        for user in (self.counsellor, self.manager):
            with self.subTest(user=user.login):
                card = self.migrant.with_user(user)
                self.assertEqual(card.mrc_migration_status, "potential")
                self.assertEqual(card.mrc_nationality_id, self.mx)

    def test_liaison_cannot_read_migration_status(self):
        """Liaison staff read a migrant's name but not the sensitive fields."""
        card = self.migrant.with_user(self.liaison)
        self.assertEqual(card.partner_name, "Juan Pérez")
        for name in self.SENSITIVE:
            with self.subTest(field=name), self.assertRaises(AccessError):
                card.read([name])

    def test_recruitment_officer_without_mrc_group_cannot_read_migration_status(self):
        """Recruitment rights alone do not open the sensitive fields."""
        card = self.migrant.with_user(self.recruiter)
        for name in self.SENSITIVE:
            with self.subTest(field=name), self.assertRaises(AccessError):
                card.read([name])

    def test_statistics_by_nationality_for_authorised_roles_only(self):
        """Managers group migrants and referrals by nationality; liaison staff cannot."""
        groups = (
            self.env["hr.candidate"]
            .with_user(self.manager)
            ._read_group([("id", "=", self.migrant.id)], ["mrc_nationality_id"], ["__count"])
        )
        self.assertEqual(groups, [(self.mx, 1)])
        with self.assertRaises(AccessError):
            self.env["hr.candidate"].with_user(self.liaison)._read_group(
                [], ["mrc_nationality_id"], ["__count"]
            )

    def test_sensitive_fields_hidden_from_views_of_other_users(self):
        """The form a liaison officer gets carries no sensitive field."""
        arch = self.env["hr.candidate"].with_user(self.liaison).get_views([(False, "form")])
        fields_in_view = arch["models"]["hr.candidate"]["fields"]
        self.assertNotIn("mrc_migration_status", fields_in_view)
        self.assertIn("mrc_gender", fields_in_view)

    def test_liaison_cannot_edit_client_card(self):
        """Client cards are kept by counsellors: liaison staff only read them."""
        with self.assertRaises(AccessError):
            self.migrant.with_user(self.liaison).write({"mrc_desired_job": "welder"})

    def test_counsellor_keeps_client_card(self):
        """A counsellor creates a migrant with the whole card."""
        card = (
            self.env["hr.candidate"]
            .with_user(self.counsellor)
            .create(
                {
                    "partner_name": "Aye Aye Myint",
                    "mrc_gender": "female",
                    "mrc_migration_status": "temporary_worker",
                    "mrc_nationality_id": self.env.ref("base.mm").id,
                    "mrc_preferred_country_ids": [Command.set([self.env.ref("base.th").id])],
                }
            )
        )
        self.assertEqual(card.mrc_migration_status, "temporary_worker")


@tagged("post_install", "-at_install")
class TestClientCard(MrcJobsCase):
    """Consent, services and follow-up on the client card."""

    def test_consent_to_share_records_its_date(self):
        """Giving consent to share records the date; withdrawing it clears the date."""
        card = self.env["hr.candidate"].create({"partner_name": "Sai Sai"})
        self.assertFalse(card.mrc_consent_share_date)
        card.mrc_consent_share = True
        self.assertEqual(card.mrc_consent_share_date, self.today)
        card.mrc_consent_share = False
        self.assertFalse(card.mrc_consent_share_date, "no consent, no consent date")

    def test_next_followup_is_the_nearest_upcoming(self):
        """The next follow-up is the earliest follow-up date still to come."""
        Service = self.env["mrc.candidate.service"].with_user(self.counsellor)
        Service.create(
            [
                {
                    "candidate_id": self.migrant.id,
                    "service_type": "counselling",
                    "followup_date": self.today + timedelta(days=20),
                },
                {
                    "candidate_id": self.migrant.id,
                    "service_type": "legal_aid",
                    "followup_date": self.today + timedelta(days=5),
                },
                {
                    "candidate_id": self.migrant.id,
                    "service_type": "information",
                    "followup_date": self.today - timedelta(days=5),
                },
            ]
        )
        self.assertEqual(self.migrant.mrc_next_followup_date, self.today + timedelta(days=5))
        self.assertEqual(self.migrant.mrc_service_count, 3)

    def test_language_listed_once(self):
        """A language appears once per migrant."""
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"), self.cr.savepoint():
            self.env["mrc.candidate.language"].create(
                {"candidate_id": self.migrant.id, "language_id": self.lang_es.id}
            )

    def test_liaison_cannot_see_services(self):
        """Services received are counselling records: liaison staff cannot read them."""
        self.env["mrc.candidate.service"].create(
            {"candidate_id": self.migrant.id, "service_type": "legal_aid"}
        )
        with self.assertRaises(AccessError):
            self.env["mrc.candidate.service"].with_user(self.liaison).search([])


@tagged("post_install", "-at_install")
class TestErase(MrcJobsCase):
    """Rule 6: erasure on request anonymises the person and keeps the statistics."""

    def setUp(self):
        super().setUp()
        self.service = self.env["mrc.candidate.service"].create(
            {
                "candidate_id": self.migrant.id,
                "service_type": "counselling",
                "note": "Juan's wife is called Rosa",
            }
        )
        match = self._make_match()
        match.action_refer()
        self.applicant = match.applicant_id
        self.migrant.message_post(body="Juan phoned from Tijuana")

    def test_erase_removes_personal_data(self):
        """Name, contact details, date of birth, family contact and notes are gone."""
        self.migrant.with_user(self.counsellor).action_mrc_erase()
        card = self.migrant.with_context(active_test=False)
        self.assertNotIn("Juan", card.partner_name)
        self.assertFalse(card.email_from)
        self.assertFalse(card.partner_id)
        self.assertFalse(card.mrc_birthdate)
        self.assertFalse(card.mrc_family_contact_name)
        self.assertFalse(card.mrc_family_contact_phone)
        self.assertFalse(self.service.note)
        self.assertTrue(card.mrc_is_erased)
        self.assertFalse(card.active, "an erased card leaves the working lists")
        messages = self.env["mail.message"].search(
            [("model", "=", "hr.candidate"), ("res_id", "=", self.migrant.id)]
        )
        self.assertFalse(messages, "the chatter of an erased migrant is removed")

    def test_erase_anonymises_the_contact(self):
        """The migrant's contact is anonymised and archived with the card."""
        partner = self.migrant.partner_id
        self.assertTrue(partner, "the card has a contact to anonymise")
        self.migrant.with_user(self.counsellor).action_mrc_erase()
        partner = partner.with_context(active_test=False)
        self.assertNotIn("Juan", partner.name)
        self.assertFalse(partner.email)
        self.assertFalse(partner.active)

    def test_erase_keeps_statistics(self):
        """Gender, nationality, services and referrals survive the erasure."""
        self.migrant.with_user(self.counsellor).action_mrc_erase()
        card = self.migrant.with_context(active_test=False)
        self.assertEqual(card.mrc_gender, "male")
        self.assertEqual(card.mrc_nationality_id, self.mx)
        self.assertTrue(self.service.exists())
        self.assertEqual(self.service.service_type, "counselling")
        self.assertTrue(self.applicant.exists())
        self.assertEqual(self.applicant.mrc_nationality_id, self.mx)

    def test_erased_migrant_cannot_be_referred(self):
        """After erasure the migrant's profile is never shared again."""
        self.migrant.action_mrc_erase()
        job = self._make_vacancy("Second harvest")
        match = self._make_match(job=job)
        with self.assertRaises(UserError):
            match.action_refer()

    def test_liaison_cannot_erase(self):
        """Only counsellors and managers erase a migrant."""
        with self.assertRaises(AccessError):
            self.migrant.with_user(self.liaison).action_mrc_erase()
        self.assertFalse(self.migrant.mrc_is_erased)


@tagged("post_install", "-at_install")
class TestComplaintCandidate(MrcJobsCase):
    """mrc.complaint.candidate_id: the complainant's client card, never on anonymous ones."""

    def _complaint_vals(self, **values):
        vals = {
            "partner_id": self.employer.id,
            "category_ids": [
                Command.set(self.env["mrc.complaint.category"].search([], limit=1).ids)
            ],
            "description": "Passport kept by the employer",
        }
        vals.update(values)
        return vals

    def test_complainant_linked_to_client_card(self):
        """A complaint by a migrant's contact links to their client card."""
        complaint = (
            self.env["mrc.complaint"]
            .with_user(self.officer)
            .create(self._complaint_vals(complainant_partner_id=self.migrant.partner_id.id))
        )
        self.assertEqual(complaint.candidate_id, self.migrant)

    def test_anonymous_complaint_keeps_no_card(self):
        """An anonymous complaint refuses a link to the migrant (rule 4)."""
        with self.assertRaises(ValidationError):
            self.env["mrc.complaint"].create(
                self._complaint_vals(is_anonymous=True, candidate_id=self.migrant.id)
            )

    def test_counsellor_cannot_read_complainant(self):
        """The complainant's card is visible to complaints officers only."""
        self.assertNotIn(
            "candidate_id",
            self.env["mrc.complaint"].with_user(self.counsellor).fields_get(),
            "counsellors do not see who complained",
        )
