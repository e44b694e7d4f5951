from odoo import models


class ResPartner(models.Model):
    _inherit = "res.partner"

    def _mrc_standing_lost(self, reason):
        """Withdraw the vacancies of organisations that stop being safe (rule 1)."""
        res = super()._mrc_standing_lost(reason)
        jobs = (
            self.env["hr.job"]
            .sudo()
            .search(
                [
                    ("mrc_is_published", "=", True),
                    "|",
                    ("mrc_employer_id", "in", self.ids),
                    ("mrc_agency_id", "in", self.ids),
                ]
            )
        )
        jobs._mrc_withdraw(reason or self.env._("the organisation lost its standing."))
        return res
