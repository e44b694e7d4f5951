from odoo import models


class MrcDonorReportXlsx(models.AbstractModel):
    """The donor report's XLSX (OCA report_xlsx), written by the wizard."""

    _name = "report.mrc_reporting.report_mrc_donor_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Donor Report XLSX"

    def generate_xlsx_report(self, workbook, data, objs):
        objs.ensure_one()
        objs._mrc_write_workbook(workbook)
