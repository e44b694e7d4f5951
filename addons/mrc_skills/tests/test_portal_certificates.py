"""The certificate pages of the portal, over HTTP, with this add-on alone: a migrant's own
certificates only, the upload of a PDF through the certificate import, and clear refusals
(wrong type, too large, no client card, NUL bytes, no CSRF token), never a server error."""

import re

from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.mrc_recruiters.tests.common import rpc_error

from . import pdf_factory
from .common import MrcRpcMixin, MrcSkillsCase, use_own_taxonomy_only

CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')


@tagged("post_install", "-at_install")
class TestPortalCertificates(MrcSkillsCase, MrcRpcMixin, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        use_own_taxonomy_only(cls.env)
        cls.own = cls.certification(number="OWN-CERT-1")
        cls.other = cls.certification(
            candidate_id=cls.other_candidate.id,
            number="OTHER-CERT-9",
            document=cls.b64(pdf_factory.certificate_pdf("Other", ["Welding"])),
            document_name="other.pdf",
        )

    def setUp(self):
        super().setUp()
        self.authenticate("mrc_s_portal", "mrc_s_portal")

    def _upload(self, name, data, mimetype="application/pdf"):
        token = CSRF_RE.search(self.url_open("/my/certificates").text).group(1)
        return self.url_open(
            "/my/certificates/upload",
            data={"csrf_token": token},
            files={"document": (name, data, mimetype)},
        )

    def _count(self):
        return self.env["mrc.certification"].search_count([])

    def test_own_certificates_are_listed_and_opened(self):
        """The list shows the migrant's own certificate and not another person's; its page
        opens with its number; the home card counts it."""
        listing = self.url_open("/my/certificates")
        self.assertEqual(listing.status_code, 200)
        ids = {int(i) for i in re.findall(r'href="/my/certificates/(\d+)"', listing.text)}
        self.assertEqual(ids, set(self.own.ids), "only her own certificate is listed")
        page = self.url_open(f"/my/certificates/{self.own.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("OWN-CERT-1", page.text)
        counters = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["mrc_certification_count"]}
        )
        self.assertEqual(counters["mrc_certification_count"], 1)

    def test_another_persons_certificate_is_not_found(self):
        """Another person's certificate, a missing id and a number past PostgreSQL's integers
        answer 404 (the file 403 or 404), and JSON-RPC refuses to read it: nothing of it
        shows."""
        for url in (
            f"/my/certificates/{self.other.id}",
            "/my/certificates/99999999",
            "/my/certificates/99999999999999999999",
        ):
            with self.subTest(url=url):
                response = self.url_open(url)
                self.assertEqual(response.status_code, 404)
                self.assertNotIn("OTHER-CERT-9", response.text)
        response = self.url_open(f"/web/content/mrc.certification/{self.other.id}/document")
        self.assertIn(response.status_code, (403, 404), "another person's file")
        answer = self.rpc("mrc.certification", "read", [self.other.ids, ["number"]])
        self.assertEqual(rpc_error(answer), "odoo.exceptions.AccessError", "RPC read")
        self.assertNotIn("OTHER-CERT-9", str(answer))

    def test_nul_bytes_are_refused_or_dropped(self):
        """A NUL byte in the path answers 404; in the name of a file that is not a PDF, a clear
        400 naming the file without it; in the name of a good certificate, it is dropped and
        the certificate is imported."""
        self.assertEqual(self.url_open("/my/certificates/%00").status_code, 404)
        before = self._count()
        response = self._upload("cert\x00.pdf", b"\x89PNG\r\n\x1a\n")
        self.assertEqual(response.status_code, 400)
        self.assertIn("cert.pdf is not a PDF file", response.text)
        self.assertEqual(self._count(), before, "nothing is created")
        response = self._upload("weld\x00ing.pdf", self.spanish_certificate("CON-NUL-1"))
        self.assertEqual(response.status_code, 200, response.text[:500])
        certification = self.env["mrc.certification"].search([("number", "=", "CON-NUL-1")])
        self.assertEqual(certification.document_name, "welding.pdf")

    def test_pdf_goes_through_import_and_waits_for_verification(self):
        """A readable certificate is imported onto the migrant's card and waits for a
        counsellor."""
        response = self._upload("soldadura.pdf", self.spanish_certificate("CON-PORTAL-1"))
        self.assertEqual(response.status_code, 200, response.text[:500])
        self.assertIn("waits for a counsellor", response.text)
        certification = self.env["mrc.certification"].search([("number", "=", "CON-PORTAL-1")])
        self.assertEqual(certification.candidate_id, self.candidate)
        self.assertEqual(certification.state, "submitted", "it waits for verification")
        self.assertEqual(certification.skill_id, self.welding)

    def test_wrong_type_is_refused(self):
        """A file that is not a PDF is refused with a clear message; nothing is created."""
        before = self._count()
        response = self._upload("photo.pdf", b"\x89PNG\r\n\x1a\nnot a pdf")
        self.assertEqual(response.status_code, 400)
        self.assertIn("is not a PDF file", response.text)
        self.assertEqual(self._count(), before)

    def test_file_over_the_setting_is_refused(self):
        """A file over the largest PDF set in Settings is refused; nothing is created."""
        self.env["res.config.settings"].create({"mrc_pdf_max_size_mb": 0.1}).execute()
        before = self._count()
        response = self._upload("big.pdf", b"%PDF-1.4\n" + b"0" * 200_000)
        self.assertEqual(response.status_code, 400)
        self.assertIn("too large: the limit is 0.1 MB", response.text)
        self.assertEqual(self._count(), before)

    def test_migrant_without_a_card_is_told_why(self):
        """A portal user without a client card is told to ask the centre (400)."""
        new_test_user(self.env, login="mrc_s_cardless", groups="base.group_portal")
        self.authenticate("mrc_s_cardless", "mrc_s_cardless")
        response = self._upload("soldadura.pdf", self.spanish_certificate("CON-NOCARD-1"))
        self.assertEqual(response.status_code, 400)
        self.assertIn("Your client card is not ready yet", response.text)

    def test_upload_without_csrf_token_is_refused(self):
        """An upload without the CSRF token is refused with a message that says why."""
        response = self.url_open(
            "/my/certificates/upload",
            data={},
            files={"document": ("c.pdf", b"%PDF-1.4\n", "application/pdf")},
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("security token (CSRF)", response.text)
