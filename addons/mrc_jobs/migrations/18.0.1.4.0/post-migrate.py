"""18.0.1.4.0: the client flag. Cards that carry data only the centre's flows record (consent,
profile, erasure) are its clients; Odoo's own recruitment candidates are not."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["hr.candidate"]._mrc_mark_clients_from_data()
