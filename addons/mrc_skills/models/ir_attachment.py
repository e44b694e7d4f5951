from odoo import api, models

from .mrc_pdf_import import INDEX_CONTEXT_KEY


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    @api.model
    def _index(self, bin_data, file_type, checksum=None):
        """Index the files the PDF import stores with the text it read from them, and nothing
        else created with them; any other file goes through Odoo's indexing, whose PDF reader
        is :meth:`_index_pdf` below.

        The import's context (``mrc.pdf.import._mrc_index_context``) maps each accepted file's
        SHA-1 to its text; it changes what is indexed, never who may do what.
        """
        accepted = self.env.context.get(INDEX_CONTEXT_KEY)
        if accepted is None:
            return super()._index(bin_data, file_type, checksum=checksum)
        checksum = checksum or self._compute_checksum(bin_data)
        return accepted.get(checksum) or False

    def _index_pdf(self, bin_data):
        """The text of a PDF for its index, read by the suite's bounded reader instead of
        Odoo's: ``attachment_indexation`` (installed by hr_recruitment, on which this add-on
        depends, so this override comes before it) parses every PDF attached anywhere (the
        chatter, a binary field) in the server process, without limits, and loops or takes
        gigabytes on crafted files. Here it is read in a child process within the PDF limits of
        Settings; a file refused there (past a limit, damaged, encrypted, a scan) is not
        indexed: ``''``, and Odoo stores only its type, as for any file it cannot read."""
        return self.env["mrc.pdf.import"]._mrc_index_text(bin_data)
