import json

from odoo import api, models

from ..lib.dashboard_spec import sources


class SpreadsheetDashboard(models.Model):
    _inherit = "spreadsheet.dashboard"

    def get_readonly_dashboard(self):
        """A dashboard the user may not read is refused (AccessError), not failed on."""
        self.check_access("read")
        return super().get_readonly_dashboard()

    @api.model
    def _mrc_dashboard_sources(self):
        """What each tab of the MRC dashboard asks on its first load (see ``sources``)."""
        dashboard = self.env.ref("mrc_reporting.spreadsheet_dashboard_mrc").sudo()
        return sources(json.loads(dashboard.spreadsheet_data))
