"""The complaint pages of the portal and the public follow-up page, over HTTP, with this add-on
alone: a migrant's own complaints only, lodging one named or anonymous with evidence, CSRF,
NUL bytes, and an anonymous author following their complaint with the code they were given."""

import hashlib
import re
from datetime import timedelta

from odoo import Command, fields
from odoo.tests import HttpCase, new_test_user, tagged

from ..models.mrc_followup_attempt import FOLLOWUP_MAX_ATTEMPTS

CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')
CODE_RE = re.compile(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}")


@tagged("post_install", "-at_install")
class MrcComplaintPortalCase(HttpCase):
    """Two migrants with portal access (A and B), each with a named complaint against an
    agency, and a complaints officer."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        env = cls.env
        cls.officer = new_test_user(
            env,
            login="mrc_pc_officer",
            groups="base.group_user,mrc_recruiters.group_mrc_complaints",
        )
        cls.user_a = new_test_user(env, login="mrc_pc_migrant_a", groups="base.group_portal")
        cls.user_b = new_test_user(env, login="mrc_pc_migrant_b", groups="base.group_portal")
        cls.agency = env["res.partner"].create(
            {"name": "Fair Way Recruiting", "is_company": True, "mrc_is_agency": True}
        )
        cls.category = env.ref("mrc_recruiters.complaint_category_fees")
        cls.complaints = {
            key: env["mrc.complaint"].create(
                {
                    "partner_id": cls.agency.id,
                    "complainant_partner_id": user.partner_id.id,
                    "category_ids": [Command.set(cls.category.ids)],
                    "description": f"Secret narrative of migrant {key.upper()}",
                }
            )
            for key, user in (("a", cls.user_a), ("b", cls.user_b))
        }

    def _csrf(self, url="/my/complaints/new"):
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200, f"{url} should open to get a CSRF token")
        return CSRF_RE.search(response.text).group(1)

    def _form(self, **values):
        data = {
            "csrf_token": self._csrf(),
            "organisation_id": str(self.agency.id),
            "category_ids": str(self.category.id),
            "description": "They kept my passport.",
        }
        data.update(values)
        return data

    def _latest_complaint(self):
        return self.env["mrc.complaint"].sudo().search([], order="id desc", limit=1)

    def _count(self):
        return self.env["mrc.complaint"].sudo().search_count([])

    def _followup(self, code):
        token = self._csrf("/complaints/followup")
        return self.url_open("/complaints/followup", data={"csrf_token": token, "code": code})


class TestComplaintPages(MrcComplaintPortalCase):
    def test_own_complaints_only(self):
        """A migrant's list shows her complaints and not B's; B's page and a missing id answer
        404 without B's narrative."""
        self.authenticate("mrc_pc_migrant_a", "mrc_pc_migrant_a")
        own, other = self.complaints["a"], self.complaints["b"]
        listing = self.url_open("/my/complaints").text
        self.assertIn(own.name, listing)
        self.assertNotIn(other.name, listing, "B's complaint must not be listed for A")
        page = self.url_open(f"/my/complaints/{own.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Secret narrative of migrant A", page.text, "her own narrative is shown")
        for complaint_id in (other.id, 99999999):
            with self.subTest(complaint_id=complaint_id):
                response = self.url_open(f"/my/complaints/{complaint_id}")
                self.assertEqual(response.status_code, 404)
                self.assertNotIn("migrant B", response.text, "B's narrative leaked")

    def test_complaint_against_a_broker_names_the_broker(self):
        """A complaint naming only an individual broker shows the broker's name as who it is
        against, on the list and on its page (it used to show nothing)."""
        broker = self.env["res.partner"].with_user(self.officer).name_create("Ram the broker")[0]
        complaint = (
            self.env["mrc.complaint"]
            .with_user(self.officer)
            .create(
                {
                    "broker_id": broker,
                    "complainant_partner_id": self.user_a.partner_id.id,
                    "category_ids": [Command.set(self.category.ids)],
                    "description": "Took my passport",
                }
            )
        )
        self.assertFalse(complaint.partner_id)
        self.authenticate("mrc_pc_migrant_a", "mrc_pc_migrant_a")
        listing = self.url_open("/my/complaints")
        self.assertEqual(listing.status_code, 200)
        self.assertIn("Ram the broker", listing.text)
        page = self.url_open(f"/my/complaints/{complaint.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Ram the broker", page.text)

    def test_home_counts_own_complaints(self):
        """/my shows the complaints card, which counts the migrant's own complaints."""
        self.authenticate("mrc_pc_migrant_a", "mrc_pc_migrant_a")
        home = self.url_open("/my")
        self.assertEqual(home.status_code, 200)
        self.assertIn('href="/my/complaints"', home.text, "the complaints card")
        counters = self.make_jsonrpc_request("/my/counters", {"counters": ["mrc_complaint_count"]})
        self.assertEqual(counters["mrc_complaint_count"], 1, "one complaint of A")

    def test_nul_bytes_and_huge_ids_are_refused_cleanly(self):
        """A NUL byte or a number past PostgreSQL's integers in the path answers 404, a NUL in
        a form value is refused with the form's message (400), never a server error."""
        self.authenticate("mrc_pc_migrant_a", "mrc_pc_migrant_a")
        for path in ("/my/complaints/%00", "/my/complaints/99999999999999999999"):
            with self.subTest(path=path):
                self.assertEqual(self.url_open(path).status_code, 404)
        before = self._count()
        for values in ({"organisation_id": "\x00"}, {"description": "\x00"}):
            with self.subTest(form=values):
                response = self.url_open("/my/complaints/new", data=self._form(**values))
                self.assertEqual(response.status_code, 400)
                self.assertIn("o_mrc_error", response.text, "the form says what is wrong")
        self.assertEqual(self._count(), before, "nothing is created")

    def test_named_complaint_is_linked_to_the_migrant(self):
        """A named complaint records the migrant as complainant and opens on their portal,
        its narrative without the NUL characters PostgreSQL cannot store."""
        self.authenticate("mrc_pc_migrant_a", "mrc_pc_migrant_a")
        response = self.url_open(
            "/my/complaints/new", data=self._form(description="They kept\x00 my passport.")
        )
        self.assertEqual(response.status_code, 200)
        complaint = self._latest_complaint()
        self.assertEqual(complaint.complainant_partner_id, self.user_a.partner_id)
        self.assertEqual(complaint.description, "They kept my passport.")
        self.assertIn(complaint.name, response.text)

    def test_script_in_the_text_is_shown_as_text(self):
        """Script in a complaint's narrative is escaped on the page, never run."""
        self.authenticate("mrc_pc_migrant_a", "mrc_pc_migrant_a")
        script = "<script>alert('x')</script>"
        self.url_open("/my/complaints/new", data=self._form(description=script))
        text = self.url_open(f"/my/complaints/{self._latest_complaint().id}").text
        self.assertNotIn(script, text, "the script must not reach the page as markup")
        self.assertIn("&lt;script&gt;", text, "the script is shown as text")

    def test_wrong_type_evidence_is_refused(self):
        """Evidence that is not PDF, PNG or JPEG is refused with a clear message; no complaint
        is created."""
        self.authenticate("mrc_pc_migrant_a", "mrc_pc_migrant_a")
        before = self._count()
        response = self.url_open(
            "/my/complaints/new",
            data=self._form(),
            files={"attachments": ("run.exe", b"MZ\x90\x00binary", "application/octet-stream")},
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("only PDF, PNG and JPEG", response.text)
        self.assertEqual(self._count(), before)

    def test_evidence_limit_is_the_setting(self):
        """The evidence limit is the setting (its default on the settings field, 5 MB, shown on
        the form); a file over the limit set in Settings is refused and nothing is created."""
        self.env["ir.config_parameter"].sudo().set_param("mrc_recruiters.evidence_max_mb", False)
        self.assertEqual(
            self.env["res.config.settings"]._mrc_param("mrc_recruiters.evidence_max_mb"), 5.0
        )
        self.authenticate("mrc_pc_migrant_a", "mrc_pc_migrant_a")
        form = " ".join(self.url_open("/my/complaints/new").text.split())
        self.assertIn("files of 5 MB", form, "the form states the limit")
        self.env["res.config.settings"].create({"mrc_evidence_max_mb": 0.1}).execute()
        before = self._count()
        big = b"%PDF-1.4\n" + b"0" * 200_000
        response = self.url_open(
            "/my/complaints/new",
            data=self._form(),
            files={"attachments": ("big.pdf", big, "application/pdf")},
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("big.pdf is too large: the limit is 0.1 MB", response.text)
        self.assertEqual(self._count(), before)

    def test_complaint_without_csrf_token_is_refused(self):
        """A complaint posted without the CSRF token is refused with a message that says why;
        nothing is created."""
        self.authenticate("mrc_pc_migrant_a", "mrc_pc_migrant_a")
        before = self._count()
        data = self._form()
        del data["csrf_token"]
        response = self.url_open("/my/complaints/new", data=data)
        self.assertEqual(response.status_code, 400)
        self.assertIn("security token (CSRF) is missing or has expired", response.text)
        self.assertEqual(self._count(), before)

    def test_complaint_against_a_non_organisation_is_refused(self):
        """Only a registered employer or agency can be complained against."""
        self.authenticate("mrc_pc_migrant_a", "mrc_pc_migrant_a")
        response = self.url_open(
            "/my/complaints/new", data=self._form(organisation_id=str(self.user_b.partner_id.id))
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("Choose the employer or agency", response.text)


class TestAnonymousComplaintFollowup(MrcComplaintPortalCase):
    def _anonymous_complaint(self):
        complaint = self.env["mrc.complaint"].create(
            {
                "partner_id": self.agency.id,
                "is_anonymous": True,
                "category_ids": [Command.set(self.category.ids)],
                "description": "Hidden narrative",
            }
        )
        return complaint, complaint._mrc_issue_followup_code()

    def test_lodge_anonymously_then_follow_with_the_code(self):
        """A migrant lodges an anonymous complaint with evidence on the portal and is given a
        code once; the complaint keeps no link to her; anyone holding the code then reads its
        status on the public follow-up page, which follows the officer's decisions, and
        nothing else about it."""
        self.authenticate("mrc_pc_migrant_a", "mrc_pc_migrant_a")
        png = b"\x89PNG\r\n\x1a\n" + b"0" * 100
        response = self.url_open(
            "/my/complaints/new",
            data=self._form(is_anonymous="1"),
            files={"attachments": ("pho\x00to.png", png, "image/png")},
        )
        self.assertEqual(response.status_code, 200)
        code = CODE_RE.search(response.text)
        self.assertTrue(code, "a follow-up code is shown")
        complaint = self._latest_complaint()
        partner = self.user_a.partner_id
        self.assertTrue(complaint.is_anonymous)
        self.assertFalse(complaint.complainant_partner_id, "no complainant stored")
        self.assertNotEqual(complaint.create_uid, self.user_a, "the creator is not the author")
        self.assertNotIn(partner, complaint.message_follower_ids.partner_id, "not a follower")
        self.assertNotIn(partner, complaint.message_ids.author_id, "not a message author")
        self.assertEqual(complaint.attachment_ids.mapped("name"), ["photo.png"], "evidence")
        self.assertNotIn(self.user_a, complaint.attachment_ids.create_uid, "nor of evidence")
        self.assertNotIn(complaint.name, self.url_open("/my/complaints").text)
        self.assertEqual(self.url_open(f"/my/complaints/{complaint.id}").status_code, 404)
        # Later, from any browser, without logging in.
        self.authenticate(None, None)
        answer = self._followup(code.group(0).lower().replace("-", " "))
        self.assertEqual(answer.status_code, 200, "the code is redeemed, in any case or spacing")
        self.assertIn("Status of your complaint", answer.text)
        self.assertIn("New", answer.text)
        for secret in ("They kept my passport", self.agency.name, complaint.name):
            self.assertNotIn(secret, answer.text, f"the page must not show {secret}")
        complaint.with_user(self.officer).action_triage()
        self.assertIn("Triage", self._followup(code.group(0)).text, "the status follows")

    def test_code_issued_by_an_officer_is_redeemed(self):
        """The code an officer issues from the back office opens the same status."""
        complaint, code = self._anonymous_complaint()
        response = self._followup(code)
        self.assertEqual(response.status_code, 200)
        self.assertIn("Status of your complaint", response.text)
        self.assertNotIn("Hidden narrative", response.text)
        complaint.with_user(self.officer).action_issue_followup_code()
        self.assertEqual(self._followup(code).status_code, 404, "a new code replaces the old")

    def test_wrong_code_is_refused(self):
        """A wrong code, or one with a NUL byte, shows no complaint."""
        self._anonymous_complaint()
        for code in ("AAAA-BBBB-CCCC", "AB\x00CD"):
            with self.subTest(code=code):
                response = self._followup(code)
                self.assertEqual(response.status_code, 404)
                self.assertNotIn("Status of your complaint", response.text)

    def test_attempts_are_limited_per_address(self):
        """After the allowed number of attempts from one address, even the right code is
        refused until the window passes."""
        _complaint, code = self._anonymous_complaint()
        for _i in range(FOLLOWUP_MAX_ATTEMPTS):
            self.assertEqual(self._followup("AAAA-BBBB-CCCC").status_code, 404)
        response = self._followup(code)
        self.assertEqual(response.status_code, 429, "the limit must stop further attempts")
        self.assertIn("Too many attempts", response.text)
        self.assertNotIn("Status of your complaint", response.text)

    def test_addresses_are_kept_as_a_keyed_hmac(self):
        """An attempt stores the address only as an HMAC keyed with the database secret: not
        the address, not its plain SHA-256 (which can be reversed by trying every IPv4
        address), and a different key gives a different value."""
        address = "203.0.113.9"
        stored = self.env["mrc.followup.attempt"]._mrc_record(address).address_hash
        self.assertNotIn(address, stored, "the address is not stored in clear")
        self.assertNotEqual(stored, hashlib.sha256(address.encode()).hexdigest())
        self.env["ir.config_parameter"].sudo().set_param("database.secret", "another-secret")
        other = self.env["mrc.followup.attempt"]._mrc_record(address).address_hash
        self.assertNotEqual(stored, other, "the value depends on the database secret")

    def test_cron_purges_old_attempts(self):
        """The scheduled purge forgets attempts older than a day and keeps recent ones."""
        Attempt = self.env["mrc.followup.attempt"]
        old = Attempt._mrc_record("203.0.113.9")
        old.attempt_date = fields.Datetime.now() - timedelta(days=2)
        recent = Attempt._mrc_record("203.0.113.9")
        self.env.ref("mrc_recruiters.ir_cron_purge_followup_attempts").method_direct_trigger()
        self.assertFalse(old.exists(), "an old attempt is purged")
        self.assertTrue(recent.exists(), "a recent attempt is kept")

    def test_followup_without_csrf_token_is_refused(self):
        """The follow-up form posted without its CSRF token is refused with a clear message."""
        _complaint, code = self._anonymous_complaint()
        response = self.url_open("/complaints/followup", data={"code": code})
        self.assertEqual(response.status_code, 400)
        self.assertIn("security token (CSRF)", response.text)
        self.assertNotIn("Status of your complaint", response.text)
