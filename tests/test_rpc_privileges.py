"""Rule 7 through the door a client uses: JSON-RPC over HTTP, as each back-office role of the
demo and as the demo migrant on the portal.

For every field that only a privileged action may change (an organisation's standing and risk,
a vacancy's eligibility and publication, a complaint's decision, a match's state, a migrant's
consent and erasure, a certificate's verification), every role tries the ways a client could:
``write``, ``write`` with every context key the add-ons read, ``create`` with the value,
``create`` with a ``default_`` context key, and ``copy`` with the value. Each attempt must come
back as a refusal (an access, user or validation error, never a server error), and the
database must hold what it held before: no value changed, no record created.

The test prints how many probes it ran.
"""

from suite_case import count_probes, suite_test

from odoo import fields
from odoo.tests import HttpCase
from odoo.tools import mute_logger

from odoo.addons.mrc_recruiters.tests.common import assert_rpc_refused, call_kw

ROLES = ("counsellor", "liaison", "officer", "manager", "maria")

# Every context key the add-ons read (or used to read) to change behaviour.
CONTEXT_KEYS = {
    "mrc_standing_change": True,
    "mrc_complaint_decision": True,
    "mrc_match_no_cache": True,
    "mrc_referral_pipeline": True,
    "mrc_target_state": "vetted",
    "tracking_disable": True,
    "active_test": False,
}

PROBE_COUNT = {"probes": 0}


@suite_test("mrc_jobs", "post_install")
class TestRpcPrivileges(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        ref = env.ref
        cls.flagged = ref("mrc_recruiters.org_mekong_seafood")
        cls.rejected = ref("mrc_recruiters.org_klang_security")
        cls.safe_org = env["res.partner"].search(
            [("mrc_is_safe", "=", True), ("mrc_is_employer", "=", True)], limit=1
        )
        cls.fee_job = ref("mrc_jobs.job_greenhouse_yakima")
        cls.new_complaint = ref("mrc_recruiters.complaint_angkor_other")
        cls.candidate = env["hr.candidate"].search(
            [("mrc_consent_share", "=", False), ("mrc_is_erased", "=", False)], limit=1
        )
        cls.match = env["mrc.match"].search([("state", "=", "suggested")], limit=1)
        cls.certification = env["mrc.certification"].create(
            {
                "candidate_id": cls.candidate.id,
                "skill_id": ref("mrc_skills.skill_welding").id,
                "skill_level_id": ref("mrc_skills.skill_level_construction_advanced").id,
                "number": "RPC-PROBE-0001",
                "issue_date": fields.Date.today().replace(year=fields.Date.today().year - 3),
                "expiry_date": fields.Date.today().replace(year=fields.Date.today().year - 1),
            }
        )
        env["mrc.certification"]._cron_mrc_expire_certifications()
        cls.category = env["mrc.complaint.category"].search([], limit=1)

    def _targets(self):
        """(model, record, field, value written on the record, value given to a new record,
        values that make a valid new record)."""
        org_vals = {"name": "RPC probe organisation", "is_company": True, "mrc_is_employer": True}
        job_vals = {"name": "RPC probe vacancy", "mrc_employer_id": self.safe_org.id}
        complaint_vals = {
            "partner_id": self.safe_org.id,
            "category_ids": [(6, 0, self.category.ids)],
            "description": "RPC probe complaint",
        }
        match_vals = {"candidate_id": self.candidate.id, "job_id": self.fee_job.id}
        candidate_vals = {"partner_name": "RPC probe migrant"}
        cert_vals = {
            "candidate_id": self.candidate.id,
            "skill_id": self.certification.skill_id.id,
            "skill_level_id": self.certification.skill_level_id.id,
            "number": "RPC-PROBE-NEW",
        }
        return [
            ("res.partner", self.flagged, "mrc_is_flagged", False, True, org_vals),
            ("res.partner", self.flagged, "mrc_is_safe", True, True, org_vals),
            ("res.partner", self.rejected, "mrc_is_safe", True, True, org_vals),
            ("res.partner", self.rejected, "mrc_vetting_state", "vetted", "vetted", org_vals),
            ("res.partner", self.flagged, "mrc_risk_score", 0.0, 50.0, org_vals),
            ("hr.job", self.fee_job, "mrc_is_eligible", True, True, job_vals),
            ("mrc.complaint", self.new_complaint, "is_substantiated", True, True, complaint_vals),
            ("mrc.complaint", self.new_complaint, "state", "closed", "closed", complaint_vals),
            ("mrc.match", self.match, "state", "referred", "referred", match_vals),
            ("mrc.match", self.match, "score", 100.0, 100.0, match_vals),
            ("hr.candidate", self.candidate, "mrc_consent_share", True, True, candidate_vals),
            ("hr.candidate", self.candidate, "mrc_is_erased", True, True, candidate_vals),
            ("mrc.certification", self.certification, "state", "verified", "verified", cert_vals),
        ]

    # ------------------------------------------------------------------ helpers

    def _call(self, model, method, args, kwargs=None):
        with mute_logger("odoo.http", "odoo.sql_db", "odoo.models"):
            answer = call_kw(self, model, method, args, kwargs)
        PROBE_COUNT["probes"] += 1
        count_probes("JSON-RPC privileges", 1)
        return answer

    def _assert_refused(self, reply, what):
        assert_rpc_refused(self, reply, what)

    def _stored(self, record, field):
        self.env.invalidate_all()
        return record.sudo()[field]

    def _count(self, model, vals):
        """How many records look like the one ``vals`` would create."""
        self.env.invalidate_all()
        text = [k for k in ("name", "partner_name", "description", "number") if k in vals]
        if text:
            domain = [(text[0], "ilike", vals[text[0]])]
        else:
            domain = [(key, "=", value) for key, value in vals.items()]
        return self.env[model].sudo().with_context(active_test=False).search_count(domain)

    # ------------------------------------------------------------------ the test

    def test_guarded_fields_refused_for_every_role(self):
        """No role changes a guarded field by write, create, default_ context or copy, whatever
        context it sends: each attempt is refused and nothing changes in the database."""
        for role in ROLES:
            self.authenticate(role, role)
            for model, record, field, value, new_value, new_vals in self._targets():
                what = f"{role}: {model}.{field}={value!r}"
                with self.subTest(role=role, model=model, field=field):
                    before = self._stored(record, field)
                    created_before = self._count(model, new_vals)
                    self._assert_refused(
                        self._call(model, "write", [record.ids, {field: value}]), f"{what} write"
                    )
                    self._assert_refused(
                        self._call(
                            model,
                            "write",
                            [record.ids, {field: value}],
                            {"context": CONTEXT_KEYS},
                        ),
                        f"{what} write with context",
                    )
                    self._assert_refused(
                        self._call(model, "create", [[{**new_vals, field: new_value}]]),
                        f"{what} create",
                    )
                    self._assert_refused(
                        self._call(
                            model,
                            "create",
                            [[new_vals]],
                            {"context": {**CONTEXT_KEYS, f"default_{field}": new_value}},
                        ),
                        f"{what} create with default_{field}",
                    )
                    self._assert_refused(
                        self._call(model, "copy", [record.ids, {field: new_value}]),
                        f"{what} copy",
                    )
                    self.assertEqual(
                        self._stored(record, field), before, f"{what}: the stored value changed"
                    )
                    self.assertEqual(
                        self._count(model, new_vals),
                        created_before,
                        f"{what}: a record was created",
                    )
        print(f"\nmrc: RPC privilege probes run: {PROBE_COUNT['probes']}")
        self.assertGreaterEqual(PROBE_COUNT["probes"], len(ROLES) * 13 * 5)

    def test_settings_refused_for_non_administrators(self):
        """set_values and execute on the settings by a non-administrator are refused before
        anything is written, whatever the recordset (rule 7: settings only by administrators)."""
        params = self.env["ir.config_parameter"].sudo()
        keys = ["mrc_recruiters.risk_threshold", "mrc_jobs.match_weight_skills"]
        before = {key: params.get_param(key) for key in keys}
        for role in ROLES:
            self.authenticate(role, role)
            for method in ("set_values", "execute"):
                with self.subTest(role=role, method=method):
                    self._assert_refused(
                        self._call("res.config.settings", method, [[]]), f"{role} {method}"
                    )
        self.env.invalidate_all()
        self.assertEqual({key: params.get_param(key) for key in keys}, before)
