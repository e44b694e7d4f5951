from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import UserError, ValidationError

from . import pdf_factory
from .common import MrcSkillsCase


class TestCertification(MrcSkillsCase):
    def test_expiry_before_issue_is_refused(self):
        """A certificate cannot expire before it was issued."""
        today = fields.Date.today()
        with self.assertRaises(ValidationError):
            self.certification(
                number="EXP-1",
                issue_date=today - timedelta(days=10),
                expiry_date=today - timedelta(days=20),
            )

    def test_number_unique_per_issuing_body(self):
        """The same number twice from one body is refused; another body may use it."""
        self.certification(number="CON-1")
        with self.assertRaises(UserError):
            self.certification(number="CON-1")
        other = self.certification(number="CON-1", issuer_id=self.issuer_tesda.id)
        self.assertTrue(other, "another issuing body may use the same number")

    def test_renumbering_onto_a_taken_number_is_refused(self):
        """Changing a certificate's number to one its issuing body already used is refused;
        rewriting its own number is not."""
        self.certification(number="CON-5")
        second = self.certification(number="CON-6")
        second.write({"number": "CON-6"})
        with self.assertRaises(UserError):
            second.write({"number": "CON-5"})
        self.assertEqual(second.number, "CON-6", "the number was not changed")

    def test_verification_records_who_and_raises_the_skill(self):
        """Verifying records the counsellor and the time and sets the migrant's skill level."""
        certification = self.certification(number="CON-2")
        certification.with_user(self.counsellor).action_verify()
        self.assertEqual(certification.state, "verified")
        self.assertEqual(certification.verified_by_id, self.counsellor)
        self.assertTrue(certification.verified_date)
        line = self.candidate.candidate_skill_ids.filtered(lambda s: s.skill_id == self.welding)
        self.assertEqual(line.skill_level_id, self.level_intermediate, "skill set to the level")

    def test_verification_never_lowers_a_skill(self):
        """A migrant recorded at a higher level keeps it, and the chatter says so."""
        self.candidate.write(
            {
                "candidate_skill_ids": [
                    Command.create(
                        {
                            "skill_type_id": self.construction.id,
                            "skill_id": self.welding.id,
                            "skill_level_id": self.level_expert.id,
                        }
                    )
                ]
            }
        )
        certification = self.certification(number="CON-3")
        certification.action_verify()
        line = self.candidate.candidate_skill_ids.filtered(lambda s: s.skill_id == self.welding)
        self.assertEqual(line.skill_level_id, self.level_expert, "the higher level is kept")
        self.assertTrue(
            any("higher level is kept" in (m.body or "") for m in certification.message_ids),
            "the kept level is said in the chatter",
        )

    def test_daily_expiry(self):
        """The scheduled action marks certificates past their expiry date as expired."""
        today = fields.Date.today()
        certification = self.certification(
            number="CON-4",
            issue_date=today - timedelta(days=400),
            expiry_date=today - timedelta(days=1),
        )
        self.env["mrc.certification"]._cron_mrc_expire_certifications()
        self.assertEqual(certification.state, "expired")

    def test_portal_upload_of_a_bad_file_creates_nothing(self):
        """A non-PDF or damaged upload is refused with a message, and nothing is created."""
        Certification = self.env["mrc.certification"].with_user(self.portal_user)
        before = self.env["mrc.certification"].search_count([])
        for name, data in (
            ("cv.docx", b"PK\x03\x04 not a pdf"),
            ("cert.pdf", pdf_factory.corrupt_pdf()),
        ):
            with self.subTest(file=name), self.assertRaises(UserError):
                Certification._mrc_import_portal_pdf(self.candidate, name, data)
        self.assertEqual(self.env["mrc.certification"].search_count([]), before)

    def test_portal_upload_to_someone_else_is_refused(self):
        """A portal user cannot upload a certificate onto another migrant's card."""
        with self.assertRaises(UserError):
            self.env["mrc.certification"].with_user(self.portal_user)._mrc_import_portal_pdf(
                self.other_candidate, "cert.pdf", self.spanish_certificate()
            )

    def test_portal_upload_waits_for_verification(self):
        """A good upload becomes one submitted certification with the PDF attached."""
        certification = (
            self.env["mrc.certification"]
            .with_user(self.portal_user)
            ._mrc_import_portal_pdf(
                self.candidate, "certificado.pdf", self.spanish_certificate("CON-2023-77777")
            )
        )
        self.assertEqual(len(certification), 1)
        self.assertEqual(certification.sudo().state, "submitted")
        self.assertEqual(certification.sudo().skill_id, self.welding)
        self.assertTrue(certification.sudo().document, "the PDF is attached")
