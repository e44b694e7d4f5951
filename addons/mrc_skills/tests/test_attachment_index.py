"""PDFs attached through the chatter are indexed by the suite's bounded reader, not Odoo's."""

import json
import time

from odoo import http
from odoo.tests import HttpCase, new_test_user, tagged

from . import pdf_crafted

# Processor seconds a PDF may take in these tests (Settings; the default is 20).
CPU_SECONDS = 2


@tagged("post_install", "-at_install")
class TestChatterPdfIndex(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.config.settings"].create({"mrc_pdf_max_cpu_seconds": CPU_SECONDS}).execute()
        cls.limits = cls.env["mrc.pdf.import"]._mrc_limits()
        cls.counsellor = new_test_user(
            cls.env,
            login="mrc_index_counsellor",
            groups="base.group_user,mrc_recruiters.group_mrc_counsellor",
        )
        cls.card = cls.env["hr.candidate"].create({"partner_name": "Index Migrant"})

    def _attach_in_chatter(self, filename, data):
        """Upload ``data`` in the card's chatter and post it, as the counsellor's browser does
        (``/mail/attachment/upload``, then ``/mail/message/post``); return the attachment and
        the seconds the upload took."""
        start = time.monotonic()
        response = self.url_open(
            "/mail/attachment/upload",
            data={
                "csrf_token": http.Request.csrf_token(self),
                "is_pending": True,
                "thread_id": self.card.id,
                "thread_model": "hr.candidate",
            },
            files={"ufile": (filename, data, "application/pdf")},
            timeout=self.limits.wall_seconds + 30,
        )
        seconds = time.monotonic() - start
        self.assertEqual(response.status_code, 200, f"{filename}: the upload answered {response}")
        attachment_id = json.loads(response.content)["data"]["ir.attachment"][0]["id"]
        self.make_jsonrpc_request(
            "/mail/message/post",
            {
                "thread_model": "hr.candidate",
                "thread_id": self.card.id,
                "post_data": {"body": filename, "attachment_ids": [attachment_id]},
            },
        )
        attachment = self.env["ir.attachment"].sudo().browse(attachment_id)
        self.assertEqual(
            (attachment.res_model, attachment.res_id),
            ("hr.candidate", self.card.id),
            f"{filename} is not attached to the card's message",
        )
        return attachment, seconds

    def test_crafted_pdf_in_chatter_is_stored_without_index_text(self):
        """A self-referencing PDF (Odoo's indexer loops forever on it) and a page-tree chain
        declaring 10^5 pages (Odoo's indexer stored millions of characters from 1.4 KB) are
        stored when a counsellor attaches them on a client card, without index text (Odoo
        keeps only the file's type, as for any file it cannot read), within the PDF limits."""
        self.authenticate("mrc_index_counsellor", "mrc_index_counsellor")
        files = {
            "selfref_mediabox": pdf_crafted.one_page(
                page=pdf_crafted.page_with(MediaBox=b"6 0 R"), extra={6: b"6 0 R"}
            ),
            "chain_1e5": pdf_crafted.chain(5),
        }
        for name in files:
            with self.subTest(file=name):
                attachment, seconds = self._attach_in_chatter(f"{name}.pdf", files[name])
                self.assertEqual(attachment.mimetype, "application/pdf")
                self.assertEqual(attachment.raw, files[name], f"{name} was not stored whole")
                self.assertEqual(
                    attachment.index_content,
                    "application",
                    f"{name} was indexed with text read past the suite's reader",
                )
                self.assertLess(
                    seconds,
                    self.limits.wall_seconds + 15,
                    f"{name} held the server {seconds:.1f} s, past the limits",
                )

    def test_normal_pdf_in_chatter_gets_its_text_indexed(self):
        """A normal PDF attached in the chatter is indexed with its text, read by the suite's
        reader: a search of attachments by its words finds it."""
        self.authenticate("mrc_index_counsellor", "mrc_index_counsellor")
        attachment, _seconds = self._attach_in_chatter(
            "certificate.pdf", pdf_crafted.certificate("IDX-4242")
        )
        self.assertIn("Welding", attachment.index_content or "", "the text was not indexed")
        self.assertIn("IDX-4242", attachment.index_content or "", "the number was not indexed")
        found = self.env["ir.attachment"].search([("index_content", "ilike", "IDX-4242")])
        self.assertIn(attachment, found, "the attachment is not found by its text")
