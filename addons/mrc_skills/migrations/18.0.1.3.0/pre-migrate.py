"""18.0.1.3.0: the certificate portal pages moved here from mrc_jobs, with the portal's read of
a migrant's own client card that they need (access row and record rule).

Their external ids change module before anything loads (with the other moves out of
mrc_jobs, see mrc_recruiters/migration.py), so that updating mrc_jobs does not delete them."""

from odoo.addons.mrc_recruiters.migration import move_portal_from_jobs


def migrate(cr, version):
    move_portal_from_jobs(cr)
