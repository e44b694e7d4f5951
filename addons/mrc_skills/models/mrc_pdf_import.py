import base64
import binascii
import hashlib
import logging

from odoo import api, models
from odoo.exceptions import UserError
from odoo.tools.mimetypes import guess_mimetype

from ..lib import isolation, pdf

_logger = logging.getLogger(__name__)

# System parameters of the limits, with the field of isolation.Limits each one sets.
LIMIT_PARAMS = {
    "max_size_mb": "mrc_skills.pdf_max_size_mb",
    "max_pages": "mrc_skills.pdf_max_pages",
    "cpu_seconds": "mrc_skills.pdf_max_cpu_seconds",
    "memory_mb": "mrc_skills.pdf_max_memory_mb",
}
# Context key read by ir.attachment._index: {sha1 of a file: the text the import read from it}.
INDEX_CONTEXT_KEY = "mrc_pdf_index"


class MrcPdfImport(models.AbstractModel):
    _name = "mrc.pdf.import"
    _description = "PDF import of certificates and CVs"

    @api.model
    def _mrc_limits(self):
        """Return the :class:`isolation.Limits` set in Settings (size, pages, processor time,
        memory), read by the one settings reader (``res.config.settings._mrc_param``): an unset
        or unreadable parameter is its settings field's default."""
        settings = self.env["res.config.settings"]
        return isolation.Limits(
            **{name: settings._mrc_param(key) for name, key in LIMIT_PARAMS.items()}
        )

    @api.model
    def _mrc_is_pdf(self, data):
        """True when the raw bytes ``data`` are a PDF: Odoo's guess of their type is PDF and
        they start with the ``%PDF-`` header (a PNG with a PDF appended is not one). The one
        test of the wizard and of the portal upload."""
        data = data or b""
        return pdf.is_pdf_header(data) and guess_mimetype(data) == "application/pdf"

    @api.model
    def _mrc_index_context(self, texts):
        """Context under which attachments are indexed with the text the import read
        (``texts``: ``{raw bytes: text}``) instead of being parsed again by Odoo; any other
        file created under it is not indexed at all."""
        index = dict(self.env.context.get(INDEX_CONTEXT_KEY) or {})
        for data, text in texts.items():
            index[hashlib.sha1(data, usedforsecurity=False).hexdigest()] = text or False
        return {INDEX_CONTEXT_KEY: index}

    @api.model
    def _mrc_index_text(self, data):
        """The text of the PDF ``data`` (raw bytes) for an attachment's index, read in a child
        process within the limits of Settings (``lib/isolation``); ``''`` when it is not a PDF
        or the reader refuses it (past a limit, damaged, encrypted, no text layer)."""
        if not self._mrc_is_pdf(data):
            return ""
        try:
            result = isolation.read_isolated(data, self._mrc_limits())
        except pdf.PdfError as error:
            _logger.info("PDF not indexed: %s", type(error).__name__)
            return ""
        return "\n".join(page.text for page in result.content.pages if page.text)

    @api.model
    def _mrc_decode(self, data):
        """Return raw bytes from what a Binary field or a controller hands over."""
        if isinstance(data, str):
            data = data.encode()
        if data[:5] == pdf.PDF_MAGIC:
            return data
        try:
            return base64.b64decode(data, validate=True)
        except (binascii.Error, ValueError):
            return data

    @api.model
    def _mrc_read(self, filename, data, vocabularies=None):
        """Read a PDF's text and tables (and extract from them with ``vocabularies``) in a
        child process within the limits of Settings; return the :class:`isolation.Result`, or
        raise a UserError saying what is wrong with the file."""
        limits = self._mrc_limits()
        name = filename or self.env._("The file")
        raw = self._mrc_decode(data or b"")
        try:
            if not self._mrc_is_pdf(raw):
                pdf.check_bytes(raw, limits.max_size_mb)  # a size refusal first, if any
                raise pdf.NotPdfError()
            return isolation.read_isolated(raw, limits, vocabularies)
        except pdf.NotPdfError as error:
            raise UserError(
                self.env._("%s is not a PDF file. Upload the certificate or CV as a PDF.", name)
            ) from error
        except pdf.TooLargeError as error:
            raise UserError(
                self.env._(
                    "%(file)s is %(size)s MB, over the limit of %(limit)s MB.",
                    file=name,
                    size=error.size_mb,
                    limit=error.limit_mb,
                )
            ) from error
        except pdf.EncryptedPdfError as error:
            raise UserError(
                self.env._(
                    "%s is protected by a password. Ask for a copy without a password, or "
                    "enter the certificate by hand.",
                    name,
                )
            ) from error
        except pdf.TooManyPagesError as error:
            raise UserError(
                self.env._(
                    "%(file)s has %(pages)s pages, over the limit of %(limit)s pages.",
                    file=name,
                    pages=error.pages,
                    limit=error.limit,
                )
            ) from error
        except pdf.NoTextLayerError as error:
            raise UserError(
                self.env._(
                    "%s has no text layer: it looks like a scanned document or a photograph, "
                    "which cannot be read. Enter the certificate or skills by hand.",
                    name,
                )
            ) from error
        except pdf.TooDemandingError as error:
            limit = f"{error.limit:g}"
            if error.resource == "time":
                message = self.env._(
                    "%(file)s needs more than %(limit)s seconds of processing to be read: it is "
                    "too complex, or built to block the server. Ask for a simpler copy (for "
                    "example printed again to PDF), or enter it by hand.",
                    file=name,
                    limit=limit,
                )
            else:
                message = self.env._(
                    "%(file)s needs more than %(limit)s MB of memory to be read: it is too "
                    "complex, or built to block the server. Ask for a simpler copy (for "
                    "example printed again to PDF), or enter it by hand.",
                    file=name,
                    limit=limit,
                )
            raise UserError(message) from error
        except pdf.CorruptPdfError as error:
            raise UserError(
                self.env._(
                    "%s is damaged and cannot be read. Ask for a new copy, or enter it by hand.",
                    name,
                )
            ) from error

    @api.model
    def _mrc_skill_vocabulary(self):
        """{skill id: [names in every installed language, aliases]} of the active skill types."""
        skills = self.env["hr.skill"].sudo().search([("skill_type_id.active", "=", True)])
        vocabulary = {skill.id: [skill.name] for skill in skills}
        for lang in self._mrc_other_langs():
            for skill in skills.with_context(lang=lang):
                vocabulary[skill.id].append(skill.name)
        aliases = (
            self.env["mrc.skill.alias"]
            .sudo()
            .search_read([("skill_id", "in", skills.ids)], ["skill_id", "name"])
        )
        for alias in aliases:
            vocabulary.setdefault(alias["skill_id"][0], []).append(alias["name"])
        return vocabulary

    @api.model
    def _mrc_other_langs(self):
        """Installed languages other than the current one, whose names are matched too."""
        current = self.env.lang or "en_US"
        return [code for code, _name in self.env["res.lang"].get_installed() if code != current]

    @api.model
    def _mrc_body_vocabulary(self):
        """{partner id: [name, acronym]} of the known issuing bodies."""
        bodies = self.env["res.partner"].sudo().search([("mrc_is_issuing_body", "=", True)])
        return {
            body.id: [name for name in (body.name, body.mrc_issuer_acronym) if name]
            for body in bodies
        }

    @api.model
    def _mrc_occupation_vocabulary(self):
        """{occupation id: [titles]} of the ISCO-08 unit groups, in every installed language."""
        occupations = self.env["mrc.occupation"].sudo().search([("level", "=", 4)])
        vocabulary = {occupation.id: [occupation.name] for occupation in occupations}
        for lang in self._mrc_other_langs():
            for occupation in occupations.with_context(lang=lang):
                vocabulary[occupation.id].append(occupation.name)
        return vocabulary

    @api.model
    def _mrc_extract(self, filename, data):
        """Read one PDF, in a child process within the limits, and return the
        :class:`isolation.Result`: its ``content`` (pages) and its ``extraction`` (keys are
        record ids).

        :raises UserError: on a file that is not a readable PDF with text, one past a limit,
            and when nothing at all is recognised in it.
        """
        result = self._mrc_read(
            filename,
            data,
            vocabularies={
                "skills": self._mrc_skill_vocabulary(),
                "bodies": self._mrc_body_vocabulary(),
                "occupations": self._mrc_occupation_vocabulary(),
            },
        )
        if result.extraction.is_empty:
            raise UserError(
                self.env._(
                    "Nothing was recognised in %s: no skill, occupation, certificate number, "
                    "issuing body or date. Enter it by hand.",
                    filename or self.env._("the file"),
                )
            )
        return result

    @api.model
    def _mrc_level_for(self, skill_type, progress):
        """The level of ``skill_type`` closest to ``progress``; its default level without one."""
        levels = skill_type.skill_level_ids
        if not levels:
            return levels
        if progress is None:
            return levels.filtered("default_level")[:1] or levels.sorted("level_progress")[:1]
        return min(levels, key=lambda level: (abs(level.level_progress - progress), level.id))
