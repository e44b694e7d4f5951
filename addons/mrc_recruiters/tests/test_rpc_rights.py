"""Rule 7 and rule 4 through the door a client uses: JSON-RPC over HTTP as each role.

The staff users here also hold Contact Creation (``base.group_partner_manager``), which lets
any internal user write contacts: the guard must hold whatever standard groups a role holds.
"""

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

from .common import MrcRecruitersCase, assert_rpc_refused, call_kw, rpc_error

RISK_DETAIL_FIELDS = (
    "mrc_vetting_state",
    "mrc_vetting_date",
    "mrc_is_flagged",
    "mrc_flag_date",
    "mrc_check_ids",
)


@tagged("post_install", "-at_install")
class TestRpcRights(MrcRecruitersCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        group = "base.group_user,base.group_partner_manager,mrc_recruiters.group_mrc_"
        cls.rpc_counsellor = new_test_user(
            cls.env, login="rpc_counsellor", groups=f"{group}counsellor"
        )
        cls.rpc_officer = new_test_user(cls.env, login="rpc_officer", groups=f"{group}complaints")
        cls.staff = {
            "liaison": cls.liaison,
            "counsellor": cls.rpc_counsellor,
            "officer": cls.rpc_officer,
        }
        # a flagged employer: vetted, then three substantiated high-severity complaints
        cls._vet(cls.employer)
        for _i in range(3):
            complaint = (
                cls.env["mrc.complaint"]
                .with_user(cls.officer)
                .create(
                    {
                        "partner_id": cls.employer.id,
                        "category_ids": [Command.link(cls.cat_fees.id)],
                        "severity": "high",
                        "outcome": "Fees refunded.",
                    }
                )
            )
            complaint.action_triage()
            complaint.action_investigate()
            complaint.action_resolve()
        cls.blacklisted = cls.env["res.partner"].create(
            {"name": "Shell Recruiters", "is_company": True, "mrc_is_agency": True}
        )
        cls.blacklisted.with_user(cls.liaison)._mrc_set_vetting_state("blacklisted", "fraud")

    def _login(self, user):
        self.authenticate(user.login, user.login)

    def _org_count(self, name):
        return (
            self.env["res.partner"]
            .with_context(active_test=False)
            .search_count([("name", "=", name)])
        )

    def test_flag_not_cleared_with_context_key(self):
        """No staff role clears a flag by writing it, whatever context key it sends
        (``mrc_standing_change`` grants nothing): only a manager lifts it, with a reason."""
        self.assertTrue(self.employer.mrc_is_flagged, "setup: the employer must be flagged")
        for role, user in self.staff.items():
            with self.subTest(role=role):
                self._login(user)
                answer = call_kw(
                    self,
                    "res.partner",
                    "write",
                    [self.employer.ids, {"mrc_is_flagged": False}],
                    {"context": {"mrc_standing_change": True}},
                )
                assert_rpc_refused(self, answer, f"{role} clears a flag")
                self.assertTrue(self.employer.mrc_is_flagged, f"{role} cleared the flag")
                self.assertFalse(self.employer.mrc_is_safe)

    def test_safety_not_written(self):
        """``mrc_is_safe`` is computed only: no role writes it, not even on a blacklisted
        organisation."""
        for role, user in self.staff.items():
            for org in (self.employer, self.blacklisted):
                with self.subTest(role=role, org=org.name):
                    self._login(user)
                    answer = call_kw(self, "res.partner", "write", [org.ids, {"mrc_is_safe": True}])
                    assert_rpc_refused(self, answer, f"{role} marks {org.name} safe")
                    self.assertFalse(org.mrc_is_safe, f"{role} made {org.name} safe")

    def test_no_vetted_organisation_created_or_copied(self):
        """No role creates an organisation already vetted: not with the value, not with a
        ``default_`` context key, not by copying with the value."""
        for role, user in self.staff.items():
            name = f"Instant Vetted {role}"
            vals = {"name": name, "is_company": True, "mrc_is_employer": True}
            attempts = {
                "create": ("create", [{**vals, "mrc_vetting_state": "vetted"}], {}),
                "default": (
                    "create",
                    [vals],
                    {"context": {"default_mrc_vetting_state": "vetted"}},
                ),
                "copy": (
                    "copy",
                    [self.employer.id, {"name": name, "mrc_vetting_state": "vetted"}],
                    {},
                ),
            }
            for how, (method, args, kwargs) in attempts.items():
                with self.subTest(role=role, how=how):
                    self._login(user)
                    answer = call_kw(self, "res.partner", method, args, kwargs)
                    assert_rpc_refused(self, answer, f"{role} {how} a vetted organisation")
                    self.assertEqual(self._org_count(name), 0, f"{role} {how}: created")

    def test_liaison_registers_and_vets_through_actions(self):
        """The normal flow still works over RPC: liaison staff register an organisation in
        draft (the default is no privilege), and the Vet action vets it."""
        self._login(self.liaison)
        answer = call_kw(
            self,
            "res.partner",
            "create",
            [{"name": "Fair Orchards", "is_company": True, "mrc_is_employer": True}],
            {"context": {"default_mrc_vetting_state": "draft"}},
        )
        self.assertIsNone(rpc_error(answer), answer)
        partner = self.env["res.partner"].browse(answer["result"])
        self._prepare_for_vetting(partner)
        answer = call_kw(self, "res.partner", "action_mrc_vet", [partner.ids])
        self.assertIsNone(rpc_error(answer), answer)
        self.assertTrue(partner.mrc_is_safe)

    def test_checklist_written_by_liaison_only(self):
        """Counsellors and complaints officers cannot pass a vetting check, directly or
        through the organisation; liaison staff can, and are recorded as its reviewer."""
        partner = self.agency
        partner.with_user(self.liaison).action_mrc_load_checklist()
        line = partner.mrc_check_ids[:1]
        for role in ("counsellor", "officer"):
            with self.subTest(role=role):
                self._login(self.staff[role])
                answer = call_kw(self, "mrc.vetting.check", "write", [line.ids, {"result": "pass"}])
                assert_rpc_refused(self, answer, f"{role} passes a check")
                answer = call_kw(
                    self,
                    "res.partner",
                    "write",
                    [partner.ids, {"mrc_check_ids": [Command.update(line.id, {"result": "pass"})]}],
                )
                assert_rpc_refused(self, answer, f"{role} passes a check through the partner")
                self.assertFalse(line.result, f"{role} passed the check")
        self._login(self.liaison)
        answer = call_kw(
            self,
            "mrc.vetting.check",
            "write",
            [line.ids, {"result": "pass", "reviewer_id": self.manager.id}],
        )
        self.assertIsNone(rpc_error(answer), answer)
        self.assertEqual(line.result, "pass")
        self.assertEqual(line.reviewer_id, self.liaison, "the reviewer is who gave the result")

    def test_decision_wizard_refuses_vetting_cleanly(self):
        """The vetting-decision wizard does not vet (the Vet button checks rule 2): asked to,
        it answers with a clear refusal, not a server error."""
        self._login(self.liaison)
        vals = {
            "partner_ids": [Command.set(self.agency.ids)],
            "target_state": "vetted",
            "reason": "trust me",
        }
        answer = call_kw(self, "mrc.vetting.decision.wizard", "create", [vals])
        self.assertEqual(rpc_error(answer), "odoo.exceptions.ValidationError", answer)
        answer = call_kw(
            self,
            "mrc.vetting.decision.wizard",
            "onchange",
            [[], {}, [], {"target_state": {}, "reason": {}, "partner_ids": {}}],
            {"context": {"default_target_state": "vetted"}},
        )
        self.assertEqual(rpc_error(answer), "odoo.exceptions.ValidationError", answer)
        answer = call_kw(
            self,
            "res.partner",
            "action_mrc_open_decision",
            [self.agency.ids],
            {"context": {"mrc_target_state": "vetted"}},
        )
        self.assertEqual(rpc_error(answer), "odoo.exceptions.ValidationError", answer)
        self.assertEqual(self.agency.mrc_vetting_state, "draft")

    def test_counsellor_reads_safety_not_vetting_detail(self):
        """Rule 4: a counsellor reads whether an organisation is safe, and none of its vetting
        or risk detail; liaison staff read them."""
        self._login(self.rpc_counsellor)
        for field in RISK_DETAIL_FIELDS:
            with self.subTest(field=field):
                answer = call_kw(self, "res.partner", "read", [self.employer.ids, [field]])
                self.assertEqual(rpc_error(answer), "odoo.exceptions.AccessError", answer)
        answer = call_kw(self, "mrc.vetting.check", "search_read", [[], ["result"]], {"limit": 1})
        self.assertEqual(rpc_error(answer), "odoo.exceptions.AccessError", answer)
        answer = call_kw(self, "res.partner", "read", [self.employer.ids, ["mrc_is_safe"]])
        self.assertIsNone(rpc_error(answer), answer)
        self.assertFalse(answer["result"][0]["mrc_is_safe"])
        self._login(self.liaison)
        answer = call_kw(self, "res.partner", "read", [self.employer.ids, list(RISK_DETAIL_FIELDS)])
        self.assertIsNone(rpc_error(answer), answer)
        self.assertTrue(answer["result"][0]["mrc_is_flagged"])

    def test_counsellor_opens_organisations(self):
        """The organisation form, list, kanban and search open for a counsellor: the views
        leave out the vetting and risk detail, and reading a record with the form's fields
        or preparing a new one raises nothing."""
        self._login(self.rpc_counsellor)
        views = [
            [self.env.ref("mrc_recruiters.res_partner_view_list_mrc").id, "list"],
            [self.env.ref("mrc_recruiters.res_partner_view_kanban_mrc").id, "kanban"],
            [self.env.ref("mrc_recruiters.res_partner_view_search_mrc").id, "search"],
            [False, "form"],
        ]
        answer = call_kw(self, "res.partner", "get_views", [], {"views": views})
        self.assertIsNone(rpc_error(answer), answer)
        result = answer["result"]
        for kind in ("list", "kanban", "search", "form"):
            arch = result["views"][kind]["arch"]
            for field in RISK_DETAIL_FIELDS:
                self.assertNotIn(f'"{field}"', arch, f"{field} in the {kind} view")
        fields = result["models"]["res.partner"]["fields"]
        spec = {name: {} for name in fields}
        answer = call_kw(
            self, "res.partner", "web_read", [self.employer.ids], {"specification": spec}
        )
        self.assertIsNone(rpc_error(answer), answer)
        answer = call_kw(
            self,
            "res.partner",
            "onchange",
            [[], {}, [], spec],
            {"context": {"default_is_company": True, "default_mrc_is_employer": True}},
        )
        self.assertIsNone(rpc_error(answer), answer)
        answer = call_kw(
            self,
            "res.partner",
            "web_search_read",
            [[("mrc_is_employer", "=", True)], spec],
            {"limit": 10},
        )
        self.assertIsNone(rpc_error(answer), answer)

    # ------------------------------------------------------------------ complaints

    def _new_complaint(self):
        return (
            self.env["mrc.complaint"]
            .with_user(self.officer)
            .create(
                {
                    "partner_id": self.agency.id,
                    "category_ids": [Command.link(self.cat_wages.id)],
                    "description": "Two months unpaid.",
                }
            )
        )

    def test_complaint_decision_not_written(self):
        """A complaints officer or a manager decides on a complaint only through its actions:
        writing the decision fields is refused, whatever context key is sent
        (``mrc_complaint_decision`` grants nothing)."""
        complaint = self._new_complaint()
        today = str(self.today)
        for user in (self.officer, self.manager):
            self._login(user)
            for vals in (
                {"is_substantiated": True},
                {"state": "triage"},
                {"compensation_awarded": 500.0},
                {"date_closed": today},
                {"referral_date": today},
            ):
                with self.subTest(user=user.login, vals=vals):
                    answer = call_kw(
                        self,
                        "mrc.complaint",
                        "write",
                        [complaint.ids, vals],
                        {"context": {"mrc_complaint_decision": True}},
                    )
                    assert_rpc_refused(self, answer, f"{user.login} writes {vals}")
        self.assertEqual(complaint.state, "new")
        self.assertFalse(complaint.is_substantiated)
        self.assertFalse(complaint.compensation_awarded)
        self.assertEqual(self.agency.sudo().mrc_substantiated_count, 0)

    def test_complaint_not_created_decided(self):
        """A complaint is created new and undecided: not substantiated, not closed by a
        ``default_state`` context key, not anonymous and substantiated at once."""
        Complaint = self.env["mrc.complaint"]
        before = Complaint.search_count([])
        vals = {
            "partner_id": self.agency.id,
            "category_ids": [Command.link(self.cat_wages.id)],
        }
        attempts = {
            "substantiated": ([{**vals, "is_substantiated": True}], {}),
            "anonymous substantiated": (
                [{**vals, "is_anonymous": True, "is_substantiated": True}],
                {},
            ),
            "default closed": ([vals], {"context": {"default_state": "closed"}}),
            "compensated": ([{**vals, "compensation_awarded": 100.0}], {}),
        }
        self._login(self.officer)
        for how, (args, kwargs) in attempts.items():
            with self.subTest(how=how):
                answer = call_kw(self, "mrc.complaint", "create", args, kwargs)
                assert_rpc_refused(self, answer, f"officer creates a complaint {how}")
        self.assertEqual(Complaint.search_count([]), before, "a decided complaint was created")

    def test_complaint_decided_through_actions(self):
        """Over RPC the officer's actions decide: resolving needs the outcome, then sets the
        complaint substantiated; compensation is recorded through its own action; staff
        without the complaints group cannot take these actions."""
        complaint = self._new_complaint()
        self._login(self.liaison)
        answer = call_kw(self, "mrc.complaint", "action_triage", [complaint.ids])
        assert_rpc_refused(self, answer, "liaison triages a complaint")
        self._login(self.officer)
        for action in ("action_triage", "action_investigate"):
            answer = call_kw(self, "mrc.complaint", action, [complaint.ids])
            self.assertIsNone(rpc_error(answer), answer)
        answer = call_kw(self, "mrc.complaint", "action_resolve", [complaint.ids])
        self.assertEqual(rpc_error(answer), "odoo.exceptions.UserError", "resolved without outcome")
        self.assertEqual(complaint.state, "investigation")
        answer = call_kw(
            self, "mrc.complaint", "write", [complaint.ids, {"outcome": "Wages paid."}]
        )
        self.assertIsNone(rpc_error(answer), answer)
        answer = call_kw(self, "mrc.complaint", "action_resolve", [complaint.ids])
        self.assertIsNone(rpc_error(answer), answer)
        self.assertEqual(complaint.state, "resolved")
        self.assertTrue(complaint.is_substantiated)
        answer = call_kw(
            self,
            "mrc.complaint.compensation.wizard",
            "create",
            [{"complaint_id": complaint.id, "amount": 750.0}],
        )
        self.assertIsNone(rpc_error(answer), answer)
        answer = call_kw(
            self, "mrc.complaint.compensation.wizard", "action_apply", [[answer["result"]]]
        )
        self.assertIsNone(rpc_error(answer), answer)
        self.assertEqual(complaint.compensation_awarded, 750.0)
