"""The donor report: every indicator with its breakdowns as XLSX, and a one-page PDF summary.

Managers only (access rows; the indicators' own computation checks the group again). The
figures count erased migrants like any other client; neither file holds a migrant's name.
"""

from odoo import api, fields, models
from odoo.exceptions import UserError

MANAGER_GROUP = "mrc_recruiters.group_mrc_manager"


class MrcDonorReportWizard(models.TransientModel):
    _name = "mrc.donor.report.wizard"
    _description = "Donor Report"

    period_id = fields.Many2one(
        "mrc.report.period",
        string="Report Period",
        help="A report period gives the dates, the centre and the outcome stories to quote.",
    )
    date_from = fields.Date(string="From", required=True)
    date_to = fields.Date(string="To", required=True)
    company_id = fields.Many2one(
        "res.company",
        string="Centre",
        default=lambda self: self.env.company,
        help="Empty: every centre.",
    )
    story_ids = fields.Many2many(
        "mrc.outcome.story",
        compute="_compute_story_ids",
        string="Outcome Stories",
        help="The stories selected for the report period, with the migrant's consent to quote.",
    )

    @api.onchange("period_id")
    def _onchange_period_id(self):
        if self.period_id:
            self.date_from = self.period_id.date_from
            self.date_to = self.period_id.date_to
            self.company_id = self.period_id.company_id

    @api.depends("period_id")
    def _compute_story_ids(self):
        for wizard in self:
            periods = wizard.period_id.sudo()
            wizard.story_ids = periods._mrc_quotable_stories() if periods else False

    def _mrc_check(self):
        self.ensure_one()
        self.env["mrc.guard.mixin"]._mrc_require_group(
            MANAGER_GROUP, self.env._("Only managers produce the donor report.")
        )
        if self.date_from > self.date_to:
            raise UserError(self.env._("Give a period whose start is not after its end."))

    def _mrc_rows(self):
        self._mrc_check()
        return self.env["mrc.indicator"]._mrc_donor_rows(
            self.date_from, self.date_to, self.company_id.id
        )

    def _mrc_breakdown_labels(self):
        return {
            "": self.env._("Total"),
            "month": self.env._("Month"),
            "quarter": self.env._("Quarter"),
            "year": self.env._("Year"),
            "sex": self.env._("Sex"),
            "age_band": self.env._("Age band"),
            "nationality": self.env._("Nationality"),
            "corridor": self.env._("Corridor"),
            "migration_status": self.env._("Migration status"),
            "channel": self.env._("Contact channel"),
            "type": self.env._("Type"),
        }

    def _mrc_xlsx_bytes(self):
        """The XLSX file, rendered by the report_xlsx report (``_mrc_write_workbook``)."""
        self._mrc_check()
        report = "mrc_reporting.action_report_mrc_donor_xlsx"
        return self.env["ir.actions.report"]._render_xlsx(report, self.ids, {})[0]

    def _mrc_write_workbook(self, workbook):
        """Sheet 'Indicators': one row per indicator and breakdown key; sheet 'Report'."""
        rows = self._mrc_rows()
        units = dict(self.env["mrc.indicator"]._fields["unit"]._description_selection(self.env))
        breakdowns = self._mrc_breakdown_labels()
        bold = workbook.add_format({"bold": True})
        sheet = workbook.add_worksheet("Indicators")
        header = [
            self.env._("Code"),
            self.env._("Indicator"),
            self.env._("Unit"),
            self.env._("Breakdown"),
            self.env._("Key"),
            self.env._("Value"),
        ]
        sheet.write_row(0, 0, header, bold)
        for number, (indicator, breakdown, _key, label, value) in enumerate(rows, start=1):
            sheet.write_row(
                number,
                0,
                (
                    indicator.code,
                    indicator.name,
                    units.get(indicator.unit, indicator.unit),
                    breakdowns.get(breakdown, breakdown),
                    label,
                    value,
                ),
            )
        sheet.set_column(0, 0, 28)
        sheet.set_column(1, 1, 45)
        sheet.set_column(3, 4, 22)
        about = workbook.add_worksheet("Report")
        about.write_row(0, 0, (self.env._("Period"), f"{self.date_from} - {self.date_to}"))
        about.write_row(
            1, 0, (self.env._("Centre"), self.company_id.name or self.env._("All centres"))
        )
        about.write_row(2, 0, (self.env._("Generated on"), str(fields.Date.context_today(self))))

    def action_export_xlsx(self):
        self._mrc_check()
        return self.env.ref("mrc_reporting.action_report_mrc_donor_xlsx").report_action(self)

    def action_print_pdf(self):
        self._mrc_check()
        return self.env.ref("mrc_reporting.action_report_mrc_donor_summary").report_action(self)

    def _mrc_summary(self):
        """The PDF's figures: each indicator's total and, where it applies, by sex."""
        self._mrc_check()
        Indicator = self.env["mrc.indicator"]
        filters = {"company_id": self.company_id.id} if self.company_id else {}
        totals = Indicator._mrc_compute(self.date_from, self.date_to, (), filters)
        by_sex = Indicator._mrc_compute(self.date_from, self.date_to, ("sex",), filters)
        labels = Indicator._mrc_key_labels({"sex": by_sex})
        summary = []
        for indicator in Indicator.search([("code", "in", list(totals))]):
            code = indicator.code
            sexes = [
                (labels[(code, "sex", row.get("sex"))], row["value"])
                for row in by_sex[code]
                if "sex" in row
            ]
            summary.append(
                {"indicator": indicator, "value": totals[code][0]["value"], "by_sex": sexes}
            )
        return summary
