"""18.0.1.1.0: the hourly rematch moved from mrc.match.engine to mrc.match.refresh; the cron
record is noupdate, so point it at its new model here."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    cron = env.ref("mrc_jobs.ir_cron_mrc_match_refresh", raise_if_not_found=False)
    if cron:
        cron.model_id = env["ir.model"]._get("mrc.match.refresh")
