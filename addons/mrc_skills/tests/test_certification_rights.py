"""Certificates through the door a client uses (JSON-RPC over HTTP): verification only by the
counsellor's action, certificate numbers unique per issuing body (no issuer counting as one),
and a portal upload that never confirms another person's certificate."""

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged

from .common import MrcRpcMixin, MrcSkillsCase


@tagged("post_install", "-at_install")
class TestCertificationRights(MrcSkillsCase, MrcRpcMixin, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        today = fields.Date.today()
        cls.expired = cls.certification(
            number="RIGHTS-EXP-1",
            issue_date=today.replace(year=today.year - 3),
            expiry_date=today.replace(year=today.year - 1),
        )
        cls.env["mrc.certification"]._cron_mrc_expire_certifications()
        cls.submitted = cls.certification(number="RIGHTS-SUB-1", skill_level_id=cls.level_basic.id)
        cls.submitted.with_user(cls.counsellor).action_submit()

    def _fresh(self, record):
        self.env.invalidate_all()
        return record.sudo()

    def test_state_and_verifier_only_through_the_actions(self):
        """Defect 6: a counsellor cannot write an expired certificate to verified, nor its
        verifier or date, nor create one already verified; the verify action refuses an
        expired certificate and records who verified a valid one."""
        self.assertEqual(self.expired.state, "expired")
        self.authenticate("mrc_s_counsellor", "mrc_s_counsellor")
        for vals in (
            {"state": "verified"},
            {"verified_by_id": self.counsellor.id},
            {"verified_date": fields.Datetime.to_string(fields.Datetime.now())},
        ):
            with self.subTest(vals=vals):
                self.assert_rpc_refused(
                    self.rpc("mrc.certification", "write", [self.expired.ids, vals]),
                    f"write {vals}",
                )
                self.assert_rpc_refused(
                    self.rpc(
                        "mrc.certification",
                        "create",
                        [
                            [
                                {
                                    "candidate_id": self.candidate.id,
                                    "skill_id": self.forklift.id,
                                    "skill_level_id": self.level_forklift_basic.id,
                                    "number": "RIGHTS-NEW-1",
                                    **vals,
                                }
                            ]
                        ],
                    ),
                    f"create with {vals}",
                )
        self.assert_rpc_refused(
            self.rpc("mrc.certification", "action_verify", [self.expired.ids]),
            "verify an expired certificate",
        )
        expired = self._fresh(self.expired)
        self.assertEqual(expired.state, "expired")
        self.assertFalse(expired.verified_by_id, "no verifier recorded")
        self.assertFalse(
            self.env["mrc.certification"].search_count([("number", "=", "RIGHTS-NEW-1")]),
            "nothing created",
        )
        self.assert_rpc_ok(
            self.rpc("mrc.certification", "action_verify", [self.submitted.ids]), "verify"
        )
        submitted = self._fresh(self.submitted)
        self.assertEqual(submitted.state, "verified")
        self.assertEqual(submitted.verified_by_id, self.counsellor, "the verifier is recorded")

    def test_liaison_cannot_verify(self):
        """Only counsellors verify: the liaison's call is refused."""
        self.authenticate("mrc_s_liaison", "mrc_s_liaison")
        self.assert_rpc_refused(
            self.rpc("mrc.certification", "action_verify", [self.submitted.ids]),
            "liaison verifies",
        )
        self.assertEqual(self._fresh(self.submitted).state, "submitted")

    def test_same_number_without_issuer_is_a_duplicate(self):
        """Defect 6: numbers are unique per issuing body, and certificates with no recognised
        issuer count as one body: the second certificate with the same number is refused."""
        self.authenticate("mrc_s_counsellor", "mrc_s_counsellor")
        vals = {
            "candidate_id": self.candidate.id,
            "skill_id": self.forklift.id,
            "skill_level_id": self.level_forklift_basic.id,
            "number": "NOISSUER-42",
        }
        self.assert_rpc_ok(self.rpc("mrc.certification", "create", [[vals]]), "first")
        message = self.assert_rpc_refused(
            self.rpc(
                "mrc.certification",
                "create",
                [[{**vals, "candidate_id": self.other_candidate.id, "number": " NOISSUER-42 "}]],
            ),
            "second with the same number",
        )
        self.assertIn("no recognised issuing body", message, "the error states the rule")
        self.assertEqual(
            self.env["mrc.certification"].search_count([("number", "=", "NOISSUER-42")]), 1
        )

    def test_portal_upload_does_not_confirm_someone_elses_number(self):
        """Defect 6: uploading a certificate whose number another migrant holds is refused
        with a neutral message that names neither the number nor its holder."""
        self.certification(candidate_id=self.other_candidate.id, number="CON-2023-55555")
        before = self.env["mrc.certification"].search_count([])
        with self.assertRaises(UserError) as caught:
            self.env["mrc.certification"].with_user(self.portal_user)._mrc_import_portal_pdf(
                self.candidate, "certificado.pdf", self.spanish_certificate("CON-2023-55555")
            )
        message = str(caught.exception)
        self.assertNotIn("CON-2023-55555", message, "the number is not confirmed")
        self.assertNotIn("already", message, "no hint that the number exists")
        self.assertIn("could not be recorded", message)
        self.assertEqual(self.env["mrc.certification"].search_count([]), before)
