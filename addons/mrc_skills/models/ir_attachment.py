from odoo import api, models

from .mrc_pdf_import import INDEX_CONTEXT_KEY


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    @api.model
    def _index(self, bin_data, file_type, checksum=None):
        """Index the files the PDF import stores with the text it read from them, and nothing
        else created with them: Odoo's own indexing (``attachment_indexation``, installed by
        hr_recruitment, on which this add-on depends, so this override runs before it) parses
        a PDF in the server process, without the limits of the import.

        The import's context (``mrc.pdf.import._mrc_index_context``) maps each accepted file's
        SHA-1 to its text; it changes what is indexed, never who may do what.
        """
        accepted = self.env.context.get(INDEX_CONTEXT_KEY)
        if accepted is None:
            return super()._index(bin_data, file_type, checksum=checksum)
        checksum = checksum or self._compute_checksum(bin_data)
        return accepted.get(checksum) or False
