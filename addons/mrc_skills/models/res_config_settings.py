from odoo import api, fields, models
from odoo.exceptions import ValidationError

# Bounds of the PDF import limits: a bigger file or longer document is read by the server
# process in full, so an administrator cannot lift them past what a worker can hold.
MAX_SIZE_MB = 100.0
MAX_PAGES = 500


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    mrc_pdf_max_size_mb = fields.Float(
        string="Largest PDF (MB)",
        config_parameter="mrc_skills.pdf_max_size_mb",
        default=10.0,
        digits=(6, 1),
        help="PDFs larger than this are refused by the import, with their size and the limit.",
    )
    mrc_pdf_max_pages = fields.Integer(
        string="Most pages per PDF",
        config_parameter="mrc_skills.pdf_max_pages",
        default=20,
        help="PDFs with more pages than this are refused by the import.",
    )

    @api.constrains("mrc_pdf_max_size_mb", "mrc_pdf_max_pages")
    def _check_mrc_pdf_limits(self):
        for settings in self:
            if not 0 < settings.mrc_pdf_max_size_mb <= MAX_SIZE_MB:
                raise ValidationError(
                    self.env._(
                        "The largest PDF must be more than 0 and at most %s MB.", MAX_SIZE_MB
                    )
                )
            if not 0 < settings.mrc_pdf_max_pages <= MAX_PAGES:
                raise ValidationError(
                    self.env._("A PDF may have between 1 and %s pages at most.", MAX_PAGES)
                )
