"""Rule 8 when a case or a client card is *created* with its counsellor already set, through
the door a client uses (JSON-RPC over HTTP as each role): a case of gender-based violence
created for a counsellor who may not take it is refused like an assignment, whether the
counsellor comes in the values, a ``default_`` context key or a card created around the case;
the same creations for a female counsellor trained in GBV pass. Every refused call leaves the
data as it was."""

from odoo import Command
from odoo.tests import HttpCase, tagged

from odoo.addons.mrc_skills.tests.common import MrcRpcMixin

from .common import MrcCasesFixtures


@tagged("post_install", "-at_install")
class TestGbvCreate(MrcCasesFixtures, MrcRpcMixin, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_staff()
        # Rosa's open GBV case, held by the female counsellor trained in GBV
        cls.gbv_case = cls._intake(cls.gbv_counsellor, "C2 Rosa")
        cls._answer(cls.gbv_case, cls.indicator_harassment)
        cls.rosa = cls.gbv_case.candidate_id

    def _as(self, user):
        self.authenticate(user.login, user.login)

    def _gbv_answers(self):
        """The screening as a form sends it with the new case: harassment answered yes."""
        return [Command.create({"indicator_id": self.indicator_harassment.id, "answer": "yes"})]

    def _card(self, name):
        return (
            self.env["hr.candidate"]
            .with_user(self.gbv_counsellor)
            .create({"partner_name": name, "mrc_gender": "female"})
        )

    def _counts(self):
        self.env.invalidate_all()
        Intake = self.env["mrc.intake"].sudo()
        return (
            Intake.search_count([]),
            self.env["hr.candidate"].sudo().search_count([]),
            self.gbv_case.sudo().candidate_id,
            self.rosa.sudo().user_id,
        )

    # --------------------------------------------------------------- the case itself

    def test_gbv_case_created_for_a_counsellor_who_may_not_take_it(self):
        """A manager (without the wizard's override) creating a GBV case for a man or for an
        untrained woman, by the value or by the form's default, is refused; a counsellor
        creating one for a colleague too."""
        card = self._card("C2 Mia")
        before = self._counts()
        for user in (self.manager, self.gbv_counsellor):
            self._as(user)
            for target in (self.male_counsellor, self.untrained_counsellor):
                vals = {"candidate_id": card.id, "answer_ids": self._gbv_answers()}
                for how, args, kwargs in (
                    ("value", [dict(vals, counsellor_id=target.id)], {}),
                    (
                        "default",
                        [vals],
                        {"context": {"default_counsellor_id": target.id}},
                    ),
                ):
                    with self.subTest(by=user.login, to=target.login, how=how):
                        message = self.assert_rpc_refused(
                            self.rpc("mrc.intake", "create", args, kwargs),
                            f"{user.login} creates a GBV case for {target.login} ({how})",
                        )
                        if user == self.manager:
                            self.assertIn("gender-based violence", message)
                        self.assertEqual(self._counts(), before, "nothing was created")

    def test_manager_cannot_write_the_override_at_creation(self):
        """The override is the wizard's: a case created with its override fields filled in
        by hand is refused."""
        card = self._card("C2 Lea")
        before = self._counts()
        self._as(self.manager)
        self.assert_rpc_refused(
            self.rpc(
                "mrc.intake",
                "create",
                [
                    {
                        "candidate_id": card.id,
                        "counsellor_id": self.male_counsellor.id,
                        "override_counsellor_id": self.male_counsellor.id,
                        "override_reason": "by hand",
                        "answer_ids": self._gbv_answers(),
                    }
                ],
            ),
            "a GBV case created with a hand-made override",
        )
        self.assertEqual(self._counts(), before)

    def test_gbv_case_created_for_an_eligible_counsellor(self):
        """A manager creates a GBV case for a female counsellor trained in GBV: it is hers,
        not flagged, and her client card follows."""
        card = self._card("C2 Eva")
        self._as(self.manager)
        intake_id = self.assert_rpc_ok(
            self.rpc(
                "mrc.intake",
                "create",
                [
                    {
                        "candidate_id": card.id,
                        "counsellor_id": self.other_counsellor.id,
                        "answer_ids": self._gbv_answers(),
                    }
                ],
            ),
            "a GBV case created for a woman trained in GBV",
        )
        self.env.invalidate_all()
        intake = self.env["mrc.intake"].sudo().browse(intake_id)
        self.assertTrue(intake.is_gbv)
        self.assertEqual(intake.counsellor_id, self.other_counsellor)
        self.assertFalse(intake.needs_reassignment)
        self.assertEqual(card.sudo().user_id, self.other_counsellor)

    def test_case_taken_by_its_own_counsellor_asks_a_manager(self):
        """The counsellor who takes the intake holds it even when the migrant discloses
        violence in it (the intake is never lost): created with the disclosure, the case is
        flagged and a manager gets the reassignment activity, as when she discloses after."""
        card = self._card("C2 Ina")
        card.sudo().user_id = self.male_counsellor
        self._as(self.male_counsellor)
        intake_id = self.assert_rpc_ok(
            self.rpc(
                "mrc.intake",
                "create",
                [{"candidate_id": card.id, "answer_ids": self._gbv_answers()}],
            ),
            "the counsellor records the disclosure in the intake he takes",
        )
        self.env.invalidate_all()
        intake = self.env["mrc.intake"].sudo().browse(intake_id)
        self.assertTrue(intake.needs_reassignment)
        gbv_type = self.env.ref("mrc_cases.mail_activity_type_gbv_assignment")
        activity = intake.activity_ids.filtered(lambda a: a.activity_type_id == gbv_type)
        self.assertTrue(activity.user_id.has_group("mrc_recruiters.group_mrc_manager"))

    # --------------------------------------------------------------- the client card

    def test_card_created_around_an_open_gbv_case(self):
        """A client card created for a man with Rosa's open GBV case linked into it, or with a
        new GBV case given to him, is refused; Rosa's case stays on her card."""
        before = self._counts()
        for user in (self.gbv_counsellor, self.manager):
            self._as(user)
            for how, intakes in (
                ("link", [Command.link(self.gbv_case.id)]),
                ("set", [Command.set(self.gbv_case.ids)]),
                (
                    "new case",
                    [
                        Command.create(
                            {
                                "counsellor_id": self.male_counsellor.id,
                                "answer_ids": self._gbv_answers(),
                            }
                        )
                    ],
                ),
            ):
                with self.subTest(by=user.login, how=how):
                    message = self.assert_rpc_refused(
                        self.rpc(
                            "hr.candidate",
                            "create",
                            [
                                {
                                    "partner_name": "C2 Rosa again",
                                    "user_id": self.male_counsellor.id,
                                    "mrc_intake_ids": intakes,
                                }
                            ],
                        ),
                        f"{user.login} creates a card for a man around a GBV case ({how})",
                    )
                    if user == self.manager or how != "new case":
                        # (a counsellor creates cases for herself only: refused by access)
                        self.assertIn("gender-based violence", message)
                    self.assertEqual(self._counts(), before, "nothing was created or moved")

    def test_card_write_cannot_bring_a_gbv_case_to_a_man(self):
        """Giving a man's card Rosa's open GBV case (with or without changing the card's
        counsellor in the same write), or moving the case to his card, is refused."""
        card = self._card("C2 Other card")
        card.sudo().user_id = self.male_counsellor
        before = self._counts()
        self._as(self.gbv_counsellor)
        for vals in (
            {"mrc_intake_ids": [Command.link(self.gbv_case.id)]},
            {
                "user_id": self.male_counsellor.id,
                "mrc_intake_ids": [Command.link(self.gbv_case.id)],
            },
        ):
            with self.subTest(vals=list(vals)):
                message = self.assert_rpc_refused(
                    self.rpc("hr.candidate", "write", [[card.id], vals]),
                    "a man's card given the GBV case",
                )
                self.assertIn("open case of gender-based violence", message)
                self.assertEqual(self._counts(), before)
        message = self.assert_rpc_refused(
            self.rpc("mrc.intake", "write", [[self.gbv_case.id], {"candidate_id": card.id}]),
            "the GBV case moved to a man's card",
        )
        self.assertIn("open case of gender-based violence", message)
        self.assertEqual(self._counts(), before)

    def test_card_created_for_an_eligible_counsellor_with_its_case(self):
        """A card created for a female counsellor trained in GBV with a new GBV case for her
        passes: the case and the card are hers."""
        self._as(self.manager)
        card_id = self.assert_rpc_ok(
            self.rpc(
                "hr.candidate",
                "create",
                [
                    {
                        "partner_name": "C2 Sofia",
                        "user_id": self.other_counsellor.id,
                        "mrc_intake_ids": [
                            Command.create(
                                {
                                    "counsellor_id": self.other_counsellor.id,
                                    "answer_ids": self._gbv_answers(),
                                }
                            )
                        ],
                    }
                ],
            ),
            "a card and its GBV case for a woman trained in GBV",
        )
        self.env.invalidate_all()
        card = self.env["hr.candidate"].sudo().browse(card_id)
        self.assertEqual(card.user_id, self.other_counsellor)
        self.assertTrue(card.mrc_intake_ids.is_gbv)
        self.assertEqual(card.mrc_intake_ids.counsellor_id, self.other_counsellor)
