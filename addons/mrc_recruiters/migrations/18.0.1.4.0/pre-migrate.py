"""18.0.1.4.0: the complaint portal pages, the public follow-up page and the model counting
its attempts (mrc.followup.attempt) moved here from mrc_jobs, and the evidence size limit from
the parameter mrc_jobs.evidence_max_mb to mrc_recruiters.evidence_max_mb (a setting now).

Their external ids change module before anything loads, so that updating mrc_jobs keeps the
attempts table, its rows, the access row, the purge action and the templates."""

from odoo.addons.mrc_recruiters.migration import move_portal_from_jobs


def migrate(cr, version):
    move_portal_from_jobs(cr)
