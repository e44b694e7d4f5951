"""A withdrawn vacancy's portal page, asked for by a counsellor (an internal user, who may open
the migrants' /my pages): "not found", like for a migrant, answered with a handful of queries
whatever the data (the vacancy is looked up by id with the offered condition; a withdrawn one
stops at its own row). Once seen taking 12 s under heavy load; measured on the demo database
at 12 queries and 10-20 ms hot, 80 queries and 0.3 s on a server's first request (templates
loaded), and read-only: nothing it does waits on a lock."""

import time

from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.mrc_jobs.tests.common import MrcJobsFixtures

# Queries of one hot request: 11 measured in test mode (12 on a running server).
MAX_QUERIES = 20


@tagged("post_install", "-at_install")
class TestWithdrawnVacancyPortal(MrcJobsFixtures, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = cls.env.company._mrc_today()
        cls.counsellor = new_test_user(
            cls.env,
            login="wdp_counsellor",
            groups="base.group_user,mrc_recruiters.group_mrc_counsellor",
        )
        cls.liaison = new_test_user(
            cls.env,
            login="wdp_liaison",
            groups="base.group_user,mrc_recruiters.group_mrc_liaison",
        )
        cls.env["mrc.minimum.wage"].search([]).unlink()
        cls.employer = cls._make_organisation("Portal Withdrawal Farms", employer=True)
        cls.agency = cls._make_organisation("Portal Withdrawal Recruiting", agency=True)
        cls.offered = cls._make_vacancy("Offered to migrants")
        cls.withdrawn = cls._make_vacancy("Withdrawn by the liaison")
        cls.withdrawn.with_user(cls.liaison).action_mrc_unpublish()

    def _get(self, url):
        """GET ``url`` hot (twice before), returning the response, the queries and the CPU
        seconds of the measured request (server and client share this process)."""
        for __ in range(2):
            self.url_open(url, allow_redirects=False)
        queries = self.cr.sql_log_count
        cpu = time.process_time()
        response = self.url_open(url, allow_redirects=False)
        return response, self.cr.sql_log_count - queries, time.process_time() - cpu

    def test_counsellor_gets_not_found_quickly(self):
        self.assertTrue(self.withdrawn.mrc_withdrawn_date)
        self.authenticate(self.counsellor.login, self.counsellor.login)
        response, queries, cpu = self._get(f"/my/vacancies/{self.withdrawn.id}")
        self.assertEqual(response.status_code, 404)
        self.assertNotIn(self.withdrawn.name, response.text)
        self.assertLessEqual(queries, MAX_QUERIES, f"{queries} queries, {cpu:.3f} s CPU")
        # The same page of an offered vacancy, for comparison: shown, in as few queries.
        response, offered_queries, __ = self._get(f"/my/vacancies/{self.offered.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.offered.name, response.text)
        self.assertLessEqual(queries, offered_queries, "not found costs no more than found")
