"""Rule 8 and the confidentiality of intakes through the door a client uses: JSON-RPC over
HTTP as each role. A case of gender-based violence goes to a female counsellor trained in GBV
unless a manager records why not; another counsellor cannot read a case's screening; urgent
screening results reach a manager at once. Every refused call leaves the data as it was."""

from odoo.tests import HttpCase, tagged

from odoo.addons.mrc_skills.tests.common import MrcRpcMixin

from .common import MrcCasesFixtures


@tagged("post_install", "-at_install")
class TestIntakeRights(MrcCasesFixtures, MrcRpcMixin, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_staff()
        # Rosa tells the counsellor who takes her intake about sexual harassment: a GBV case
        cls.gbv_case = cls._intake(cls.gbv_counsellor, "C1 Rosa")
        cls._answer(cls.gbv_case, cls.indicator_harassment)
        cls.gbv_case.with_user(cls.gbv_counsellor).write(
            {"screening_note": "Harassed by a shift supervisor."}
        )

    def _as(self, user):
        self.authenticate(user.login, user.login)

    def _assign(self, intake, counsellor, reason=None):
        """Give ``intake`` to ``counsellor`` through the assignment wizard, as the session's
        user; return the answer of its confirmation (or of its creation when refused)."""
        vals = {"intake_id": intake.id, "counsellor_id": counsellor.id}
        if reason is not None:
            vals["reason"] = reason
        answer = self.rpc("mrc.intake.assign", "create", [vals])
        if "error" in answer:
            return answer
        return self.rpc("mrc.intake.assign", "action_confirm", [[answer["result"]]])

    def _counsellor_of(self, intake):
        self.env.invalidate_all()
        return intake.sudo().counsellor_id

    # --------------------------------------------------------------- safe assignment

    def test_gbv_case_refused_to_counsellor_not_eligible(self):
        """A GBV case given to a man, or to a woman not trained in GBV, is refused: through
        the wizard and by writing the counsellor, by its counsellor and by a manager who gives
        no override."""
        self.assertTrue(self.gbv_case.is_gbv, "sexual harassment answered yes is a GBV case")
        for user in (self.gbv_counsellor, self.manager):
            self._as(user)
            for target in (self.male_counsellor, self.untrained_counsellor):
                with self.subTest(by=user.login, to=target.login):
                    if user == self.gbv_counsellor:
                        self.assert_rpc_refused(
                            self._assign(self.gbv_case, target, "he speaks her language"),
                            f"{user.login} gives the GBV case to {target.login} (wizard)",
                        )
                    self.assert_rpc_refused(
                        self.rpc(
                            "mrc.intake",
                            "write",
                            [[self.gbv_case.id], {"counsellor_id": target.id}],
                        ),
                        f"{user.login} writes {target.login} as counsellor of the GBV case",
                    )
                    self.assertEqual(
                        self._counsellor_of(self.gbv_case),
                        self.gbv_counsellor,
                        "a refused assignment left the case with another counsellor",
                    )

    def test_gbv_case_goes_to_eligible_counsellor_and_the_client_card_follows(self):
        """A GBV case is given to another woman trained in GBV without any reason; the client
        card's counsellor follows the assignment."""
        self._as(self.gbv_counsellor)
        self.assert_rpc_ok(
            self._assign(self.gbv_case, self.other_counsellor), "handing over to a GBV woman"
        )
        self.assertEqual(self._counsellor_of(self.gbv_case), self.other_counsellor)
        self.assertEqual(
            self.gbv_case.sudo().candidate_id.user_id,
            self.other_counsellor,
            "the client card's counsellor follows the case's",
        )

    def test_manager_override_needs_a_reason(self):
        """A manager gives the GBV case to a man only with a reason: without one (or with
        blanks) it is refused; with one the case is his, the reason, the manager and the date
        are recorded and tracked in the chatter."""
        self._as(self.manager)
        for reason in (None, "", "   "):
            with self.subTest(reason=reason):
                self.assert_rpc_refused(
                    self._assign(self.gbv_case, self.male_counsellor, reason),
                    f"override with reason {reason!r}",
                )
                self.assertEqual(self._counsellor_of(self.gbv_case), self.gbv_counsellor)
        reason = "She asked for him: he is the only counsellor who speaks Mam."
        self.assert_rpc_ok(
            self._assign(self.gbv_case, self.male_counsellor, reason), "override with a reason"
        )
        case = self.gbv_case.sudo()
        self.env.invalidate_all()
        self.assertEqual(case.counsellor_id, self.male_counsellor)
        self.assertEqual(case.override_reason, reason)
        self.assertEqual(case.override_user_id, self.manager)
        self.assertTrue(case.override_date)
        self.assertEqual(case.candidate_id.user_id, self.male_counsellor)
        tracked = case.message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == "override_reason"
        )
        self.assertEqual(tracked.new_value_text, reason, "the override reason is tracked")

    def test_counsellor_cannot_override(self):
        """A counsellor, even with a reason, cannot give the GBV case to a man; nobody writes
        the override fields by hand."""
        self._as(self.gbv_counsellor)
        self.assert_rpc_refused(
            self._assign(self.gbv_case, self.male_counsellor, "I am going on leave"),
            "a counsellor overrides",
        )
        self.assertEqual(self._counsellor_of(self.gbv_case), self.gbv_counsellor)
        self._as(self.manager)
        self.assert_rpc_refused(
            self.rpc(
                "mrc.intake",
                "write",
                [
                    [self.gbv_case.id],
                    {
                        "override_counsellor_id": self.male_counsellor.id,
                        "override_reason": "by hand",
                        "counsellor_id": self.male_counsellor.id,
                    },
                ],
            ),
            "the manager writes the override fields by hand",
        )
        self.assertFalse(self.gbv_case.sudo().override_reason)

    def test_client_card_counsellor_cannot_bypass_the_case(self):
        """The client card's counsellor of a migrant with an open GBV case cannot be changed
        on the card to a counsellor who may not take the case."""
        self._as(self.gbv_counsellor)
        candidate = self.gbv_case.sudo().candidate_id
        self.assert_rpc_refused(
            self.rpc(
                "hr.candidate", "write", [[candidate.id], {"user_id": self.male_counsellor.id}]
            ),
            "the card's counsellor changed around the GBV case",
        )
        self.env.invalidate_all()
        self.assertEqual(candidate.user_id, self.gbv_counsellor)

    def test_profile_set_by_managers_only(self):
        """A counsellor cannot declare herself trained in GBV; a manager sets the profile."""
        self._as(self.untrained_counsellor)
        self.assert_rpc_refused(
            self.rpc(
                "res.users",
                "write",
                [[self.untrained_counsellor.id], {"mrc_is_gbv_trained": True}],
            ),
            "a counsellor marks herself trained",
        )
        self.env.invalidate_all()
        self.assertFalse(self.untrained_counsellor.sudo().mrc_is_gbv_eligible)
        self._as(self.manager)
        self.assert_rpc_ok(
            self.rpc(
                "res.users",
                "write",
                [[self.untrained_counsellor.id], {"mrc_is_gbv_trained": True}],
            ),
            "the manager records the training",
        )
        self.env.invalidate_all()
        self.assertTrue(self.untrained_counsellor.sudo().mrc_is_gbv_eligible)

    # --------------------------------------------------------------- confidentiality

    def test_other_counsellor_cannot_read_screening(self):
        """Another counsellor, and a liaison officer, cannot read the case, its screening
        answers or its notes; complaints officers and managers can."""
        answer_ids = self.gbv_case.sudo().answer_ids.ids
        for user in (self.other_counsellor, self.liaison):
            self._as(user)
            with self.subTest(user=user.login):
                self.assert_rpc_refused(
                    self.rpc(
                        "mrc.intake",
                        "read",
                        [[self.gbv_case.id], ["screening_note", "is_gbv"]],
                    ),
                    f"{user.login} reads the case",
                )
                self.assert_rpc_refused(
                    self.rpc("mrc.intake.answer", "read", [answer_ids, ["answer", "note"]]),
                    f"{user.login} reads the screening answers",
                )
                found = self.rpc(
                    "mrc.intake", "search_read", [[("id", "=", self.gbv_case.id)], ["name"]]
                )
                self.assertFalse(found.get("result"), f"{user.login} finds the case")
        for user in (self.gbv_counsellor, self.officer, self.manager):
            self._as(user)
            with self.subTest(user=user.login):
                result = self.assert_rpc_ok(
                    self.rpc("mrc.intake", "read", [[self.gbv_case.id], ["screening_note"]]),
                    f"{user.login} reads the case",
                )
                self.assertEqual(result[0]["screening_note"], "Harassed by a shift supervisor.")

    # --------------------------------------------------------------- urgency

    def test_urgent_screening_reaches_a_manager(self):
        """A counsellor answers yes to withheld wages: the case is urgent and a manager has an
        urgent-screening activity on it, once; nobody marks a case urgent by hand."""
        intake = self._intake(self.male_counsellor, "C1 Wages")
        self.assertFalse(intake.is_urgent)
        self._as(self.male_counsellor)
        self.assert_rpc_refused(
            self.rpc("mrc.intake", "write", [[intake.id], {"is_urgent": True}]),
            "marking a case urgent by hand",
        )
        lines = intake.answer_ids.filtered(
            lambda a: a.indicator_id in (self.indicator_wages | self.indicator_documents)
        )
        self.assertEqual(len(lines), 2, "the checklist was loaded at intake")
        for line in lines:
            self.assert_rpc_ok(
                self.rpc("mrc.intake.answer", "write", [[line.id], {"answer": "yes"}]),
                f"answering {line.indicator_id.name}",
            )
        self.env.invalidate_all()
        intake = intake.sudo()
        self.assertTrue(intake.is_urgent)
        self.assertEqual(intake.sign_count, 2)
        urgent_type = self.env.ref("mrc_cases.mail_activity_type_urgent_screening")
        activities = intake.activity_ids.filtered(lambda a: a.activity_type_id == urgent_type)
        self.assertEqual(len(activities), 1, "one urgent activity, not one per answer")
        self.assertTrue(
            activities.user_id.has_group("mrc_recruiters.group_mrc_manager"),
            f"the urgent activity went to {activities.user_id.name}, not a manager",
        )
        answer = self.rpc("mrc.intake", "action_mrc_propose_referral", [[intake.id]])
        if "mrc.service.referral" not in self.env:
            self.assert_rpc_refused(answer, "an urgent referral without the referral network")
            return
        action = self.assert_rpc_ok(answer, "proposing the urgent referral")
        self.assertEqual(action["res_model"], "mrc.service.referral")
        self.assertTrue(action["context"]["default_is_urgent"])
        self.assertEqual(action["context"]["default_candidate_id"], intake.candidate_id.id)
