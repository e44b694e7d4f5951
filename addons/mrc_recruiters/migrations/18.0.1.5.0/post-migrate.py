"""18.0.1.5.0: a complaint belongs to a centre (``company_id``), so that a centre's reports count
its anonymous complaints; existing complaints take their officer's company (migration.py)."""

from odoo.addons.mrc_recruiters.migration import complaints_to_their_centre


def migrate(cr, version):
    complaints_to_their_centre(cr)
