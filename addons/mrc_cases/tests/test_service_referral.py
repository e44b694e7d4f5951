from datetime import timedelta

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, tagged

from .referral_common import ReferralFixtures


@tagged("post_install", "-at_install")
class TestServiceReferral(ReferralFixtures, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_referral_fixtures()

    def _referral(self, candidate=None, user=None, **kw):
        Referral = self.env["mrc.service.referral"].with_user(user or self.counsellor)
        return Referral.create(self._referral_vals(candidate or self.ana, **kw))

    def test_refused_without_consent(self):
        """Rule 9: with no item agreed, no referral is created."""
        Referral = self.env["mrc.service.referral"]
        before = Referral.search_count([])
        with self.assertRaises(ValidationError):
            self._referral(consent=())
        self.assertEqual(Referral.search_count([]), before, "nothing half-written")

    def test_send_refused_once_consent_unticked(self):
        """Consent withdrawn on a draft: sending is refused."""
        referral = self._referral()
        with self.assertRaises(ValidationError):
            referral.write(
                {"consent_ids": [Command.update(referral.consent_ids[0].id, {"consented": False})]}
            )
        referral.consent_ids.with_user(self.counsellor).write({"consented": False})
        with self.assertRaises(ValidationError):
            referral.with_user(self.counsellor).action_send()
        self.assertEqual(referral.state, "draft")

    def test_only_consented_items_reach_the_provider(self):
        """The message to the provider holds the case summary she agreed to share and not her
        contact details, which she did not."""
        referral = self._referral(consent=("case_summary",))
        referral.with_user(self.counsellor).action_send()
        self.assertEqual(referral.state, "sent")
        self.assertEqual(referral.date_sent, self.today)
        message = referral.message_ids.filtered(lambda m: self.clinic in m.partner_ids)
        self.assertTrue(message, "the provider is addressed")
        self.assertIn("passport kept", message.body)
        self.assertNotIn("Ana Testmigrant", message.body, "name shared without consent")
        self.assertNotIn("0199", message.body, "phone shared without consent")

    def test_contact_shared_with_consent(self):
        referral = self._referral(consent=("contact",))
        referral.with_user(self.counsellor).action_send()
        message = referral.message_ids.filtered(lambda m: self.clinic in m.partner_ids)
        self.assertIn("Ana Testmigrant", message.body)
        self.assertNotIn("passport kept", message.body, "case summary shared without consent")

    def test_consent_frozen_after_sending(self):
        referral = self._referral()
        referral.with_user(self.counsellor).action_send()
        with self.assertRaises(UserError):
            referral.consent_ids.with_user(self.counsellor).write({"consented": True})

    def test_women_only_provider_refuses_a_man(self):
        """A women-only provider cannot take a referral of a male migrant."""
        with self.assertRaisesRegex(ValidationError, "serves women only"):
            self._referral(candidate=self.beto, provider=self.women_shelter, service=self.shelter)
        referral = self._referral(provider=self.women_shelter, service=self.shelter)
        self.assertEqual(referral.partner_id, self.women_shelter)

    def test_service_must_be_given_by_provider(self):
        with self.assertRaisesRegex(ValidationError, "does not give"):
            self._referral(service=self.shelter)

    def test_state_changes_only_through_actions(self):
        """State and dates are guarded: a counsellor cannot write them, whatever the way."""
        referral = self._referral()
        with self.assertRaises(AccessError):
            referral.with_user(self.counsellor).write({"state": "sent"})
        vals = dict(self._referral_vals(self.ana), state="closed")
        with self.assertRaises(AccessError):
            self.env["mrc.service.referral"].with_user(self.counsellor).create(vals)
        with self.assertRaises(AccessError):
            referral.with_user(self.officer).action_send()

    def test_workflow_dates_and_transitions(self):
        referral = self._referral().with_user(self.counsellor)
        with self.assertRaises(UserError):
            referral.action_service_given()
        referral.action_send()
        referral.action_accept()
        referral.action_service_given()
        referral.write({"feedback": "Claim filed; passport returned."})
        referral.action_close()
        self.assertEqual(referral.state, "closed")
        self.assertEqual(referral.date_service_given, self.today)
        self.assertEqual(referral.feedback_date, self.today, "feedback dated when recorded")

    def test_officer_reads_but_cannot_create(self):
        referral = self._referral()
        self.assertEqual(referral.with_user(self.officer).reason[:5], "Wages")
        with self.assertRaises(AccessError):
            self._referral(user=self.officer)
        with self.assertRaises(AccessError):
            self._referral(user=self.liaison)

    def test_overdue_feedback_gives_one_activity(self):
        """No feedback by the date agreed: the counsellor gets an activity, once."""
        referral = self._referral()
        referral.with_user(self.counsellor).write({"feedback_due_date": self.today - timedelta(1)})
        referral.with_user(self.counsellor).action_send()
        self.assertTrue(referral.is_feedback_overdue)
        self.assertIn(
            referral, self.env["mrc.service.referral"].search([("is_feedback_overdue", "=", True)])
        )
        Referral = self.env["mrc.service.referral"]
        Referral._mrc_cron_feedback_overdue()
        Referral._mrc_cron_feedback_overdue()
        kind = self.env.ref("mrc_cases.mail_activity_referral_feedback")
        activities = referral.activity_ids.filtered(lambda a: a.activity_type_id == kind)
        self.assertEqual(len(activities), 1)
        self.assertEqual(activities.user_id, self.counsellor)
        referral.with_user(self.counsellor).write({"feedback": "Appointment on Monday."})
        self.assertFalse(referral.is_feedback_overdue)

    def test_urgent_referral_entry_point(self):
        """The intake's entry point opens the form prefilled for an urgent referral."""
        action = self.env["mrc.service.referral"]._mrc_urgent_referral_action(
            self.ana, "Forced-labour indicators at intake"
        )
        context = action["context"]
        referral = (
            self.env["mrc.service.referral"]
            .with_user(self.counsellor)
            .with_context(**context)
            .create(
                {
                    "partner_id": self.clinic.id,
                    "service_type_id": self.legal_aid.id,
                    "consent_ids": [Command.create({"item": "contact", "consented": True})],
                }
            )
        )
        self.assertTrue(referral.is_urgent)
        self.assertEqual(referral.candidate_id, self.ana)

    def test_erasure_keeps_the_statistics_without_her_words(self):
        """Erasure on request (rule 6): her referral stays counted (provider, service, state)
        without the reason, the feedback or the messages; her registrations lose her name."""
        referral = self._referral(consent=("contact", "case_summary"))
        referral.with_user(self.counsellor).action_send()
        referral.with_user(self.counsellor).write({"feedback": "Seen by the clinic's lawyer."})
        training = self.env.ref("mrc_cases.event_training_rights")
        registration = (
            self.env["event.registration"]
            .with_user(self.counsellor)
            .create({"event_id": training.id, "mrc_candidate_id": self.ana.id})
        )
        self.ana.with_user(self.counsellor).action_mrc_erase()
        self.assertEqual(referral.state, "sent")
        self.assertEqual(referral.service_type_id, self.legal_aid)
        self.assertNotIn("passport", referral.reason)
        self.assertFalse(referral.feedback)
        self.assertFalse(
            referral.message_ids.filtered(lambda m: "Ana Testmigrant" in (m.body or "")),
            "the message to the provider with her name is gone",
        )
        self.assertNotIn("Ana", registration.name)
        self.assertFalse(registration.email)

    def test_language_warning(self):
        """A provider that works in none of the migrant's languages is flagged on the form."""
        english = self.env.ref("mrc_skills.lang_en")
        spanish = self.env.ref("mrc_skills.lang_es")
        self.clinic.mrc_provider_language_ids = english
        self.env["mrc.candidate.language"].create(
            {"candidate_id": self.ana.id, "language_id": spanish.id, "proficiency": "native"}
        )
        referral = self._referral()
        self.assertIn("interpreter", referral.language_warning)
        self.clinic.mrc_provider_language_ids |= spanish
        referral.invalidate_recordset(["language_warning"])
        self.assertFalse(referral.language_warning)

    def test_refusal_in_spanish(self):
        """The refusal speaks the counsellor's language."""
        self.env["res.lang"]._activate_lang("es_MX")
        Referral = self.env["mrc.service.referral"].with_user(self.counsellor)
        with self.assertRaisesRegex(ValidationError, "consentimiento"):
            Referral.with_context(lang="es_MX").create(self._referral_vals(self.ana, consent=()))
