"""18.0.1.2.0: match explanations are stored as data (ids, codes and numbers, put into words
when read, in the reader's language) instead of words in the language of whoever ran the
matching. Every existing match is explained again through the engine; a match that cannot be
gets an empty explanation."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["mrc.match.refresh"]._mrc_reexplain_matches()
