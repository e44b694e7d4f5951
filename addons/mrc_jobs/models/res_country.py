from odoo import models


class ResCountry(models.Model):
    _inherit = "res.country"

    def _mrc_vacancies(self):
        """The vacancies whose place of work is in these countries."""
        if not self:
            return self.env["hr.job"]
        return (
            self.env["hr.job"]
            .sudo()
            .with_context(active_test=False)
            .search([("mrc_country_id", "in", self.ids)])
        )
