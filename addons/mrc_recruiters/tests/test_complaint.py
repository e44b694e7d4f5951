from datetime import timedelta

from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import MrcRecruitersCase


@tagged("post_install", "-at_install")
class TestComplaint(MrcRecruitersCase):
    def test_reference_from_sequence(self):
        """A new complaint gets its reference from the sequence."""
        complaint = self._complaint()
        self.assertTrue(complaint.name.startswith("CMP/"), complaint.name)

    def test_against_person_refused(self):
        """A complaint must be against an employer or agency, not a private person."""
        with self.assertRaisesRegex(ValidationError, "employer or a recruitment agency"):
            self._complaint(partner=self.person)

    def test_incident_in_future_refused(self):
        """The incident date cannot be in the future."""
        with self.assertRaises(ValidationError):
            self._complaint(incident_date=self.today + timedelta(days=1))

    def test_negative_compensation_refused(self):
        """Compensation claimed or awarded is never negative."""
        with self.assertRaises(ValidationError):
            self._complaint(compensation_claimed=-10)
        complaint = self._complaint(compensation_claimed=500)
        with self.assertRaises(ValidationError):
            complaint._mrc_award_compensation(-1)
        complaint._mrc_award_compensation(300)
        self.assertEqual(complaint.compensation_awarded, 300)

    def test_negative_compensation_refused_in_database(self):
        """The database refuses negative compensation too, whoever writes."""
        complaint = self._complaint()
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self.env.cr.execute(
                "UPDATE mrc_complaint SET compensation_awarded = -5 WHERE id = %s",
                (complaint.id,),
            )

    def test_allowed_transitions(self):
        """new -> triage -> investigation -> resolved -> closed, resolving substantiates."""
        complaint = self._resolve(self._complaint())
        self.assertEqual(complaint.state, "resolved")
        self.assertTrue(complaint.is_substantiated, "resolving must set substantiated")
        complaint.action_close()
        self.assertEqual(complaint.state, "closed")
        self.assertEqual(complaint.date_closed, self.today)

    def test_forbidden_transition_refused(self):
        """A new complaint cannot jump to resolved, a closed one cannot reopen."""
        complaint = self._complaint()
        with self.assertRaisesRegex(UserError, "cannot go from"):
            complaint.action_close()
        complaint.action_unsubstantiated()
        complaint.action_close()
        with self.assertRaisesRegex(UserError, "cannot go from"):
            complaint.action_investigate()

    def test_substantiated_only_by_resolving(self):
        """The substantiated flag is not written directly; resolving sets it."""
        complaint = self._complaint()
        with self.assertRaises(AccessError):
            complaint.write({"is_substantiated": True})
        self.assertFalse(complaint.is_substantiated)

    def test_batch_create_keeps_order(self):
        """Creating named and anonymous complaints together returns them in the given order."""
        vals = [
            {"partner_id": self.employer.id, "category_ids": [(4, self.cat_fees.id)], **extra}
            for extra in ({"is_anonymous": True}, {}, {"is_anonymous": True, "severity": "low"})
        ]
        complaints = self.env["mrc.complaint"].with_user(self.officer).create(vals)
        self.assertEqual(complaints.mapped("is_anonymous"), [True, False, True])
        self.assertEqual(complaints[2].severity, "low")

    def test_create_in_later_state_refused(self):
        """A complaint cannot be created already resolved: it starts new."""
        with self.assertRaises(AccessError):
            self._complaint(state="resolved", is_substantiated=True)

    def test_resolving_needs_outcome(self):
        """A complaint is resolved only with its outcome written."""
        complaint = self._complaint()
        complaint.action_triage()
        complaint.action_investigate()
        with self.assertRaisesRegex(UserError, "outcome"):
            complaint.action_resolve()

    def test_referral_needs_target(self):
        """Referring needs a referral target; the referral date is set."""
        complaint = self._complaint()
        complaint.action_triage()
        with self.assertRaises(UserError):
            complaint.action_refer()
        complaint.referral_target = "labour_inspectorate"
        complaint.action_refer()
        self.assertEqual(complaint.state, "referred")
        self.assertEqual(complaint.referral_date, self.today)

    def test_anonymous_complaint_stores_no_author(self):
        """An anonymous complaint has no complainant, and neither its creator, its chatter
        author nor its followers point to the user who filed it."""
        complaint = self._complaint(is_anonymous=True)
        self.assertFalse(complaint.sudo().complainant_partner_id)
        self.assertNotEqual(complaint.create_uid, self.officer, "creator stored")
        self.assertNotIn(self.officer.partner_id, complaint.message_partner_ids)
        self.assertNotIn(
            self.officer.partner_id, complaint.message_ids.author_id, "chatter author stored"
        )

    def test_anonymous_with_complainant_refused(self):
        """An anonymous complaint cannot name its complainant."""
        complaint = self._complaint(is_anonymous=True)
        with self.assertRaises(ValidationError):
            complaint.write({"complainant_partner_id": self.portal_user.partner_id.id})

    def test_followup_code_finds_complaint_and_is_not_stored(self):
        """The follow-up code finds its complaint (case and dashes ignored); only its hash is
        stored; a new code replaces the old; a wrong code finds nothing."""
        complaint = self._complaint(is_anonymous=True)
        code = complaint._mrc_issue_followup_code()
        Complaint = self.env["mrc.complaint"]
        self.assertEqual(Complaint._mrc_find_by_followup_code(code.lower()), complaint)
        self.assertNotIn(code.replace("-", ""), complaint.sudo().followup_code_hash or "")
        self.assertFalse(Complaint._mrc_find_by_followup_code("AAAA-BBBB-CCCC"))
        self.assertFalse(Complaint._mrc_find_by_followup_code(""))
        new_code = complaint._mrc_issue_followup_code()
        self.assertFalse(Complaint._mrc_find_by_followup_code(code), "old code still works")
        self.assertEqual(Complaint._mrc_find_by_followup_code(new_code), complaint)

    def test_named_complaint_has_no_followup_code(self):
        """Only anonymous complaints get a follow-up code."""
        with self.assertRaises(UserError):
            self._complaint()._mrc_issue_followup_code()

    def test_complaints_update_counts(self):
        """The organisation's complaint counts follow its complaints."""
        self._complaint()
        self._resolve(self._complaint())
        self.assertEqual(self.employer.mrc_complaint_count, 2)
        self.assertEqual(self.employer.mrc_substantiated_count, 1)
        self.assertEqual(self.employer.mrc_open_complaint_count, 1)
