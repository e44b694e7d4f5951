import base64

from odoo import Command, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.queue_job.delay import chain
from odoo.addons.queue_job.job import identity_exact

CHANNEL = "root.mrc"
BULK_CHUNK = 5  # PDFs read per background job


class MrcSkillImport(models.TransientModel):
    _name = "mrc.skill.import"
    _description = "Import skills and certifications from PDF"

    candidate_id = fields.Many2one("hr.candidate", string="Migrant", required=True)
    state = fields.Selection(
        [("upload", "Upload"), ("queued", "Reading"), ("review", "Review"), ("done", "Done")],
        default="upload",
        required=True,
    )
    analysis_error = fields.Text(string="Why the PDFs could not be read", readonly=True)
    document_ids = fields.One2many("mrc.skill.import.document", "import_id", string="Documents")
    line_ids = fields.One2many("mrc.skill.import.line", "import_id", string="Proposals")

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        context = self.env.context
        if (
            "candidate_id" in fields_list
            and not values.get("candidate_id")
            and context.get("active_model") == "hr.candidate"
        ):
            values["candidate_id"] = context.get("active_id")
        return values

    def _reopen(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
            "name": self.env._("Import from PDF"),
        }

    def action_analyse(self):
        """Read every uploaded PDF and propose skills, number, body, dates and occupation.

        Any unreadable file stops the whole analysis with its reason; nothing is proposed then.
        """
        self.ensure_one()
        self._mrc_check_documents()
        self.line_ids.unlink()
        self._mrc_analyse_documents(self.document_ids)
        self.state = "review"
        return self._reopen()

    def action_analyse_background(self):
        """Bulk import: the PDFs are read in background jobs of ``BULK_CHUNK`` files on the
        ``root.mrc`` channel (Job Queue menu), one after the other, as the counsellor who asked;
        the proposals appear when the last job is done ("Check again"). As in the foreground,
        an unreadable file stops the analysis with its reason and proposes nothing."""
        self.ensure_one()
        self._mrc_check_documents()
        self.line_ids.unlink()
        self.write({"state": "queued", "analysis_error": False})
        ids = self.document_ids.ids
        steps = [
            self.delayable(
                channel=CHANNEL,
                identity_key=identity_exact,
                description=self.env._("MRC: read %s PDFs", len(ids[start : start + BULK_CHUNK])),
            )._mrc_job_analyse(ids[start : start + BULK_CHUNK])
            for start in range(0, len(ids), BULK_CHUNK)
        ]
        steps.append(
            self.delayable(
                channel=CHANNEL,
                identity_key=identity_exact,
                description=self.env._("MRC: PDF proposals ready"),
            )._mrc_job_analysed()
        )
        chain(*steps).delay()
        return self._reopen()

    def action_check(self):
        """Show the wizard again (the background reading may be done)."""
        self.ensure_one()
        return self._reopen()

    def _mrc_check_documents(self):
        if not self.document_ids:
            raise UserError(self.env._("Add at least one PDF to import."))
        if not all(self.document_ids.mapped("data")):
            raise UserError(self.env._("A document line has no file."))

    def _mrc_job_analyse(self, document_ids):
        """Job: read these documents of the wizard and propose their skills. A file that
        cannot be read stops the import: its reason is kept, the proposals are removed and the
        wizard goes back to the upload step."""
        self.ensure_one()
        if self.state != "queued":
            return "skipped: the import is no longer waiting"
        documents = self.document_ids.filtered(lambda document: document.id in document_ids)
        try:
            with self.env.cr.savepoint():
                self._mrc_analyse_documents(documents)
        except UserError as error:
            self.line_ids.unlink()
            self.write({"state": "upload", "analysis_error": error.args[0]})
            return "stopped: a file could not be read"
        return f"{len(documents)} PDFs read"

    def _mrc_job_analysed(self):
        """Job: the last one of a background reading: the proposals are ready for review."""
        self.ensure_one()
        if self.state == "queued":
            self.state = "review"
        return self.state

    def _mrc_analyse_documents(self, documents):
        """Read these documents and create the proposals of the skills they name."""
        importer = self.env["mrc.pdf.import"]
        Skill = self.env["hr.skill"]
        line_values = []
        for document in documents:
            read = importer._mrc_extract(document.filename, document.data)
            result = read.extraction
            document.write(
                {
                    "text": read.content.text,
                    "kind": result.kind,
                    "number": result.number,
                    "issuer_id": result.issuer.key if result.issuer else False,
                    "issuer_score": result.issuer.score if result.issuer else 0,
                    "issue_date": result.issue_date,
                    "expiry_date": result.expiry_date,
                    "occupation_id": result.occupation.key if result.occupation else False,
                    "occupation_score": result.occupation.score if result.occupation else 0,
                }
            )
            for index, match in enumerate(result.skills):
                skill = Skill.browse(match.key)
                level = importer._mrc_level_for(skill.skill_type_id, match.level_progress)
                line_values.append(
                    {
                        "import_id": self.id,
                        "document_id": document.id,
                        "skill_type_id": skill.skill_type_id.id,
                        "skill_id": skill.id,
                        "skill_level_id": level.id,
                        "score": match.score,
                        "matched_text": match.text,
                        "matched_alias": match.alias,
                        "create_certification": result.kind == "certificate" and index == 0,
                    }
                )
        self.env["mrc.skill.import.line"].create(line_values)

    def action_back(self):
        self.ensure_one()
        self.line_ids.unlink()
        self.state = "upload"
        return self._reopen()

    def action_confirm(self):
        """Create the certifications (with their PDF) and the migrant's skills chosen."""
        self.ensure_one()
        if self.state != "review":
            raise UserError(self.env._("Analyse the documents before confirming."))
        lines = self.line_ids.filtered("selected")
        if not lines:
            raise UserError(self.env._("Select at least one proposal to import."))
        lines._check_complete()
        lines._create_missing_skills()
        certification_lines = lines.filtered("create_certification")
        # The files' attachments are indexed with the text the import read, not parsed again.
        importer = self.env["mrc.pdf.import"]
        index_context = importer._mrc_index_context(
            {importer._mrc_decode(document.data): document.text for document in lines.document_id}
        )
        Certification = self.env["mrc.certification"].with_context(**index_context)
        seen = set()
        for line in certification_lines:
            document = line.document_id
            key = (document.issuer_id.id, (document.number or "").strip())
            if key[1]:
                # numbers are unique per issuing body; no issuer counts as one body
                if key in seen:
                    raise UserError(
                        self.env._(
                            "Only one certification can carry number %(number)s of "
                            "%(issuer)s; untick the others.",
                            number=document.number,
                            issuer=document.issuer_id.display_name
                            or self.env._("no recognised issuing body"),
                        )
                    )
                seen.add(key)
        certifications = Certification.create(
            [
                {
                    "candidate_id": self.candidate_id.id,
                    "skill_id": line.skill_id.id,
                    "skill_level_id": line.skill_level_id.id,
                    "issuer_id": line.document_id.issuer_id.id,
                    "number": line.document_id.number,
                    "issue_date": line.document_id.issue_date,
                    "expiry_date": line.document_id.expiry_date,
                    "document": line.document_id.data,
                    "document_name": line.document_id.filename,
                }
                for line in certification_lines
            ]
        )
        # submitted by the counsellor's action, as a certificate entered by hand is
        certifications.action_submit()
        skill_lines = lines - certification_lines
        if skill_lines:
            self.candidate_id._mrc_raise_skill_levels(
                [(line.skill_id, line.skill_level_id) for line in skill_lines]
            )
            self.with_context(**index_context)._attach_documents(skill_lines.document_id)
        self.state = "done"
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "mrc_skills.mrc_certification_action"
        )
        if certifications:
            action.update(
                {
                    "domain": [("id", "in", certifications.ids)],
                    "view_mode": "list,form",
                    "views": [(False, "list"), (False, "form")],
                }
            )
            return action
        return {"type": "ir.actions.act_window_close"}

    def _attach_documents(self, documents):
        """Keep the CVs the skills came from on the migrant's card, and say so in its chatter."""
        attachments = self.env["ir.attachment"].create(
            [
                {
                    "name": document.filename or self.env._("Imported document.pdf"),
                    "datas": document.data,
                    "res_model": "hr.candidate",
                    "res_id": self.candidate_id.id,
                    "mimetype": "application/pdf",
                }
                for document in documents
            ]
        )
        self.candidate_id.message_post(
            body=self.env._("Skills imported from %s.", ", ".join(documents.mapped("filename"))),
            attachment_ids=attachments.ids,
        )

    @api.model
    def _mrc_encode(self, data):
        """Base64 of raw bytes, for tests and controllers handing over files."""
        return base64.b64encode(data)

    @api.model
    def _mrc_documents(self, files):
        """Commands creating document lines from ``[(filename, bytes), ...]``."""
        return [
            Command.create({"filename": name, "data": self._mrc_encode(data)})
            for name, data in files
        ]
