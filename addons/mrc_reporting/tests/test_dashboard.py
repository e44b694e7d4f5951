"""The MRC dashboard: its record in the MRC group, its spreadsheet (the file ``build()``
writes) with a tab per subject, loaded by a manager over JSON-RPC and refused to a
counsellor; the Sex and Corridor filters' fields select exactly."""

import json
from pathlib import Path

from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.mrc_recruiters.tests.common import assert_rpc_refused, call_kw, rpc_error

from ..lib.dashboard_spec import build

TABS = [
    "Migrants",
    "Services",
    "Referrals",
    "Placements",
    "Complaints",
    "Remedies",
    "Organisations",
]


@tagged("post_install", "-at_install")
class TestDashboard(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        group = "mrc_recruiters.group_mrc_"
        cls.counsellor = new_test_user(
            cls.env, login="m2_counsellor", groups=f"base.group_user,{group}counsellor"
        )
        cls.manager = new_test_user(
            cls.env, login="m2_manager", groups=f"base.group_user,{group}manager"
        )
        cls.dashboard = cls.env.ref("mrc_reporting.spreadsheet_dashboard_mrc")

    def test_record_and_spreadsheet(self):
        self.assertEqual(self.dashboard.dashboard_group_id.name, "MRC")
        data = json.loads(self.dashboard.spreadsheet_data)
        self.assertEqual([sheet["name"] for sheet in data["sheets"]], TABS)
        labels = [item["label"] for item in data["globalFilters"]]
        self.assertEqual(len(labels), 4)
        self.assertTrue(labels[0] == "Period" and labels[2:] == ["Nationality", "Corridor"])
        path = Path(__file__).parent.parent / "data/files/mrc_dashboard.json"
        self.assertEqual(json.loads(path.read_text()), build(), "regenerate the file")
        # every data source reads fields that exist, counting clients only
        sources = self.env["spreadsheet.dashboard"]._mrc_dashboard_sources()
        self.assertEqual(list(sources), TABS)
        for tab, asked in sources.items():
            for model, domain, groupby, measures, _period in asked:
                Model = self.env[model].with_user(self.manager)
                Model.read_group(domain, measures, groupby, lazy=False)
                if model not in ("res.partner",):
                    self.assertIn("mrc_is_client", json.dumps(domain), tab)

    def test_manager_loads_counsellor_refused(self):
        self.authenticate("m2_manager", "m2_manager")
        answer = call_kw(
            self, "spreadsheet.dashboard", "get_readonly_dashboard", [self.dashboard.id]
        )
        self.assertIsNone(rpc_error(answer), answer)
        snapshot = answer["result"]["snapshot"]
        self.assertEqual([sheet["name"] for sheet in snapshot["sheets"]], TABS)
        self.authenticate("m2_counsellor", "m2_counsellor")
        answer = call_kw(
            self, "spreadsheet.dashboard", "get_readonly_dashboard", [self.dashboard.id]
        )
        assert_rpc_refused(self, answer, "counsellor opens the MRC dashboard")

    def test_sex_and_corridor_filters_select_exactly(self):
        Candidate = self.env["hr.candidate"].with_context(active_test=False)
        base = [("mrc_is_client", "=", True)]
        men = Candidate.search([*base, ("mrc_rep_sex", "ilike", "male")])
        self.assertEqual(men, Candidate.search([*base, ("mrc_gender", "=", "male")]))
        women = Candidate.search([*base, ("mrc_rep_sex", "ilike", "Female")])
        self.assertEqual(women, Candidate.search([*base, ("mrc_gender", "=", "female")]))
        corridor = self.env["mrc.corridor"].search([], limit=1)
        if corridor:
            found = Candidate.search([*base, ("mrc_rep_corridor_id", "in", corridor.ids)])
            expected = Candidate.search(
                [
                    *base,
                    ("mrc_nationality_id", "=", corridor.origin_country_id.id),
                    ("mrc_plan_destination_id", "=", corridor.destination_country_id.id),
                ]
            )
            self.assertEqual(found, expected)


@tagged("post_install", "-at_install")
class TestDashboardBrowser(HttpCase):
    def test_dashboard_renders_for_a_manager(self):
        """The web client opens the dashboard for a manager: loaded, its filters and charts shown,
        no error notification or console error (which would fail browser_js)."""
        new_test_user(
            self.env,
            login="m2_browser_manager",
            groups="base.group_user,mrc_recruiters.group_mrc_manager",
        )
        code = """
        (async () => {
            const wait = async (test) => {
                for (let i = 0; i < 300; i++) {
                    if (test()) return true;
                    await new Promise((resolve) => setTimeout(resolve, 100));
                }
                return false;
            };
            const loaded = await wait(() => document.querySelector(
                ".o_spreadsheet_dashboard_action .o_renderer .o-spreadsheet"));
            const error = document.querySelector(".dashboard-loading-status.error");
            if (!loaded || error) {
                console.error("the MRC dashboard did not load");
                return;
            }
            const filters = document.querySelectorAll(".o_filter_value_container").length;
            const charts = await wait(() => document.querySelectorAll(".o-figure").length >= 4);
            if (filters !== 4 || !charts) {
                console.error(`filters ${filters}, charts shown ${charts}`);
                return;
            }
            console.log("test successful");
        })();
        """
        self.browser_js("/odoo/dashboards", code, login="m2_browser_manager", timeout=180)
