from odoo import fields, models

WITHDRAWAL_REASONS = [
    ("deadline", "Deadline passed"),
    ("standing", "Organisation lost its standing"),
    ("manual", "Withdrawn by the employer liaison"),
    ("other", "Other"),
]


class HrJob(models.Model):
    _inherit = "hr.job"

    mrc_withdrawn_date = fields.Date(
        string="Withdrawn on", readonly=True, copy=False, index=True, tracking=True
    )
    mrc_withdrawn_reason = fields.Selection(
        WITHDRAWAL_REASONS, string="Withdrawal Reason", readonly=True, copy=False, tracking=True
    )

    def _mrc_withdraw(self, reason):
        """Record when and why published vacancies were withdrawn (the M&E counts them)."""
        published = self.filtered("mrc_is_published")
        result = super()._mrc_withdraw(reason)
        published._mrc_record_withdrawal(self.env.context.get("mrc_withdrawal_reason", "other"))
        return result

    def action_mrc_unpublish(self):
        published = self.filtered("mrc_is_published")
        result = super().action_mrc_unpublish()
        published._mrc_record_withdrawal("manual")
        return result

    def action_mrc_publish(self):
        """A republished vacancy is no longer withdrawn: its form, the "Withdrawn" filter and
        the indicator stop counting it (the chatter keeps the earlier withdrawal)."""
        result = super().action_mrc_publish()
        self.filtered("mrc_withdrawn_date").sudo().write(
            {"mrc_withdrawn_date": False, "mrc_withdrawn_reason": False}
        )
        return result

    def _mrc_cron_close_expired(self):
        return super(
            HrJob, self.with_context(mrc_withdrawal_reason="deadline")
        )._mrc_cron_close_expired()

    def _mrc_record_withdrawal(self, reason):
        if self:
            self.sudo().write(
                {
                    "mrc_withdrawn_date": self.env.company._mrc_today(),
                    "mrc_withdrawn_reason": reason,
                }
            )


class ResPartner(models.Model):
    _inherit = "res.partner"

    mrc_vetting_date = fields.Date(index=True)
    mrc_flag_date = fields.Date(index=True)

    def _mrc_standing_lost(self, reason):
        return super(
            ResPartner, self.with_context(mrc_withdrawal_reason="standing")
        )._mrc_standing_lost(reason)
