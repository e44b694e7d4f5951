"""18.0.1.2.0: the daily risk recompute moved from res.partner to mrc.risk.engine, and risk
and flag reasons are kept as data (shown in the reader's language).

The cron record is noupdate, so it is pointed at its new model here; organisations scored
before get their reasons as data once, here rather than at every update."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    cron = env.ref("mrc_recruiters.ir_cron_mrc_update_risk", raise_if_not_found=False)
    if cron:
        cron.model_id = env["ir.model"]._get("mrc.risk.engine")
    env["mrc.risk.engine"]._mrc_fill_reason_data()
