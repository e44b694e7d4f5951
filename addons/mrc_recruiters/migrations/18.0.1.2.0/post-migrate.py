"""18.0.1.2.0: the daily risk recompute moved from res.partner to mrc.risk.engine; the cron
record is noupdate, so point it at its new model here."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    cron = env.ref("mrc_recruiters.ir_cron_mrc_update_risk", raise_if_not_found=False)
    if cron:
        cron.model_id = env["ir.model"]._get("mrc.risk.engine")
