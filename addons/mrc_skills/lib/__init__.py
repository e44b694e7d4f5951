"""Pure Python helpers of mrc_skills: no Odoo import, tested with plain pytest."""
