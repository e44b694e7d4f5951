"""The PDF import wizard inside Odoo: proposals, confirmation, bad files and the limits."""

import base64
from datetime import date

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from . import pdf_crafted, pdf_factory
from .common import MrcSkillsCase, use_own_taxonomy_only


@tagged("post_install", "-at_install")
class TestImportWizard(MrcSkillsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.isco_welders = cls.env.ref("mrc_skills.isco_7212")
        use_own_taxonomy_only(cls.env)

    def analysed(self, files):
        wizard = self.import_wizard(files)
        wizard.action_analyse()
        return wizard

    def assert_nothing_created(self, wizard):
        self.assertEqual(wizard.state, "upload", "the wizard moved on")
        self.assertFalse(wizard.line_ids, "skills were proposed")
        self.assertFalse(any(wizard.document_ids.mapped("number")), "a document was half-read")
        self.assertFalse(
            self.env["mrc.certification"].search([("candidate_id", "=", self.candidate.id)]),
            "a certification was created",
        )
        self.assertFalse(self.candidate.candidate_skill_ids, "a skill was given")

    # -- good files ------------------------------------------------------------------------

    def test_spanish_certificate_becomes_a_submitted_certification_with_its_pdf(self):
        """A Spanish certificate is read into skill, level, number, body, dates and
        occupation; confirming creates a certification to verify that carries the PDF, and
        gives no skill before verification."""
        data = self.spanish_certificate()
        wizard = self.analysed([("certificado.pdf", data)])
        self.assertEqual(wizard.state, "review")
        document = wizard.document_ids
        self.assertEqual(document.kind, "certificate")
        self.assertEqual(document.number, "CON-2023-00451")
        self.assertEqual(document.issuer_id, self.issuer, "CONOCER not recognised")
        self.assertEqual(document.issue_date, date(2023, 3, 15))
        self.assertEqual(document.expiry_date, date(2099, 3, 14))
        self.assertEqual(document.occupation_id, self.isco_welders, "'Soldador' is ISCO 7212")
        line = wizard.line_ids
        self.assertEqual(line.skill_id, self.welding, "welding not proposed")
        self.assertEqual(line.skill_level_id, self.level_advanced, "'Avanzado' is advanced")
        self.assertTrue(line.create_certification, "a certificate proposes a certification")
        self.assertGreaterEqual(line.score, 80)

        action = wizard.action_confirm()
        certification = self.env["mrc.certification"].search(action["domain"])
        self.assertEqual(len(certification), 1)
        self.assertEqual(
            (certification.candidate_id, certification.skill_id, certification.skill_level_id),
            (self.candidate, self.welding, self.level_advanced),
        )
        self.assertEqual(certification.state, "submitted", "an import must wait for verification")
        self.assertEqual(certification.number, "CON-2023-00451")
        self.assertEqual(certification.issuer_id, self.issuer)
        self.assertEqual(base64.b64decode(certification.document), data, "PDF not attached")
        self.assertEqual(certification.document_name, "certificado.pdf")
        self.assertFalse(self.candidate.candidate_skill_ids, "skill given before verification")
        self.assertEqual(wizard.state, "done")

    def test_table_certificate_and_two_column_cv_in_one_import(self):
        """Several PDFs at once: the table-based certificate gives a certification, the
        two-column CV gives the migrant's skills and stays on the migrant's card."""
        wizard = self.analysed(
            [("tesda.pdf", self.table_certificate()), ("cv.pdf", self.two_column_cv())]
        )
        cv, certificate = wizard.document_ids.sorted("filename")
        self.assertEqual(certificate.issuer_id, self.issuer_tesda)
        self.assertEqual(certificate.number, "TESDA-NC2-889912")
        self.assertEqual(
            (certificate.issue_date, certificate.expiry_date), (date(2022, 6, 1), date(2099, 6, 1))
        )
        self.assertEqual(cv.kind, "cv")
        self.assertFalse(cv.number, "a CV has no certificate number")
        certificate_lines = wizard.line_ids.filtered(lambda line: line.document_id == certificate)
        self.assertEqual(certificate_lines.skill_id, self.forklift)
        cv_lines = wizard.line_ids.filtered(lambda line: line.document_id == cv)
        self.assertLessEqual(self.welding | self.forklift, cv_lines.skill_id, "CV skills missed")
        self.assertFalse(any(cv_lines.mapped("create_certification")), "a CV certifies nothing")

        wizard.action_confirm()
        certification = self.env["mrc.certification"].search(
            [("candidate_id", "=", self.candidate.id)]
        )
        self.assertEqual(certification.skill_id, self.forklift)
        self.assertEqual(certification.document_name, "tesda.pdf")
        self.assertEqual(
            set(self.candidate.candidate_skill_ids.skill_id.ids), set(cv_lines.skill_id.ids)
        )
        attachment = self.env["ir.attachment"].search(
            [("res_model", "=", "hr.candidate"), ("res_id", "=", self.candidate.id)]
        )
        self.assertEqual(attachment.name, "cv.pdf", "the CV is not kept on the migrant's card")

    def test_import_never_lowers_a_skill(self):
        """A CV proposing a lower level than the migrant has leaves the higher level."""
        self.env["hr.candidate.skill"].create(
            {
                "candidate_id": self.candidate.id,
                "skill_type_id": self.construction.id,
                "skill_id": self.welding.id,
                "skill_level_id": self.level_expert.id,
            }
        )
        wizard = self.analysed([("cv.pdf", self.two_column_cv())])
        welding_line = wizard.line_ids.filtered(lambda line: line.skill_id == self.welding)
        self.assertEqual(len(welding_line), 1, "'Weldng' in the CV is not proposed as welding")
        welding_line.skill_level_id = self.level_basic
        wizard.action_confirm()
        welding = self.candidate.candidate_skill_ids.filtered(
            lambda line: line.skill_id == self.welding
        )
        self.assertEqual(welding.skill_level_id, self.level_expert, "the import lowered a skill")

    # -- the counsellor's corrections ---------------------------------------------------------

    def test_unknown_skill_needs_a_name_and_then_becomes_a_skill_with_its_alias(self):
        """A line left without a skill is refused with nothing imported; naming a new skill
        creates it, with the text found in the PDF as its alias."""
        wizard = self.analysed([("cv.pdf", self.two_column_cv())])
        line = wizard.line_ids.filtered(lambda line: line.skill_id == self.welding)
        self.assertEqual(len(line), 1, "'Weldng' in the CV is not proposed as welding")
        line.skill_id = False
        with self.assertRaisesRegex(UserError, "Choose a skill, or name a new one"):
            wizard.action_confirm()
        self.assertFalse(self.candidate.candidate_skill_ids, "half an import was written")

        line.new_skill_name = "  MIG welding  "
        wizard.action_confirm()
        skill = self.env["hr.skill"].search([("name", "=", "MIG welding")])
        self.assertEqual(skill.skill_type_id, line.skill_type_id)
        self.assertIn(line.matched_text, skill.mrc_alias_ids.mapped("name"), "alias not kept")
        self.assertIn(skill, self.candidate.candidate_skill_ids.skill_id)

    def test_level_of_another_skill_type_is_refused(self):
        """A level that belongs to another skill type is refused with its names."""
        wizard = self.analysed([("certificado.pdf", self.spanish_certificate())])
        wizard.line_ids.skill_level_id = self.level_forklift_basic
        with self.assertRaisesRegex(UserError, "does not belong to the skill type"):
            wizard.action_confirm()
        self.assertFalse(self.env["mrc.certification"].search([("number", "=", "CON-2023-00451")]))

    def test_confirm_needs_an_analysis_and_a_selected_line(self):
        """Confirming before reading the PDFs, or with every proposal unticked, is refused."""
        wizard = self.import_wizard([("certificado.pdf", self.spanish_certificate())])
        with self.assertRaisesRegex(UserError, "Analyse the documents"):
            wizard.action_confirm()
        wizard.action_analyse()
        wizard.line_ids.selected = False
        with self.assertRaisesRegex(UserError, "Select at least one proposal"):
            wizard.action_confirm()
        empty = self.import_wizard([])
        with self.assertRaisesRegex(UserError, "Add at least one PDF"):
            empty.action_analyse()

    def test_same_certificate_number_twice_is_refused(self):
        """Two certifications with one number of one body, in one import or against one
        already recorded, are refused with a clear message and nothing is created."""
        wizard = self.analysed([("certificado.pdf", self.spanish_certificate())])
        line = wizard.line_ids
        line.copy({"skill_id": self.forklift.id, "skill_type_id": self.forklift.skill_type_id.id})
        wizard.line_ids.create_certification = True
        wizard.line_ids.filtered(
            lambda line: line.skill_id == self.forklift
        ).skill_level_id = self.level_forklift_basic
        with self.assertRaisesRegex(UserError, "Only one certification can carry number"):
            wizard.action_confirm()
        self.assertFalse(self.env["mrc.certification"].search([("number", "=", "CON-2023-00451")]))

        self.certification(number="CON-2023-00451")
        again = self.analysed([("certificado.pdf", self.spanish_certificate())])
        with self.assertRaisesRegex(UserError, "already has a certificate"):
            again.action_confirm()
        self.assertEqual(again.state, "review")

    # -- bad files ------------------------------------------------------------------------------

    def test_bad_files_are_refused_with_their_reason_and_nothing_is_created(self):
        """Each unreadable file is refused with what is wrong and what to do, even beside a
        good file, and nothing is proposed or created."""
        cases = [
            ("photo.pdf", b"\x89PNG\r\n\x1a\n not a pdf at all", "is not a PDF file"),
            (
                "locked.pdf",
                pdf_factory.certificate_pdf("Certificate", ["Welding"], encrypt="secret"),
                "protected by a password",
            ),
            ("broken.pdf", pdf_factory.corrupt_pdf(), "is damaged"),
            ("scan.pdf", pdf_factory.image_only_pdf(), "no text layer.*Enter the certificate"),
            (
                "letter.pdf",
                pdf_factory.text_pdf(["Dear Sir", "Thank you for your letter.", "Regards"]),
                "Nothing was recognised in letter.pdf",
            ),
        ]
        for filename, data, message in cases:
            with self.subTest(file=filename):
                wizard = self.import_wizard(
                    [("certificado.pdf", self.spanish_certificate()), (filename, data)]
                )
                with self.assertRaises(UserError) as caught:
                    wizard.action_analyse()
                self.assertRegex(str(caught.exception), message)
                self.assertIn(filename, str(caught.exception), "the message names no file")
                self.assert_nothing_created(wizard)

    def test_size_and_page_limits_come_from_the_settings(self):
        """The limits set in Settings are applied to each file and reported in the message."""
        Settings = self.env["res.config.settings"]
        Settings.create({"mrc_pdf_max_pages": 5}).execute()
        wizard = self.import_wizard([("long.pdf", pdf_factory.many_pages_pdf(6))])
        with self.assertRaisesRegex(UserError, "long.pdf has 6 pages, over the limit of 5"):
            wizard.action_analyse()
        self.assert_nothing_created(wizard)

        big_pdf = pdf_factory.many_pages_pdf(150)
        self.assertGreater(len(big_pdf), 100_000, "the test PDF is too small for the limit")
        Settings.create({"mrc_pdf_max_pages": 200, "mrc_pdf_max_size_mb": 0.1}).execute()
        wizard = self.import_wizard([("big.pdf", big_pdf)])
        with self.assertRaisesRegex(UserError, r"big.pdf is 0.1\d MB, over the limit of 0.1 MB"):
            wizard.action_analyse()
        self.assert_nothing_created(wizard)

        Settings.create({"mrc_pdf_max_size_mb": 10, "mrc_pdf_max_pages": 20}).execute()
        wizard = self.analysed([("certificado.pdf", self.spanish_certificate())])
        self.assertEqual(wizard.state, "review", "a file within the limits is read")

    def test_settings_refuse_limits_that_make_no_sense(self):
        """A zero or negative limit, or one past what a worker can read, is refused, and the
        stored parameters are left as they were."""
        Settings = self.env["res.config.settings"]
        for values in (
            {"mrc_pdf_max_size_mb": 0},
            {"mrc_pdf_max_size_mb": 0.04},
            {"mrc_pdf_max_size_mb": -2},
            {"mrc_pdf_max_size_mb": 500},
            {"mrc_pdf_max_pages": 0},
            {"mrc_pdf_max_pages": 10_000},
        ):
            with self.subTest(values=values), self.assertRaises(ValidationError):
                Settings.create(values).execute()
        params = self.env["ir.config_parameter"].sudo()
        self.assertEqual(float(params.get_param("mrc_skills.pdf_max_size_mb")), 10.0)
        self.assertEqual(int(params.get_param("mrc_skills.pdf_max_pages")), 20)

    def test_bad_file_message_in_the_users_language(self):
        """A Spanish-speaking counsellor reads why the file is refused in Spanish."""
        self.env["res.lang"]._activate_lang("es_ES")
        self.env["ir.module.module"]._load_module_terms(["mrc_skills"], ["es_ES"], overwrite=True)
        self.counsellor.lang = "es_ES"
        wizard = self.import_wizard([("foto.pdf", b"GIF89a not a pdf")])
        # The web client sends the user's language in the context of every call.
        wizard = wizard.with_context(lang=self.counsellor.lang)
        with self.assertRaisesRegex(UserError, "foto.pdf no es un archivo PDF"):
            wizard.action_analyse()

    # -- access ---------------------------------------------------------------------------------

    def test_only_counsellors_import(self):
        """Staff outside counselling, and portal users, cannot run the import."""
        for user in (self.employee, self.liaison, self.portal_user):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.import_wizard([("certificado.pdf", self.spanish_certificate())], user=user)


@tagged("post_install", "-at_install")
class TestImportBounds(MrcSkillsCase):
    """Issue 10, uploads bounded: limits in Settings, one definition of a PDF, Odoo's indexing
    never parsing what the import has not read."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        use_own_taxonomy_only(cls.env)

    def all_attachments(self):
        """Every attachment, those of binary fields included."""
        return self.env["ir.attachment"].search(
            ["|", ("res_field", "=", False), ("res_field", "!=", False)]
        )

    def test_file_past_the_processing_time_is_refused_and_nothing_written(self):
        """A file needing more processor time than Settings allow (200,000 rectangles) is
        stopped in its child process and refused in the user's words, with nothing written."""
        self.env["res.config.settings"].create({"mrc_pdf_max_cpu_seconds": 1}).execute()
        attachments = self.all_attachments()
        wizard = self.import_wizard([("rects.pdf", pdf_crafted.operator_bomb(200_000))])
        with self.assertRaisesRegex(UserError, "rects.pdf needs more than 1 seconds"):
            wizard.action_analyse()
        self.assertEqual(wizard.state, "upload", "the wizard moved on")
        self.assertFalse(wizard.line_ids, "skills were proposed")
        self.assertEqual(self.all_attachments(), attachments, "a file was stored")

    def test_limit_refusal_in_the_users_language(self):
        """A Spanish-speaking counsellor reads in Spanish why a file past the limit is refused."""
        self.env["res.lang"]._activate_lang("es_ES")
        self.env["ir.module.module"]._load_module_terms(["mrc_skills"], ["es_ES"], overwrite=True)
        self.counsellor.lang = "es_ES"
        self.env["res.config.settings"].create({"mrc_pdf_max_cpu_seconds": 1}).execute()
        wizard = self.import_wizard([("rects.pdf", pdf_crafted.operator_bomb(200_000))])
        with self.assertRaisesRegex(UserError, "rects.pdf necesita más de 1 segundos"):
            wizard.with_context(lang="es_ES").action_analyse()

    def test_limits_are_read_from_settings_with_the_suites_defaults(self):
        """Size, pages, processor time and memory come from Settings (system parameters)."""
        Settings = self.env["res.config.settings"]
        Settings.create(
            {
                "mrc_pdf_max_size_mb": 5,
                "mrc_pdf_max_pages": 7,
                "mrc_pdf_max_cpu_seconds": 9,
                "mrc_pdf_max_memory_mb": 300,
            }
        ).execute()
        limits = self.env["mrc.pdf.import"]._mrc_limits()
        self.assertEqual(
            (limits.max_size_mb, limits.max_pages, limits.cpu_seconds, limits.memory_mb),
            (5.0, 7, 9, 300),
        )
        params = self.env["ir.config_parameter"].sudo()
        self.assertEqual(params.get_param("mrc_skills.pdf_max_cpu_seconds"), "9")
        self.assertEqual(params.get_param("mrc_skills.pdf_max_memory_mb"), "300")
        # Unset or unreadable parameters fall back to the settings fields' defaults.
        params.set_param("mrc_skills.pdf_max_size_mb", False)
        params.set_param("mrc_skills.pdf_max_pages", "many")
        limits = self.env["mrc.pdf.import"]._mrc_limits()
        fields = Settings._fields
        self.assertEqual(
            (limits.max_size_mb, limits.max_pages, limits.cpu_seconds),
            (
                fields["mrc_pdf_max_size_mb"].default(Settings),
                fields["mrc_pdf_max_pages"].default(Settings),
                9,
            ),
            "an unset or unreadable limit is not its settings field's default",
        )
        for values in (
            {"mrc_pdf_max_cpu_seconds": 0},
            {"mrc_pdf_max_cpu_seconds": 600},
            {"mrc_pdf_max_memory_mb": 16},
            {"mrc_pdf_max_memory_mb": 100_000},
        ):
            with self.subTest(values=values), self.assertRaises(ValidationError):
                Settings.create(values).execute()

    def test_one_definition_of_a_pdf(self):
        """A PNG with a PDF appended, or anything before the %PDF- header, is not a PDF for
        the import (wizard and portal call the same test); a PDF is."""
        importer = self.env["mrc.pdf.import"]
        crafted = pdf_crafted.corpus()
        self.assertTrue(importer._mrc_is_pdf(crafted["valid_certificate"]))
        for name in ("polyglot_png_pdf", "junk_before_header", "png_renamed", "empty"):
            with self.subTest(file=name):
                self.assertFalse(importer._mrc_is_pdf(crafted[name]))
        wizard = self.import_wizard([("photo.pdf", crafted["polyglot_png_pdf"])])
        with self.assertRaisesRegex(UserError, "photo.pdf is not a PDF file"):
            wizard.action_analyse()
        self.assertFalse(
            self.env["mrc.certification"].search([("candidate_id", "=", self.candidate.id)])
        )

    def test_uploaded_files_are_not_stored_or_indexed_before_they_are_read(self):
        """Adding a PDF to the wizard stores no attachment (Odoo would parse it to index it,
        with no limit); the self-referencing file Odoo's indexer loops on is then refused."""
        attachments = self.all_attachments()
        wizard = self.import_wizard([("loop.pdf", pdf_crafted.corpus()["selfref_mediabox"])])
        self.assertEqual(self.all_attachments(), attachments, "the upload became an attachment")
        with self.assertRaisesRegex(UserError, "loop.pdf is damaged"):
            wizard.action_analyse()

    def test_stored_files_are_indexed_with_the_text_the_import_read(self):
        """The certificate and the CV the wizard keeps carry, as index, the text the import
        read in its child process: Odoo does not parse them again."""
        wizard = self.import_wizard(
            [("certificado.pdf", self.spanish_certificate()), ("cv.pdf", self.two_column_cv())]
        )
        wizard.action_analyse()
        texts = {document.filename: document.text for document in wizard.document_ids}
        self.assertIn("CON-2023-00451", texts["certificado.pdf"], "the text read is kept")
        wizard.action_confirm()
        certification = self.env["mrc.certification"].search(
            [("candidate_id", "=", self.candidate.id)]
        )
        stored = self.env["ir.attachment"].search(
            [
                ("res_model", "=", "mrc.certification"),
                ("res_field", "=", "document"),
                ("res_id", "=", certification.id),
            ]
        )
        self.assertEqual(stored.index_content, texts["certificado.pdf"])
        cv = self.env["ir.attachment"].search(
            [("res_model", "=", "hr.candidate"), ("res_id", "=", self.candidate.id)]
        )
        self.assertEqual(cv.index_content, texts["cv.pdf"])

    def test_other_attachments_are_indexed_as_before(self):
        """Outside the import, Odoo indexes attachments as it always did."""
        attachment = self.env["ir.attachment"].create(
            {"name": "notes.txt", "raw": b"Welding notes for the file", "mimetype": "text/plain"}
        )
        self.assertIn("Welding notes", attachment.index_content)

    def test_a_file_put_on_a_certificate_by_hand_is_not_parsed_by_odoo(self):
        """A PDF a counsellor attaches to a certification by hand (not through the import) is
        stored but not parsed by Odoo's indexer, which reads PDFs in the server process with
        no limit (and loops forever on a self-referencing one)."""
        certification = self.certification().with_user(self.counsellor)
        certification.write(
            {"document": self.b64(self.spanish_certificate()), "document_name": "hand.pdf"}
        )
        stored = self.env["ir.attachment"].search(
            [
                ("res_model", "=", "mrc.certification"),
                ("res_field", "=", "document"),
                ("res_id", "=", certification.id),
            ]
        )
        self.assertEqual(len(stored), 1, "the file is stored")
        self.assertFalse(stored.index_content, "Odoo parsed the PDF to index it")
