"""The donor report: the XLSX holds one row per indicator and breakdown key with the values
``_mrc_compute`` gives, erased migrants counted without their name; the PDF summary renders
with the period's consented stories."""

import io
from collections import defaultdict
from datetime import timedelta

import openpyxl

from odoo import Command
from odoo.tests import tagged
from odoo.tools.pdf import PdfFileReader

from ..models.indicator_specs import BREAKDOWNS, allowed_breakdowns
from .common import ReportingCase


@tagged("post_install", "-at_install")
class TestDonorReport(ReportingCase):
    def _wizard(self, **vals):
        return (
            self.env["mrc.donor.report.wizard"]
            .with_user(self.manager)
            .create({"date_from": self.date_from, "date_to": self.date_to, **vals})
        )

    def _sheet_rows(self, wizard):
        book = openpyxl.load_workbook(io.BytesIO(wizard._mrc_xlsx_bytes()), read_only=True)
        self.assertEqual(book.sheetnames, ["Indicators", "Report"])
        rows = list(book["Indicators"].iter_rows(values_only=True))
        self.assertEqual(rows[0], ("Code", "Indicator", "Unit", "Breakdown", "Key", "Value"))
        return rows[1:], book

    def test_xlsx_rows_equal_the_computation(self):
        wizard = self._wizard(company_id=False)
        rows, book = self._sheet_rows(wizard)
        labels = {value: key for key, value in wizard._mrc_breakdown_labels().items()}
        sheet = defaultdict(list)
        for code, _name, _unit, breakdown, _key, value in rows:
            sheet[(code, labels[breakdown])].append(round(value, 6))
        expected = defaultdict(list)
        totals = self.Indicator._mrc_compute(self.date_from, self.date_to)
        for code, result in totals.items():
            expected[(code, "")] = [round(result[0]["value"], 6)]
        for breakdown in BREAKDOWNS:
            result = self.Indicator._mrc_compute(self.date_from, self.date_to, (breakdown,))
            for code, code_rows in result.items():
                if breakdown in allowed_breakdowns(code) and code_rows:
                    expected[(code, breakdown)] = [round(row["value"], 6) for row in code_rows]
        self.assertEqual(set(sheet), set(expected), "one block per indicator and breakdown")
        for key, values in expected.items():
            self.assertEqual(sorted(sheet[key]), sorted(values), key)
        # the fixture's clients are counted, the erased one among them, never by name
        self.assertGreaterEqual(sheet[("migrants_served", "")][0], 3.0)
        text = " ".join(
            str(cell)
            for ws in book.worksheets
            for row in ws.iter_rows(values_only=True)
            for cell in row
        )
        self.assertTrue(self.carla.mrc_is_erased)
        for name in ("Carla Report", "Ana Report", self.carla.partner_name):
            self.assertNotIn(name, text)

    def test_a_centre_counts_its_anonymous_complaints_and_the_shared_registry(self):
        """The donor report of a centre (its default) counts the complaints the centre took,
        anonymous ones too, and the organisations of the registry every centre shares; not
        the complaints another centre took."""
        centre = self.env.company
        other = self.env["res.company"].create({"name": "Other Report Centre"})
        self.officer.write({"company_ids": [Command.link(other.id)]})
        elsewhere = (
            self.env["mrc.complaint"]
            .with_user(self.officer)
            .with_company(other)
            .create(
                {
                    "partner_id": self.complained.id,
                    "category_ids": [Command.set(self.wages.ids)],
                    "severity": "high",
                    "description": "Wages withheld.",
                    "is_anonymous": True,
                    "compensation_claimed": 300.0,
                }
            )
        )
        self.assertEqual(elsewhere.company_id, other)
        rows, _book = self._sheet_rows(self._wizard(company_id=centre.id))
        here = {row[0]: row[5] for row in rows if row[3] == "Total"}
        period = [("date_received", ">=", self.date_from), ("date_received", "<=", self.date_to)]
        complaints = self.env["mrc.complaint"].search(
            [
                *period,
                ("company_id", "=", centre.id),
                "|",
                ("candidate_id", "=", False),
                ("candidate_id.mrc_is_client", "=", True),
            ]
        )
        self.assertTrue(complaints.filtered("is_anonymous"), "the centre's anonymous complaint")
        self.assertNotIn(elsewhere, complaints)
        self.assertEqual(here["complaints_received"], float(len(complaints)))
        vetted = self.env["res.partner"].search(
            [
                ("mrc_vetting_state", "=", "vetted"),
                ("mrc_vetting_date", ">=", self.date_from),
                ("mrc_vetting_date", "<=", self.date_to),
            ]
        )
        self.assertFalse(vetted.company_id, "the registry is shared by every centre")
        self.assertGreaterEqual(len(vetted), 1)
        self.assertEqual(here["organisations_vetted"], float(len(vetted)))
        everywhere, _book = self._sheet_rows(self._wizard(company_id=False))
        total = {row[0]: row[5] for row in everywhere if row[3] == "Total"}
        self.assertEqual(total["complaints_received"], here["complaints_received"] + 1)

    def test_each_block_equals_the_computation_over_short_and_long_periods(self):
        """The indicator set read at once (grouped reads, month bits of migrants served) gives
        the rows of the one-breakdown-at-a-time computation, for a period inside one month
        and for one of six years (over 63 months: two integers of month bits)."""
        Service = self.env["mrc.candidate.service"].with_user(self.counsellor)
        long_ago = self.date_to - timedelta(days=6 * 365)
        Service.create(
            [
                {"candidate_id": self.ana.id, "service_type": "legal_aid", "date": long_ago},
                {
                    "candidate_id": self.beto.id,
                    "service_type": "information",
                    "date": long_ago + timedelta(days=1000),
                },
            ]
        )
        month_start = self.today.replace(day=1)
        month_end = (month_start + timedelta(days=31)).replace(day=1) - timedelta(days=1)
        for date_from, date_to in ((month_start, month_end), (long_ago, self.date_to)):
            each = self.Indicator._mrc_compute_each(date_from, date_to)
            self.assertEqual(each.pop(""), self.Indicator._mrc_compute(date_from, date_to))
            for breakdown, result in each.items():
                expected = self.Indicator._mrc_compute(date_from, date_to, (breakdown,))
                for code, rows in result.items():
                    self.assertEqual(rows, expected[code], (date_from, breakdown, code))
        years = [row["year"] for row in each["year"]["migrants_served"]]
        self.assertIn(f"{long_ago.year:04d}", years, "the migrant served six years ago")
        self.assertIn(f"{self.today.year:04d}", years)

    def test_xlsx_filters_by_centre_and_erased_migrant_counts(self):
        """The centre's own figures; the erased migrant still counts among the women."""
        wizard = self._wizard(company_id=self.env.company.id)
        rows, _book = self._sheet_rows(wizard)
        served_women = [row[5] for row in rows if row[0] == "migrants_women" and row[3] == "Total"]
        expected = self.Indicator._mrc_compute(
            self.date_from,
            self.date_to,
            (),
            {"company_id": self.env.company.id},
            ["migrants_women"],
        )["migrants_women"][0]["value"]
        self.assertEqual(served_women, [expected])
        without = self.Indicator._mrc_compute(
            self.date_from,
            self.date_to,
            (),
            {"company_id": self.env.company.id, "nationality_ids": [self.iceland.id]},
            ["migrants_women"],
        )["migrants_women"][0]["value"]
        services = (
            self.env["mrc.candidate.service"]
            .with_context(active_test=False)
            .search(
                [
                    ("date", ">=", self.date_from),
                    ("date", "<=", self.date_to),
                    ("candidate_id.mrc_is_client", "=", True),
                    ("candidate_id.mrc_gender", "=", "female"),
                    ("candidate_id.mrc_nationality_id", "=", self.iceland.id),
                ]
            )
        )
        self.assertIn(self.carla, services.candidate_id, "the erased migrant was served")
        self.assertEqual(without, float(len(services.candidate_id)))

    def test_pdf_summary_renders_with_consented_stories(self):
        Story = self.env["mrc.outcome.story"].with_user(self.counsellor)
        quoted = Story.create(
            {
                "name": "Wages paid back",
                "candidate_id": self.ana.id,
                "what_changed": "Her unpaid wages were paid.",
                "for_whom": "A farm worker",
                "contribution": "The centre mediated with the employer.",
                "consent_to_quote": True,
            }
        )
        Story.create(
            {
                "name": "Story not to quote",
                "candidate_id": self.ana.id,
                "what_changed": "Something private.",
                "for_whom": "A migrant",
                "contribution": "Counselling.",
            }
        )
        period = (
            self.env["mrc.report.period"]
            .with_user(self.manager)
            .create(
                {
                    "name": "Reporting fixture",
                    "date_from": self.date_from,
                    "date_to": self.date_to,
                    "story_ids": [(4, quoted.id)],
                }
            )
        )
        wizard = self._wizard(period_id=period.id)
        self.assertEqual(wizard.story_ids, quoted)
        html, _kind = (
            self.env["ir.actions.report"]
            .with_user(self.manager)
            ._render_qweb_html("mrc_reporting.report_mrc_donor_summary", wizard.ids)
        )
        html = html.decode()
        self.assertIn("Wages paid back", html)
        self.assertNotIn("Story not to quote", html)
        self.assertNotIn("Carla Report", html)
        served = self.env.ref("mrc_reporting.indicator_migrants_served", raise_if_not_found=False)
        if served:
            self.assertIn(served.name, html)
        action = wizard.action_print_pdf()
        self.assertEqual(action["report_name"], "mrc_reporting.report_mrc_donor_summary")

    def test_pdf_summary_is_a_pdf(self):
        """The manager's "Print PDF Summary" gives a real PDF (Odoo renders PDFs through
        wkhtmltopdf, which the tests would otherwise skip by returning the HTML): one page."""
        wizard = self._wizard()
        action = wizard.action_print_pdf()
        pdf, kind = (
            self.env["ir.actions.report"]
            .with_user(self.manager)
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(action["report_name"], wizard.ids)
        )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"), "a PDF document")
        self.assertEqual(len(PdfFileReader(io.BytesIO(pdf)).pages), 1, "a one-page summary")
