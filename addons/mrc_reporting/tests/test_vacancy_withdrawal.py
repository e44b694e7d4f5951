"""A vacancy's withdrawal as the staff see it: the liaison's "Withdraw" button and the daily
closing of expired vacancies record when and why; the vacancy form shows both, read-only, once
withdrawn; the vacancies' search filters and groups by them; the "Vacancies withdrawn"
indicator counts exactly what the filter lists, by the reason the form shows. All through
JSON-RPC as the signed-in user, the calls the web client makes."""

from datetime import date, timedelta

from lxml import etree

from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools.safe_eval import safe_eval

from odoo.addons.mrc_jobs.tests.common import MrcJobsFixtures
from odoo.addons.mrc_recruiters.tests.common import call_kw, rpc_error

from .common import by_key, total


@tagged("post_install", "-at_install")
class TestVacancyWithdrawal(MrcJobsFixtures, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = cls.env.company._mrc_today()
        groups = "base.group_user,mrc_recruiters.group_mrc_"
        cls.counsellor = new_test_user(cls.env, login="wd_counsellor", groups=groups + "counsellor")
        cls.liaison = new_test_user(cls.env, login="wd_liaison", groups=groups + "liaison")
        cls.manager = new_test_user(cls.env, login="wd_manager", groups=groups + "manager")
        # Demo minimum wages would make the fixture's wage a problem on publishing again.
        cls.env["mrc.minimum.wage"].search([]).unlink()
        cls.employer = cls._make_organisation("Withdrawal Farms", employer=True)
        cls.agency = cls._make_organisation("Withdrawal Recruiting", agency=True)
        cls.by_liaison = cls._make_vacancy("Withdrawn by the liaison")
        cls.expired = cls._make_vacancy("Closed at its deadline")
        cls.open = cls._make_vacancy("Still open")
        cls.action = cls.env.ref("mrc_jobs.hr_job_action_mrc")

    # -- the doors ------------------------------------------------------------------------

    def _as(self, user):
        self.authenticate(user.login, user.login)

    def _ok(self, model, method, args, kwargs=None):
        answer = call_kw(self, model, method, args, kwargs)
        self.assertIsNone(rpc_error(answer), f"{model}.{method}: {answer.get('error')}")
        return answer["result"]

    def _button(self, model, method, ids):
        """A form's button: the web client's ``call_button`` is ``call_kw`` of the method."""
        return self._ok(model, method, [ids])

    def _views(self):
        """The vacancy form and search views of the Vacancies menu, as the client loads them."""
        views = self._ok(
            "hr.job",
            "get_views",
            [],
            {
                "views": [
                    [self.env.ref("mrc_jobs.hr_job_view_form_mrc").id, "form"],
                    [self.action.search_view_id.id, "search"],
                ]
            },
        )["views"]
        return etree.fromstring(views["form"]["arch"]), etree.fromstring(views["search"]["arch"])

    def _withdraw(self):
        self._as(self.liaison)
        self._button("hr.job", "action_mrc_unpublish", [self.by_liaison.id])
        # The daily action closes the vacancies whose deadline has passed.
        self.expired.sudo().mrc_deadline = self.today - timedelta(days=1)
        return self.env["hr.job"]._mrc_cron_close_expired()

    def _indicator_by_reason(self):
        rows = (
            self.env["mrc.indicator"]
            .with_user(self.manager)
            ._mrc_compute_one("vacancies_withdrawn", date(2000, 1, 1), self.today, ("type",))
        )
        return {reason: value for reason, value in by_key(rows, "type").items() if value}

    # -- the tests ------------------------------------------------------------------------

    def test_form_shows_the_withdrawal_read_only_once_withdrawn(self):
        self._withdraw()
        for user in (self.counsellor, self.liaison, self.manager):
            self._as(user)
            form, __ = self._views()
            for name in ("mrc_withdrawn_date", "mrc_withdrawn_reason"):
                nodes = form.xpath(f"//field[@name='{name}']")
                self.assertEqual(len(nodes), 1, f"{user.login} sees {name} on the form")
                self.assertEqual(nodes[0].get("invisible"), "not mrc_withdrawn_date")
            spec = {"mrc_withdrawn_date": {}, "mrc_withdrawn_reason": {}, "mrc_is_published": {}}
            ids = [self.by_liaison.id, self.expired.id, self.open.id]
            records = {
                r["id"]: r for r in self._ok("hr.job", "web_read", [ids], {"specification": spec})
            }
            self.assertEqual(
                records[self.by_liaison.id]["mrc_withdrawn_date"], str(self.today), user.login
            )
            self.assertEqual(records[self.by_liaison.id]["mrc_withdrawn_reason"], "manual")
            self.assertEqual(records[self.expired.id]["mrc_withdrawn_reason"], "deadline")
            self.assertFalse(records[self.open.id]["mrc_withdrawn_date"], "hidden: not withdrawn")
            self.assertTrue(records[self.open.id]["mrc_is_published"])
        # Read-only: a counsellor cannot write vacancies at all, the liaison not these fields.
        fields = self._ok("hr.job", "fields_get", [["mrc_withdrawn_date", "mrc_withdrawn_reason"]])
        self.assertTrue(all(f["readonly"] for f in fields.values()))

    def test_filter_and_grouping_count_what_the_indicator_counts(self):
        before = self._indicator_by_reason()
        closed = self._withdraw()  # the demo may hold other expired vacancies
        self.assertGreaterEqual(closed, 1)
        after = self._indicator_by_reason()
        self.assertEqual(after.get("manual", 0) - before.get("manual", 0), 1)
        self.assertEqual(after.get("deadline", 0) - before.get("deadline", 0), closed)
        self._as(self.manager)
        __, search = self._views()
        (withdrawn,) = search.xpath("//filter[@name='filter_withdrawn']")
        (group_by,) = search.xpath("//filter[@name='groupby_withdrawn_reason']")
        self.assertEqual(safe_eval(group_by.get("context"))["group_by"], "mrc_withdrawn_reason")
        self.assertTrue(search.xpath("//field[@name='mrc_withdrawn_reason']"), "searchable")
        domain = safe_eval(self.action.domain) + safe_eval(withdrawn.get("domain"))
        listed = self._ok("hr.job", "web_search_read", [domain], {"specification": {"id": {}}})[
            "records"
        ]
        listed_ids = {r["id"] for r in listed}
        self.assertIn(self.by_liaison.id, listed_ids)
        self.assertIn(self.expired.id, listed_ids)
        self.assertNotIn(self.open.id, listed_ids)
        groups = self._ok(
            "hr.job",
            "web_read_group",
            [domain, ["mrc_withdrawn_reason"], ["mrc_withdrawn_reason"]],
        )["groups"]
        grouped = {g["mrc_withdrawn_reason"]: g["mrc_withdrawn_reason_count"] for g in groups}
        self.assertEqual(grouped, after, "the indicator counts what the filter lists")
        self.assertEqual(total([{"value": v} for v in grouped.values()]), len(listed_ids))

    def test_republished_vacancy_is_no_longer_withdrawn(self):
        self._withdraw()
        before = self._indicator_by_reason()
        self._as(self.liaison)
        self._button("hr.job", "action_mrc_publish", [self.by_liaison.id])
        spec = {"mrc_withdrawn_date": {}, "mrc_withdrawn_reason": {}, "mrc_is_published": {}}
        (record,) = self._ok("hr.job", "web_read", [[self.by_liaison.id]], {"specification": spec})
        self.assertTrue(record["mrc_is_published"])
        self.assertFalse(record["mrc_withdrawn_date"], "the form hides the old withdrawal")
        self.assertFalse(record["mrc_withdrawn_reason"])
        after = self._indicator_by_reason()
        self.assertEqual(after.get("manual", 0), before["manual"] - 1)
        self.assertEqual(after.get("deadline"), before["deadline"])
