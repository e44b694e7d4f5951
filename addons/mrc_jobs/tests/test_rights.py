"""Rights decided by the server (rules 4, 6 and 7), checked through the door a client uses:
JSON-RPC over HTTP as the demo staff of each role. Every refused call must leave the data as it
was."""

from datetime import timedelta

from odoo import Command, fields
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.mrc_skills.tests.common import MrcRpcMixin

from .common import MrcJobsFixtures

ROLES = {
    "counsellor": "mrc_recruiters.group_mrc_counsellor",
    "liaison": "mrc_recruiters.group_mrc_liaison",
    "officer": "mrc_recruiters.group_mrc_complaints",
    "manager": "mrc_recruiters.group_mrc_manager",
}
ADMIN_GROUPS = ("hr.group_hr_manager", "hr_recruitment.group_hr_recruitment_manager")


@tagged("post_install", "-at_install")
class TestRights(MrcJobsFixtures, MrcRpcMixin, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.today = fields.Date.today()
        cls.employer = cls._make_organisation("Rights Orchards Ltd.", employer=True)
        cls.agency = cls._make_organisation("Rights Fair Agency", agency=True)
        cls.job = cls._make_vacancy("Rights apple picker")
        cls.unpublished = cls._make_vacancy("Rights pear picker", mrc_is_published=False)
        cls.fee_job = cls._make_vacancy("Rights plum picker", mrc_worker_fee_amount=1500.0)
        Candidate = cls.env["hr.candidate"]
        cls.consenting = Candidate.create(
            {"partner_name": "Rights Consenting Migrant", "mrc_consent_share": True}
        )
        cls.unconsenting = Candidate.create({"partner_name": "Rights Unconsenting Migrant"})
        cls.referral = cls.env["hr.applicant"].create(
            {"candidate_id": cls.consenting.id, "job_id": cls.job.id}
        )
        cls.match = cls.env["mrc.match"].create(
            {"candidate_id": cls.consenting.id, "job_id": cls.unpublished.id}
        )
        cls.hired = cls.env.ref("mrc_jobs.stage_hired")
        cls.interview = cls.env.ref("mrc_jobs.stage_interview")

    def _as(self, role):
        self.authenticate(role, role)

    def _fresh(self, record, field):
        self.env.invalidate_all()
        return record.sudo()[field]

    # ------------------------------------------------------------------------------ roles

    def test_demo_staff_hold_exactly_their_role(self):
        """Defect 2: a demo user and a user created today with the same MRC role hold the same
        groups, and no counsellor, liaison or officer is Recruitment or Employees
        Administrator."""
        for role, group in ROLES.items():
            with self.subTest(role=role):
                demo = self.env.ref(f"mrc_recruiters.user_{role}")
                fresh = new_test_user(self.env, login=f"mrc_rights_{role}", groups=group)
                differ = (demo.groups_id - fresh.groups_id) | (fresh.groups_id - demo.groups_id)
                self.assertFalse(
                    differ,
                    f"the demo {role} and a new {role} differ by {differ.mapped('full_name')}",
                )
                if role != "manager":
                    for admin in ADMIN_GROUPS:
                        self.assertFalse(demo.has_group(admin), f"the demo {role} is {admin}")
        counsellor = self.env.ref("mrc_recruiters.user_counsellor")
        self.assertTrue(
            counsellor.has_group("hr_recruitment.group_hr_recruitment_interviewer"),
            "counsellors use Recruitment's referral tools (refuse, e-mail) as interviewers",
        )
        self.assertFalse(
            counsellor.has_group("hr_recruitment.group_hr_recruitment_user"),
            "counsellors are not Recruitment Officers: they do not edit vacancies",
        )

    def test_new_users_get_no_hr_administration_by_default(self):
        """A user created from the default template is neither Recruitment nor Employees
        Administrator: those rights come from a role."""
        user = self.env["res.users"].create({"name": "Rights Template User", "login": "rtu"})
        user.write({"groups_id": [Command.link(self.env.ref(ROLES["counsellor"]).id)]})
        for admin in ADMIN_GROUPS:
            self.assertFalse(user.has_group(admin), f"a new user is {admin} by default")

    def test_officer_opens_a_migrant_card_read_only(self):
        """Defect 10: the complaints officer opens a migrant's card (the form's fields, its
        language and skill lines) and cannot change it."""
        self._as("officer")
        views = self.assert_rpc_ok(
            self.rpc("hr.candidate", "get_views", [[[False, "form"]]]), "officer form view"
        )
        models = views["models"]
        fields_ = models["hr.candidate"]["fields"]
        spec = {}
        for name, desc in fields_.items():
            if desc["type"] in ("one2many", "many2many"):
                sub = models.get(desc["relation"], {}).get("fields", {})
                spec[name] = {"fields": {sub_name: {} for sub_name in sub if "." not in sub_name}}
            elif desc["type"] == "many2one":
                spec[name] = {"fields": {"display_name": {}}}
            else:
                spec[name] = {}
        self.assertIn("mrc_language_ids", spec, "the card shows the migrant's languages")
        self.consenting.sudo().write(
            {
                "mrc_language_ids": [
                    Command.create(
                        {
                            "language_id": self.env.ref("mrc_skills.lang_es").id,
                            "proficiency": "fluent",
                        }
                    )
                ]
            }
        )
        rows = self.assert_rpc_ok(
            self.rpc("hr.candidate", "web_read", [self.consenting.ids], {"specification": spec}),
            "officer reads the card",
        )
        self.assertEqual(len(rows[0]["mrc_language_ids"]), 1, "the language line is read")
        self.assert_rpc_refused(
            self.rpc("hr.candidate", "write", [self.consenting.ids, {"mrc_desired_job": "x"}]),
            "officer edits the card",
        )
        self.assertFalse(self._fresh(self.consenting, "mrc_desired_job"))

    # ------------------------------------------------------------------------------ vacancies

    def test_only_liaison_publishes_vacancies(self):
        """Defect 2: counsellors and officers neither publish nor withdraw a vacancy, by the
        action or by writing the flag; the liaison publishes through the action."""
        for role in ("counsellor", "officer"):
            self._as(role)
            with self.subTest(role=role):
                self.assert_rpc_refused(
                    self.rpc("hr.job", "action_mrc_publish", [self.unpublished.ids]),
                    f"{role} publishes",
                )
                self.assert_rpc_refused(
                    self.rpc("hr.job", "write", [self.unpublished.ids, {"mrc_is_published": True}]),
                    f"{role} writes the published flag",
                )
                self.assert_rpc_refused(
                    self.rpc("hr.job", "action_mrc_unpublish", [self.job.ids]),
                    f"{role} withdraws",
                )
                self.assertFalse(self._fresh(self.unpublished, "mrc_is_published"))
                self.assertTrue(self._fresh(self.job, "mrc_is_published"))
        self._as("liaison")
        self.assert_rpc_refused(
            self.rpc("hr.job", "write", [self.unpublished.ids, {"mrc_is_published": True}]),
            "liaison writes the published flag",
        )
        self.assert_rpc_ok(
            self.rpc("hr.job", "action_mrc_publish", [self.unpublished.ids]), "liaison publishes"
        )
        self.assertTrue(self._fresh(self.unpublished, "mrc_is_offered"))

    def test_eligibility_flags_are_never_written(self):
        """Defect 3: a fee-charging vacancy is not made eligible by writing the stored flags,
        by creating a vacancy with them (values or ``default_`` context) or by a copy."""
        self._as("liaison")
        for name in ("mrc_is_eligible", "mrc_is_vacancy", "mrc_is_published"):
            with self.subTest(field=name):
                self.assert_rpc_refused(
                    self.rpc("hr.job", "write", [self.fee_job.ids, {name: True}]),
                    f"write {name}",
                )
                vals = {"name": f"Rights shell {name}", "mrc_employer_id": self.employer.id}
                self.assert_rpc_refused(
                    self.rpc("hr.job", "create", [[{**vals, name: True}]]), f"create {name}"
                )
                self.assert_rpc_refused(
                    self.rpc("hr.job", "create", [[vals]], {"context": {f"default_{name}": True}}),
                    f"create with default_{name}",
                )
                self.assert_rpc_refused(
                    self.rpc("hr.job", "copy", [self.fee_job.ids], {"default": {name: True}}),
                    f"copy with {name}",
                )
                self.assertFalse(
                    self.env["hr.job"].search_count([("name", "like", "Rights shell")]),
                    "no vacancy was created",
                )
        self.assertFalse(self._fresh(self.fee_job, "mrc_is_eligible"))
        self.assertFalse(self._fresh(self.fee_job, "mrc_is_offered"))
        copied = self.assert_rpc_ok(self.rpc("hr.job", "copy", [self.job.ids]), "copy")
        copy = self.env["hr.job"].browse(copied)
        self.assertFalse(copy.mrc_is_published, "a copy is not published")
        self.assertFalse(copy.mrc_is_offered, "a copy is not offered until published")

    def test_compliance_issues_do_not_detail_vetting_to_counsellors(self):
        """Defect 7: a counsellor learns that the agency is not cleared, not its vetting state;
        the liaison reads the detail."""
        self.agency.sudo().write({"mrc_vetting_state": "suspended"})
        spec = {"mrc_compliance_issues": {}}
        self._as("counsellor")
        text = self.assert_rpc_ok(
            self.rpc("hr.job", "web_read", [self.job.ids], {"specification": spec}), "read"
        )[0]["mrc_compliance_issues"]
        self.assertIn("not cleared by the employer liaison", text)
        self.assertNotIn("Suspended", text, "the vetting state is a liaison field")
        self.assertNotIn("vetted", text)
        self._as("liaison")
        text = self.assert_rpc_ok(
            self.rpc("hr.job", "web_read", [self.job.ids], {"specification": spec}), "read"
        )[0]["mrc_compliance_issues"]
        self.assertIn("not vetted (Suspended)", text, "the liaison reads why")

    # ------------------------------------------------------------------------------ referrals

    def test_referral_steps_are_the_counsellors(self):
        """Defect 2: neither the liaison nor the officer moves a referral to Hired; the
        counsellor moves it on."""
        for role in ("liaison", "officer"):
            self._as(role)
            with self.subTest(role=role):
                self.assert_rpc_refused(
                    self.rpc(
                        "hr.applicant", "write", [self.referral.ids, {"stage_id": self.hired.id}]
                    ),
                    f"{role} hires",
                )
                self.assertNotEqual(self._fresh(self.referral, "stage_id"), self.hired)
                self.assertFalse(self._fresh(self.referral, "mrc_placement_date"))
        self._as("counsellor")
        self.assert_rpc_ok(
            self.rpc("hr.applicant", "write", [self.referral.ids, {"stage_id": self.interview.id}]),
            "counsellor moves the referral",
        )
        self.assertEqual(self._fresh(self.referral, "stage_id"), self.interview)

    def test_referral_needs_consent_and_an_offered_vacancy(self):
        """Defect 4: a referral is refused for a migrant without consent (rule 6) and for a
        vacancy not offered (rule 1), and an existing referral is not moved to a fee-charging
        vacancy."""
        self._as("counsellor")
        before = self.env["hr.applicant"].search_count([])
        self.assert_rpc_refused(
            self.rpc(
                "hr.applicant",
                "create",
                [[{"candidate_id": self.unconsenting.id, "job_id": self.job.id}]],
            ),
            "referral without consent",
        )
        self.assert_rpc_refused(
            self.rpc(
                "hr.applicant",
                "create",
                [[{"candidate_id": self.consenting.id, "job_id": self.fee_job.id}]],
            ),
            "referral to a fee-charging vacancy",
        )
        self.assertEqual(self.env["hr.applicant"].search_count([]), before, "nothing created")
        self.assert_rpc_refused(
            self.rpc("hr.applicant", "write", [self.referral.ids, {"job_id": self.fee_job.id}]),
            "referral moved to a fee-charging vacancy",
        )
        self.assertEqual(self._fresh(self.referral, "job_id"), self.job)

    # ------------------------------------------------------------------------------ matches

    def test_match_state_and_score_only_through_actions(self):
        """Defect 4: no one writes a match's state or score, or creates a match already
        referred or scored; the counsellor's actions change the state."""
        for role in ("counsellor", "manager"):
            self._as(role)
            with self.subTest(role=role):
                self.assert_rpc_refused(
                    self.rpc("mrc.match", "write", [self.match.ids, {"state": "referred"}]),
                    "write the state",
                )
                self.assert_rpc_refused(
                    self.rpc("mrc.match", "write", [self.match.ids, {"score": 100.0}]),
                    "write the score",
                )
                for extra in ({"state": "referred"}, {"score": 100.0}, {"explanation": {"x": 1}}):
                    self.assert_rpc_refused(
                        self.rpc(
                            "mrc.match",
                            "create",
                            [
                                [
                                    {
                                        "candidate_id": self.unconsenting.id,
                                        "job_id": self.fee_job.id,
                                    }
                                    | extra
                                ]
                            ],  # fmt: skip
                        ),
                        f"create a match with {extra}",
                    )
                self.assertEqual(self._fresh(self.match, "state"), "suggested")
                self.assertFalse(
                    self.env["mrc.match"].search_count([("job_id", "=", self.fee_job.id)]),
                    "no match with the fee-charging vacancy",
                )
        self._as("liaison")
        self.assert_rpc_refused(
            self.rpc("mrc.match", "action_shortlist", [self.match.ids]), "liaison shortlists"
        )
        self.assertEqual(self._fresh(self.match, "state"), "suggested")
        self._as("counsellor")
        self.assert_rpc_ok(
            self.rpc("mrc.match", "action_shortlist", [self.match.ids]), "counsellor shortlists"
        )
        self.assertEqual(self._fresh(self.match, "state"), "shortlisted")

    def test_counsellor_buttons_still_rank(self):
        """The counsellor's Find jobs and Find candidates buttons store the engine's matches
        (written by the engine, not by the counsellor's rights on the fields)."""
        self._as("counsellor")
        self.assert_rpc_ok(
            self.rpc("hr.candidate", "action_mrc_find_jobs", [self.consenting.ids]), "Find jobs"
        )
        self.assert_rpc_ok(
            self.rpc("hr.job", "action_mrc_find_candidates", [self.job.ids]), "Find candidates"
        )

    # ------------------------------------------------------------------------------ consent

    def test_consent_and_erasure_flags_only_through_actions(self):
        """Defect 2: the liaison and the officer neither set consent nor mark a card erased,
        and no one writes those fields; the counsellor records consent through the action."""
        guarded = {
            "mrc_consent_share": True,
            "mrc_is_erased": True,
            "mrc_erased_date": fields.Date.to_string(self.today - timedelta(days=1)),
        }
        for role in ("liaison", "officer", "counsellor"):
            self._as(role)
            for name, value in guarded.items():
                with self.subTest(role=role, field=name):
                    self.assert_rpc_refused(
                        self.rpc("hr.candidate", "write", [self.unconsenting.ids, {name: value}]),
                        f"{role} writes {name}",
                    )
                    self.assert_rpc_refused(
                        self.rpc(
                            "hr.candidate",
                            "create",
                            [[{"partner_name": "Rights shell migrant", name: value}]],
                        ),
                        f"{role} creates with {name}",
                    )
            if role != "counsellor":
                self.assert_rpc_refused(
                    self.rpc("hr.candidate", "action_mrc_record_consent", [self.unconsenting.ids]),
                    f"{role} records consent",
                )
        self.assertFalse(self._fresh(self.unconsenting, "mrc_consent_share"))
        self.assertFalse(self._fresh(self.unconsenting, "mrc_is_erased"))
        self.assertFalse(
            self.env["hr.candidate"].search_count([("partner_name", "=", "Rights shell migrant")])
        )
        self.assert_rpc_ok(
            self.rpc("hr.candidate", "action_mrc_record_consent", [self.unconsenting.ids]),
            "counsellor records consent",
        )
        self.assertTrue(self._fresh(self.unconsenting, "mrc_consent_share"))
        self.assertEqual(self._fresh(self.unconsenting, "mrc_consent_share_date"), self.today)
        self.assert_rpc_ok(
            self.rpc("hr.candidate", "action_mrc_withdraw_consent", [self.unconsenting.ids]),
            "counsellor records the withdrawal",
        )
        self.assertFalse(self._fresh(self.unconsenting, "mrc_consent_share"))
        self.assertFalse(self._fresh(self.unconsenting, "mrc_consent_share_date"))
