"""A counsellor verifies a certificate in the browser (Odoo tour)."""

from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestCertificationTour(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.counsellor = new_test_user(
            cls.env,
            login="mrc_s_tour_counsellor",
            name="Tour Counsellor",
            groups="base.group_user,mrc_recruiters.group_mrc_counsellor",
        )
        cls.candidate = cls.env["hr.candidate"].create({"partner_name": "Tour Certificate Holder"})
        today = fields.Date.today()
        cls.certification = cls.env["mrc.certification"].create(
            {
                "candidate_id": cls.candidate.id,
                "skill_id": cls.env.ref("mrc_skills.skill_welding").id,
                "skill_level_id": cls.env.ref("mrc_skills.skill_level_construction_advanced").id,
                "number": "TOUR-CERT-0001",
                "issue_date": today - timedelta(days=30),
                "expiry_date": today + timedelta(days=700),
                "state": "submitted",
            }
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
        skill = self.candidate.candidate_skill_ids
        self.assertEqual(skill.skill_id, self.env.ref("mrc_skills.skill_welding"))
        self.assertEqual(
            skill.skill_level_id, self.env.ref("mrc_skills.skill_level_construction_advanced")
        )
