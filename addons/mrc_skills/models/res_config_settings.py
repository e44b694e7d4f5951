from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..lib.isolation import Limits

# Bounds of the PDF import limits: a bigger file or longer document is read by the server
# process in full, so an administrator cannot lift them past what a worker can hold.
MAX_SIZE_MB = 100.0
MAX_PAGES = 500
# The reading child's processor time and memory: a worker waits for it, and Odoo's own limit
# on a request's time is 120 s by default; below 128 MB the PDF libraries do not even load.
MAX_CPU_SECONDS = 50
MIN_MEMORY_MB, MAX_MEMORY_MB = 128, 4096


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    mrc_pdf_max_size_mb = fields.Float(
        string="Largest PDF (MB)",
        config_parameter="mrc_skills.pdf_max_size_mb",
        default=Limits.max_size_mb,
        digits=(6, 1),
        help="PDFs larger than this are refused by the import, with their size and the limit.",
    )
    mrc_pdf_max_pages = fields.Integer(
        string="Most pages per PDF",
        config_parameter="mrc_skills.pdf_max_pages",
        default=Limits.max_pages,
        help="PDFs with more pages than this are refused by the import.",
    )
    mrc_pdf_max_cpu_seconds = fields.Integer(
        string="Processing time per PDF (seconds)",
        config_parameter="mrc_skills.pdf_max_cpu_seconds",
        default=Limits.cpu_seconds,
        help="Each PDF is read in a separate process; one needing more processor time than "
        "this is refused as too complex.",
    )
    mrc_pdf_max_memory_mb = fields.Integer(
        string="Memory per PDF (MB)",
        config_parameter="mrc_skills.pdf_max_memory_mb",
        default=Limits.memory_mb,
        help="Each PDF is read in a separate process; one needing more memory than this is "
        "refused as too complex.",
    )

    @api.constrains(
        "mrc_pdf_max_size_mb",
        "mrc_pdf_max_pages",
        "mrc_pdf_max_cpu_seconds",
        "mrc_pdf_max_memory_mb",
    )
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
            if not 0 < settings.mrc_pdf_max_cpu_seconds <= MAX_CPU_SECONDS:
                raise ValidationError(
                    self.env._(
                        "The processing time per PDF must be between 1 and %s seconds.",
                        MAX_CPU_SECONDS,
                    )
                )
            if not MIN_MEMORY_MB <= settings.mrc_pdf_max_memory_mb <= MAX_MEMORY_MB:
                raise ValidationError(
                    self.env._(
                        "The memory per PDF must be between %(low)s and %(high)s MB.",
                        low=MIN_MEMORY_MB,
                        high=MAX_MEMORY_MB,
                    )
                )
