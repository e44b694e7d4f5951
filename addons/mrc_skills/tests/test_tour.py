"""Counsellors in the browser (Odoo tours): verifying a certificate, importing one from PDF."""

import base64
from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged

from .common import MrcSkillsCase, use_own_taxonomy_only


@tagged("post_install", "-at_install")
class TestCounsellorTours(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.counsellor = new_test_user(
            cls.env,
            login="mrc_s_tour_counsellor",
            name="Tour Counsellor",
            groups="base.group_user,mrc_recruiters.group_mrc_counsellor",
        )
        cls.welding = cls.env.ref("mrc_skills.skill_welding")
        cls.advanced = cls.env.ref("mrc_skills.skill_level_construction_advanced")
        Candidate = cls.env["hr.candidate"]
        cls.holder = Candidate.create({"partner_name": "Tour Certificate Holder"})
        cls.importer = Candidate.create({"partner_name": "Tour PDF Holder"})
        today = fields.Date.today()
        cls.certification = cls.env["mrc.certification"].create(
            {
                "candidate_id": cls.holder.id,
                "skill_id": cls.welding.id,
                "skill_level_id": cls.advanced.id,
                "number": "TOUR-CERT-0001",
                "issue_date": today - timedelta(days=30),
                "expiry_date": today + timedelta(days=700),
                "state": "submitted",
            }
        )
        cls.env["res.partner"].create(
            {
                "name": "Consejo Nacional de Normalización y Certificación de Competencias "
                "Laborales",
                "mrc_issuer_acronym": "CONOCER",
                "is_company": True,
                "mrc_is_issuing_body": True,
            }
        )
        use_own_taxonomy_only(cls.env)
        # The tour uploads this PDF, handed over as an attachment of the counsellor's.
        cls.pdf = MrcSkillsCase.spanish_certificate(number="CON-2025-TOUR")
        cls.env["ir.attachment"].with_user(cls.counsellor).create(
            {"name": "mrc_tour_certificado.pdf", "raw": cls.pdf, "mimetype": "application/pdf"}
        )

    def test_counsellor_verifies_a_certificate(self):
        """From the board to the form and back: the certificate is verified by the counsellor
        who clicked, and the migrant now has the certified skill and level."""
        self.start_tour(
            "/odoo/action-mrc_skills.mrc_certification_action",
            "mrc_skills_verify_certificate",
            login="mrc_s_tour_counsellor",
            timeout=120,
        )
        self.assertEqual(self.certification.state, "verified")
        self.assertEqual(self.certification.verified_by_id, self.counsellor)
        skill = self.holder.candidate_skill_ids
        self.assertEqual((skill.skill_id, skill.skill_level_id), (self.welding, self.advanced))

    def test_counsellor_imports_a_certificate_from_pdf(self):
        """Import PDF on the migrant's card, read, import: a certification to verify, with
        the PDF, the number and the issuing body read from it."""
        self.start_tour(
            f"/odoo/action-hr_recruitment.action_hr_candidate/{self.importer.id}",
            "mrc_skills_pdf_import",
            login="mrc_s_tour_counsellor",
            timeout=180,
        )
        certification = self.env["mrc.certification"].search(
            [("candidate_id", "=", self.importer.id)]
        )
        self.assertEqual(len(certification), 1, "the import created no certification")
        self.assertEqual(certification.state, "submitted")
        self.assertEqual(certification.number, "CON-2025-TOUR")
        self.assertEqual(certification.issuer_id.mrc_issuer_acronym, "CONOCER")
        self.assertEqual(certification.skill_id, self.welding)
        self.assertEqual(base64.b64decode(certification.document), self.pdf)
