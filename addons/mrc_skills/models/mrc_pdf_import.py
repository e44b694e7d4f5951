import base64
import binascii

from odoo import api, models
from odoo.exceptions import UserError

from ..lib import extraction, pdf


class MrcPdfImport(models.AbstractModel):
    _name = "mrc.pdf.import"
    _description = "PDF import of certificates and CVs"

    @api.model
    def _mrc_limits(self):
        """Return (maximum size in MB, maximum pages) from the system parameters."""
        params = self.env["ir.config_parameter"].sudo()
        try:
            size = float(params.get_param("mrc_skills.pdf_max_size_mb", "10") or 0)
            pages = int(params.get_param("mrc_skills.pdf_max_pages", "20") or 0)
        except ValueError as error:
            raise UserError(
                self.env._(
                    "The PDF import limits must be numbers: correct them in Settings, MRC, "
                    "PDF import of certificates and CVs."
                )
            ) from error
        return size, pages

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
    def _mrc_read(self, filename, data):
        """Read a PDF's text and tables, or raise a UserError saying what is wrong with it."""
        size, pages = self._mrc_limits()
        name = filename or self.env._("The file")
        try:
            return pdf.read_pdf(self._mrc_decode(data or b""), max_size_mb=size, max_pages=pages)
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
        """Read one PDF and return its :class:`extraction.Extraction` (keys are record ids).

        :raises UserError: on a file that is not a readable PDF with text, and when nothing at
            all is recognised in it.
        """
        content = self._mrc_read(filename, data)
        result = extraction.extract(
            [page.text for page in content.pages],
            [table for page in content.pages for table in page.tables],
            skills=self._mrc_skill_vocabulary(),
            bodies=self._mrc_body_vocabulary(),
            occupations=self._mrc_occupation_vocabulary(),
        )
        if result.is_empty:
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
