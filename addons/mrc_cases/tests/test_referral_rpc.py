from odoo.tests import HttpCase, tagged

from odoo.addons.mrc_recruiters.tests.common import assert_rpc_refused, call_kw, rpc_error

from .referral_common import ReferralFixtures


@tagged("post_install", "-at_install")
class TestReferralRpc(ReferralFixtures, HttpCase):
    """Rule 9 through the door every client uses: JSON-RPC as each role."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_referral_fixtures()

    def test_referral_without_consent_refused_for_every_role(self):
        """As counsellor, manager, complaints officer, liaison and migrant: a referral without
        the migrant's consent is refused, and none is stored."""
        Referral = self.env["mrc.service.referral"]
        before = Referral.search_count([])
        for user in (self.counsellor, self.manager, self.officer, self.liaison, self.ana_user):
            with self.subTest(login=user.login):
                self.authenticate(user.login, user.login)
                answer = call_kw(
                    self,
                    "mrc.service.referral",
                    "create",
                    [self._referral_vals(self.ana, consent=())],
                )
                assert_rpc_refused(self, answer, f"referral without consent as {user.login}")
                # the context cannot grant it either
                answer = call_kw(
                    self,
                    "mrc.service.referral",
                    "create",
                    [dict(self._referral_vals(self.ana, consent=()), state="sent")],
                    {"context": {"default_state": "sent"}},
                )
                assert_rpc_refused(self, answer, f"sent referral forced as {user.login}")
        self.assertEqual(Referral.search_count([]), before)

    def test_counsellor_refers_with_consent(self):
        """The same call with one item agreed passes: the refusal above is the consent's."""
        self.authenticate(self.counsellor.login, self.counsellor.login)
        answer = call_kw(self, "mrc.service.referral", "create", [self._referral_vals(self.ana)])
        self.assertIsNone(rpc_error(answer), answer)
        referral_id = (
            answer["result"][0] if isinstance(answer["result"], list) else answer["result"]
        )
        answer = call_kw(self, "mrc.service.referral", "action_send", [[referral_id]])
        self.assertIsNone(rpc_error(answer), answer)
        # consent cannot be widened once sent
        referral = self.env["mrc.service.referral"].browse(referral_id)
        answer = call_kw(
            self,
            "mrc.service.referral.consent",
            "write",
            [referral.consent_ids.ids, {"consented": True}],
        )
        assert_rpc_refused(self, answer, "consent widened after sending")

    def test_migrant_reads_no_staff_field(self):
        """On her own referral the migrant reads the state over RPC, never the reason."""
        referral = (
            self.env["mrc.service.referral"]
            .with_user(self.counsellor)
            .create(self._referral_vals(self.ana))
        )
        referral.with_user(self.counsellor).action_send()
        self.authenticate(self.ana_user.login, self.ana_user.login)
        answer = call_kw(self, "mrc.service.referral", "read", [referral.ids, ["state"]])
        self.assertEqual(answer.get("result", [{}])[0].get("state"), "sent", answer)
        answer = call_kw(self, "mrc.service.referral", "read", [referral.ids, ["reason"]])
        assert_rpc_refused(self, answer, "reason read by the migrant")
        self.authenticate(self.beto_user.login, self.beto_user.login)
        answer = call_kw(self, "mrc.service.referral", "read", [referral.ids, ["state"]])
        assert_rpc_refused(self, answer, "another migrant's referral")

    def test_women_only_provider_refused_for_a_man_over_rpc(self):
        """As a counsellor: a women-only shelter cannot take a referral of a male migrant."""
        self.authenticate(self.counsellor.login, self.counsellor.login)
        vals = self._referral_vals(self.beto, provider=self.women_shelter, service=self.shelter)
        answer = call_kw(self, "mrc.service.referral", "create", [vals])
        name = assert_rpc_refused(self, answer, "women-only provider, male migrant")
        self.assertEqual(name, "odoo.exceptions.ValidationError")
        self.assertIn("women only", answer["error"]["data"]["message"])
        vals = self._referral_vals(self.ana, provider=self.women_shelter, service=self.shelter)
        answer = call_kw(self, "mrc.service.referral", "create", [vals])
        self.assertIsNone(rpc_error(answer), "the same shelter takes a woman")
