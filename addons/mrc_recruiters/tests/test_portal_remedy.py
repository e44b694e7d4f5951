"""The migrant confirms on her complaint's portal page that she received a payment ("I received
it"), over HTTP as she does: her own named complaint's money remedies only, by a POST with the
form's CSRF token, once. Every refusal says why and changes nothing."""

import re
from datetime import timedelta

from odoo import Command, fields
from odoo.tests import tagged

from .test_portal_complaints import CSRF_RE, MrcComplaintPortalCase

FORM_RE = r'action="/my/complaints/{complaint}/remedies/{remedy}/confirm"'


@tagged("post_install", "-at_install")
class TestPortalRemedy(MrcComplaintPortalCase):
    """A's complaint has a compensation paid (600), an apology and an older fee refund; B's a
    wages remedy; an anonymous complaint a compensation."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Remedy = cls.env["mrc.complaint.remedy"].with_user(cls.officer)
        complaint_a, complaint_b = cls.complaints["a"], cls.complaints["b"]
        cls.paid = Remedy.create(
            {"complaint_id": complaint_a.id, "kind": "compensation", "amount": 600.0}
        )
        cls.apology = Remedy.create({"complaint_id": complaint_a.id, "kind": "apology"})
        cls.refund = Remedy.create(
            {
                "complaint_id": complaint_a.id,
                "kind": "fee_refund",
                "amount": 150.0,
                "date": fields.Date.today() - timedelta(days=20),
            }
        )
        cls.wages_b = Remedy.create(
            {"complaint_id": complaint_b.id, "kind": "wages", "amount": 300.0}
        )
        cls.anonymous = (
            cls.env["mrc.complaint"]
            .sudo()
            .create(
                {
                    "partner_id": cls.agency.id,
                    "is_anonymous": True,
                    "category_ids": [Command.set(cls.category.ids)],
                    "description": "Anonymous narrative",
                }
            )
        )
        cls.paid_anonymous = Remedy.create(
            {"complaint_id": cls.anonymous.id, "kind": "compensation", "amount": 90.0}
        )
        cls.all_remedies = cls.paid | cls.apology | cls.refund | cls.wages_b | cls.paid_anonymous

    def setUp(self):
        super().setUp()
        self.authenticate("mrc_pc_migrant_a", "mrc_pc_migrant_a")

    # ------------------------------------------------------------------ helpers

    def _url(self, remedy, complaint=None):
        complaint = complaint or remedy.complaint_id
        return f"/my/complaints/{complaint.id}/remedies/{remedy.id}/confirm"

    def _post(self, remedy, complaint=None, csrf=True):
        data = {"confirm": "1"}
        if csrf:
            data["csrf_token"] = self._csrf()
        return self.url_open(self._url(remedy, complaint), data=data)

    def _state(self):
        """What each remedy holds and how many notes the complaints have, read afresh."""
        self.env.invalidate_all()
        remedies = self.all_remedies.sudo()
        return (
            [(r.id, r.is_confirmed, r.date_confirmed) for r in remedies],
            len((self.complaints["a"] | self.complaints["b"] | self.anonymous).message_ids),
        )

    def _confirmed_indicator(self):
        """The M&E indicator "compensation confirmed" today, when mrc_reporting is installed."""
        if "mrc.indicator" not in self.env:
            return None
        today = fields.Date.today()
        rows = self.env["mrc.indicator"]._mrc_compute_one(
            "compensation_confirmed", today - timedelta(days=1), today + timedelta(days=1)
        )
        return sum(row["value"] for row in rows)

    def assertRefused(self, response, status, message, before):
        self.assertEqual(response.status_code, status, response.text[:300])
        self.assertIn("o_mrc_error", response.text, "the page says what is wrong")
        self.assertIn(message, response.text)
        self.assertEqual(self._state(), before, "a refused confirmation changed something")

    # ------------------------------------------------------------------ allowed

    def test_migrant_confirms_a_payment(self):
        """A's page offers "I received it" for each payment not confirmed (not the apology);
        posting it confirms that payment today, notes it in the complaint's thread as written
        by her, and counts in "compensation confirmed"."""
        complaint = self.complaints["a"]
        page = self.url_open(f"/my/complaints/{complaint.id}")
        self.assertEqual(page.status_code, 200)
        for remedy, offered in ((self.paid, True), (self.refund, True), (self.apology, False)):
            with self.subTest(kind=remedy.kind):
                form = FORM_RE.format(complaint=complaint.id, remedy=remedy.id)
                self.assertEqual(bool(re.search(form, page.text)), offered)
        self.assertIn("I received it", page.text)
        self.assertTrue(CSRF_RE.search(page.text), "the form carries its CSRF token")
        indicator_before = self._confirmed_indicator()
        notes_before = len(complaint.message_ids)

        response = self._post(self.paid)
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.url.endswith(f"/my/complaints/{complaint.id}?confirmed=1"))
        self.assertIn("o_mrc_remedy_done", response.text)
        self.assertIn("You confirmed receiving it on", response.text)
        self.assertNotRegex(
            response.text, FORM_RE.format(complaint=complaint.id, remedy=self.paid.id)
        )

        self.env.invalidate_all()
        remedy = self.paid.sudo()
        today = fields.Date.context_today(remedy.with_user(self.user_a))
        self.assertTrue(remedy.is_confirmed)
        self.assertEqual(remedy.date_confirmed, today)
        self.assertFalse(self.refund.sudo().is_confirmed, "only the payment she confirmed")
        self.assertEqual(complaint.sudo().compensation_confirmed, 600.0)
        notes = complaint.sudo().message_ids[: len(complaint.message_ids) - notes_before]
        note = notes.filtered(lambda m: "confirmed on the portal" in m.body)
        self.assertEqual(len(note), 1, notes.mapped("body"))
        self.assertEqual(note.author_id, self.user_a.partner_id)
        self.assertIn("600", note.body)
        if indicator_before is not None:
            self.assertEqual(
                self._confirmed_indicator() - indicator_before,
                600.0,
                "a portal confirmation counts in the indicator 'compensation confirmed'",
            )

    # ------------------------------------------------------------------ refused

    def test_repeated_post_is_refused(self):
        """A second post for the same payment is refused and writes no second note."""
        self.assertEqual(self._post(self.refund).status_code, 200)
        before = self._state()
        self.assertRefused(self._post(self.refund), 400, "You already confirmed", before)

    def test_remedy_not_paid_is_refused(self):
        """An apology is not money paid: it is not confirmed on the portal."""
        before = self._state()
        self.assertRefused(self._post(self.apology), 400, "Only money paid to you", before)

    def test_another_migrants_remedy_is_refused(self):
        """B's payment, through A's complaint or through B's, and an id that does not exist
        are refused; B's payment stays unconfirmed."""
        before = self._state()
        complaint_a = self.complaints["a"]
        self.assertRefused(
            self._post(self.wages_b, complaint_a), 400, "not recorded on your complaint", before
        )
        self.assertRefused(self._post(self.wages_b), 404, "not one of your complaints", before)
        missing = self.wages_b.browse(2_000_000_000)
        self.assertRefused(
            self._post(missing, complaint_a), 400, "not recorded on your complaint", before
        )

    def test_anonymous_complaint_is_refused(self):
        """An anonymous complaint has no complainant: nobody confirms its payments here, and
        its page answers like another's."""
        before = self._state()
        self.assertRefused(
            self._post(self.paid_anonymous), 404, "not one of your complaints", before
        )

    def test_get_is_refused(self):
        """Opening the confirmation address (a link, an image, a prefetch) confirms nothing."""
        before = self._state()
        self.assertRefused(self.url_open(self._url(self.paid)), 405, "I received it", before)

    def test_missing_csrf_token_is_refused(self):
        """A post without the form's CSRF token (another site's form) is refused."""
        before = self._state()
        response = self._post(self.paid, csrf=False)
        self.assertEqual(response.status_code, 400)
        self.assertIn("security token (CSRF) is missing or has expired", response.text)
        self.assertEqual(self._state(), before)

    def test_staff_cannot_confirm_for_her(self):
        """The officer, signed in, cannot confirm a migrant's payment through this page."""
        self.authenticate(self.officer.login, self.officer.login)
        before = self._state()
        self.assertRefused(self._post(self.paid), 404, "not one of your complaints", before)
