"""Crafted and hostile PDFs through both doors of the suite, and mutated PDFs through the
library.

Every file of ``mrc_skills.tests.pdf_crafted.corpus()`` (built by code at test time:
self-referencing objects, page-tree chains of 10^5 and 10^7 leaves, loops in /Kids, missing and
short MediaBoxes, deep nesting, a FlateDecode bomb, an operator bomb, 200,000 characters,
encrypted and image-only files, renamed non-PDFs, polyglots, and valid controls) is uploaded on
the portal by a migrant (HTTP POST with the form's CSRF token) and analysed in the import wizard
by a counsellor (JSON-RPC through /web/dataset/call_kw). Each must be refused with a clear
message or read, within the limits of Settings, never answer a server error, and leave nothing
half written. A hypothesis run feeds mutated valid PDFs to the isolated reader.

Run alone: ``python3 -m pytest -s --odoo-database=DB --odoo-http tests/test_pdf_corpus.py``
(``-s`` shows the counts and the table of outcomes).
"""

import base64
import logging
import re
import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from suite_case import suite_test

from odoo import Command
from odoo.tests import HttpCase, new_test_user

from odoo.addons.mrc_recruiters.tests.common import call_kw, rpc_error
from odoo.addons.mrc_skills.lib import isolation, pdf
from odoo.addons.mrc_skills.tests import pdf_crafted, pdf_factory

_logger = logging.getLogger(__name__)
CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')
# Processor seconds each file may take in these tests (Settings; the default is 20).
CPU_SECONDS = 2
REFUSALS = {"odoo.exceptions.UserError", "odoo.exceptions.ValidationError"}


@suite_test("mrc_jobs", "post_install", "-at_install")
class TestPdfCorpus(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.env = env
        env["res.config.settings"].create(
            {"mrc_pdf_max_cpu_seconds": CPU_SECONDS, "mrc_pdf_max_memory_mb": 512}
        ).execute()
        cls.limits = env["mrc.pdf.import"]._mrc_limits()
        cls.counsellor = new_test_user(
            env,
            login="mrc_corpus_counsellor",
            groups="base.group_user,mrc_recruiters.group_mrc_counsellor",
        )
        cls.migrant_user = new_test_user(
            env, login="mrc_corpus_migrant", groups="base.group_portal"
        )
        env["hr.skill.type"].create(
            {
                "name": "Corpus trades",
                "skill_level_ids": [
                    Command.create({"name": "Beginner", "level_progress": 25}),
                    Command.create({"name": "Expert", "level_progress": 100}),
                ],
                "skill_ids": [Command.create({"name": "Welding"})],
            }
        )
        cls.migrant = env["hr.candidate"].create(
            {"partner_name": "Corpus Migrant", "partner_id": cls.migrant_user.partner_id.id}
        )
        cls.files = pdf_crafted.corpus()
        cls.outcomes = {}

    @classmethod
    def tearDownClass(cls):
        if cls.outcomes:
            lines = [f"{'file':28} {'door':7} {'s':>6}  outcome"]
            lines += [
                f"{name:28} {door:7} {seconds:6.2f}  {outcome}"
                for (name, door), (seconds, outcome) in sorted(cls.outcomes.items())
            ]
            table = "\n".join(lines)
            doors = {door for _name, door in cls.outcomes}
            total = (
                f"PDF corpus: {len(cls.files)} files, {len(cls.outcomes)} probes through "
                f"{len(doors)} doors ({', '.join(sorted(doors))})"
            )
            print(f"\nPDF corpus outcomes:\n{table}\n{total}")
            _logger.info("PDF corpus outcomes:\n%s\n%s", table, total)
        super().tearDownClass()

    # -- helpers -------------------------------------------------------------------------------

    def _counts(self):
        """What an upload may write: certifications, their attachments, and every attachment."""
        attachments = self.env["ir.attachment"].sudo()
        return (
            self.env["mrc.certification"].sudo().search_count([]),
            attachments.search_count(
                [("res_model", "=", "mrc.certification"), ("res_field", "=", "document")]
            ),
            # every attachment, those of binary fields (res_field set) included
            attachments.search_count(["|", ("res_field", "=", False), ("res_field", "!=", False)]),
        )

    def _check_time(self, name, seconds):
        self.assertLess(
            seconds,
            self.limits.wall_seconds + 15,
            f"{name} held the server {seconds:.1f} s, past the limits",
        )

    # -- tests ---------------------------------------------------------------------------------

    def test_corpus_through_the_portal_upload(self):
        """Every crafted file uploaded by a migrant on the portal is refused with a clear
        message (400, nothing written) or read (one submitted certification with its PDF,
        indexed with the text the suite read), within the limits, never a server error."""
        self.authenticate("mrc_corpus_migrant", "mrc_corpus_migrant")
        page = self.url_open("/my/certificates")
        self.assertEqual(page.status_code, 200, "the certificates page opens")
        token = CSRF_RE.search(page.text).group(1)
        read = 0
        for name, data in self.files.items():
            with self.subTest(file=name):
                before = self._counts()
                start = time.monotonic()
                response = self.url_open(
                    "/my/certificates/upload",
                    data={"csrf_token": token},
                    files={"document": (f"{name}.pdf", data, "application/pdf")},
                    timeout=120,
                )
                seconds = time.monotonic() - start
                after = self._counts()
                self.assertIn(response.status_code, (200, 400), f"{name}: {response.status_code}")
                if response.status_code == 400:
                    self.assertEqual(after, before, f"{name} was refused but wrote something")
                    message = re.search(r"alert-danger[^>]*>\s*(.*?)\s*<", response.text, re.S)
                    outcome = f"refused: {message.group(1)[:90] if message else '?'}"
                else:
                    self.assertEqual(
                        (after[0] - before[0], after[1] - before[1]),
                        (1, 1),
                        f"{name} was read: one certification and its PDF expected",
                    )
                    certification = self.env["mrc.certification"].search(
                        [("candidate_id", "=", self.migrant.id)], order="id desc", limit=1
                    )
                    attachment = (
                        self.env["ir.attachment"]
                        .sudo()
                        .search(
                            [
                                ("res_model", "=", "mrc.certification"),
                                ("res_field", "=", "document"),
                                ("res_id", "=", certification.id),
                            ]
                        )
                    )
                    self.assertIn(
                        "Welding", attachment.index_content or "", "indexed with the text read"
                    )
                    read += 1
                    outcome = f"read: certification {certification.state}"
                self._check_time(name, seconds)
                self.outcomes[name, "portal"] = (seconds, outcome)
        self.assertGreater(read, 0, "the valid controls are read")
        refused = len(self.files) - read
        print(
            f"\nPDF corpus, portal upload: {len(self.files)} files, {read} read, {refused} refused"
        )

    def test_corpus_through_the_import_wizard(self):
        """Every crafted file analysed by a counsellor in the import wizard is refused with a
        clear message (a UserError, nothing written) or read (proposals), within the limits,
        never a server error; no file is stored or indexed by Odoo on the way."""
        self.authenticate("mrc_corpus_counsellor", "mrc_corpus_counsellor")
        read = 0
        for name, data in self.files.items():
            with self.subTest(file=name):
                before = self._counts()
                answer = call_kw(
                    self,
                    "mrc.skill.import",
                    "create",
                    [
                        {
                            "candidate_id": self.migrant.id,
                            "document_ids": [
                                Command.create(
                                    {
                                        "filename": f"{name}.pdf",
                                        "data": base64.b64encode(data).decode(),
                                    }
                                )
                            ],
                        }
                    ],
                )
                if rpc_error(answer):
                    # an empty file is refused as soon as it is added (the file is required)
                    self.assertIn(rpc_error(answer), REFUSALS, f"{name}: {answer['error']}")
                    self.assertEqual(self._counts(), before, f"{name}: refused but written")
                    message = answer["error"]["data"]["message"]
                    self.outcomes[name, "wizard"] = (0.0, f"refused: {message}")
                    continue
                wizard_id = answer["result"]
                start = time.monotonic()
                answer = call_kw(
                    self, "mrc.skill.import", "action_analyse", [[wizard_id]], timeout=120
                )
                seconds = time.monotonic() - start
                self.assertEqual(self._counts(), before, f"{name}: the analysis wrote records")
                wizard = self.env["mrc.skill.import"].browse(wizard_id)
                if rpc_error(answer):
                    error = answer["error"]["data"]
                    self.assertIn(
                        rpc_error(answer),
                        REFUSALS,
                        f"{name}: a server error, not a refusal: {error.get('debug')}",
                    )
                    self.assertEqual(wizard.state, "upload", f"{name}: refused but moved on")
                    self.assertFalse(wizard.line_ids, f"{name}: refused but proposals were kept")
                    outcome = f"refused: {error['message'][:90]}"
                else:
                    self.assertEqual(wizard.state, "review", f"{name}: read but not proposed")
                    read += 1
                    outcome = f"read: {len(wizard.line_ids)} proposals"
                self._check_time(name, seconds)
                self.outcomes[name, "wizard"] = (seconds, outcome)
        self.assertGreater(read, 0, "the valid controls are read")
        refused = len(self.files) - read
        print(
            f"\nPDF corpus, import wizard: {len(self.files)} files, {read} read, {refused} refused"
        )


# -- mutated valid PDFs through the isolated reader ------------------------------------------

SEEDS = [
    pdf_crafted.one_page(),
    pdf_crafted.certificate("MUT-0001"),
    pdf_factory.table_pdf("Certificate", [["Competency", "Level"], ["Welding", "Advanced"]]),
]
SNIPPETS = [
    b"6 0 R",
    b"3 0 R",
    b"2 0 R",
    b"[",
    b"]",
    b"<<",
    b">>",
    b"/Kids [2 0 R 3 0 R]",
    b"/Count 99999999",
    b"/MediaBox [0 0 612]",
    b"/Length 9999999",
    b"/Filter /FlateDecode",
    b"endobj",
    b"stream\n",
    b"1e308",
    b"-0",
    b"\x00\xff",
]


@st.composite
def mutated_pdfs(draw):
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["flip", "insert", "delete", "duplicate", "truncate"]))
        at = draw(st.integers(0, len(data) - 1))
        if kind == "flip":
            data[at] = draw(st.integers(0, 255))
        elif kind == "insert":
            data[at:at] = draw(st.sampled_from(SNIPPETS))
        elif kind == "delete":
            del data[at : at + draw(st.integers(1, 64))]
        elif kind == "duplicate":
            data[at:at] = data[at : at + draw(st.integers(1, 256))]
        elif len(data) > 16:
            del data[max(at, 16) :]
    return bytes(data)


def test_mutated_pdfs_are_read_or_refused_by_the_isolated_reader():
    """A valid PDF with bytes flipped, inserted (references, brackets, counts), deleted,
    duplicated or cut is read or refused with the library's own error, within the limits:
    never another exception, never past the wall-clock wait."""
    limits = isolation.Limits(cpu_seconds=CPU_SECONDS)
    counts = {"read": 0, "refused": 0}

    @settings(
        max_examples=30,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
    @given(mutated_pdfs())
    def read_or_refuse(data):
        start = time.monotonic()
        try:
            isolation.read_isolated(data, limits)
            counts["read"] += 1
        except pdf.PdfError:
            counts["refused"] += 1
        assert time.monotonic() - start < limits.wall_seconds + 5, "the reader was not bounded"

    read_or_refuse()
    total = counts["read"] + counts["refused"]
    message = (
        f"PDF corpus, mutated PDFs (hypothesis): {total} files, {counts['read']} read, "
        f"{counts['refused']} refused"
    )
    print(f"\n{message}")
    _logger.info(message)
    assert total >= 20, "hypothesis ran too few examples"
