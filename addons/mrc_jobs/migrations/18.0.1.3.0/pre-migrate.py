"""18.0.1.3.0: the complaint and follow-up pages, mrc.followup.attempt and the certificate pages
left this add-on for mrc_recruiters and mrc_skills. Their scripts move the external ids when
those add-ons are updated too; this one does the same when mrc_jobs is updated alone, so that
its clean-up never deletes what moved (nor drops the attempts table)."""

from odoo.addons.mrc_recruiters.migration import move_portal_from_jobs


def migrate(cr, version):
    move_portal_from_jobs(cr)
