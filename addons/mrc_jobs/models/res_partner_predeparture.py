from odoo import models


class ResPartner(models.Model):
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    def _mrc_standing_lost(self, reason):
        """Warn the counsellors of migrants who intend to go through an organisation that just
        stopped being safe (pre-departure check)."""
        res = super()._mrc_standing_lost(reason)
        candidates = (
            self.env["hr.candidate"]
            .sudo()
            .search(
                [
                    "|",
                    ("mrc_plan_recruiter_id", "in", self.ids),
                    ("mrc_plan_employer_id", "in", self.ids),
                ]
            )
        )
        candidates._mrc_predeparture_notify()
        return res
