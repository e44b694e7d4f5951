"""Odoo's click-everywhere test over the MRC menus, as each back-office role, on the demo data.

The ``web`` add-on's clickbot (``@web/webclient/clickbot/clickbot_loader``, driven as
``odoo/addons/web/tests/test_click_everywhere.py`` drives it) opens the MRC app as the demo
manager, counsellor, liaison officer and complaints officer (password = login), then every
menu of it, every view of each action and every filter of each search view. Any error dialog,
failed RPC or JavaScript error fails the test: a menu that shows a role a view reading fields
or records it may not read is caught here. The test prints how many menus, views and filters
it opened (probes).
"""

import logging
import re

from suite_case import count_probes, suite_test

from odoo.tests import HttpCase

APP = "mrc_recruiters.menu_mrc_root"
ROLES = ("manager", "counsellor", "liaison", "officer")
CLICK_EVERYWHERE = (
    "odoo.loader.modules.get('@web/webclient/clickbot/clickbot_loader')"
    f".startClickEverywhere('{APP}');"
)


class ClickCounter(logging.Handler):
    """Counts what the clickbot reports in the browser console: menus, views, filters.
    (Not ``self.filters``: that is the list of logging filters of every handler.)"""

    FILTERS = re.compile(r"^Testing (\d+) filters")

    def __init__(self):
        super().__init__(logging.INFO)
        self.menus = self.views = self.filter_clicks = self.modals = 0

    def emit(self, record):
        message = record.getMessage()
        if message.startswith("Testing menu "):
            self.menus += 1
        elif message.startswith("Testing view switch"):
            self.views += 1
        elif message.startswith("Modal detected"):
            self.modals += 1
        elif match := self.FILTERS.match(message):
            self.filter_clicks += int(match.group(1))

    @property
    def total(self):
        return self.menus + self.views + self.filter_clicks


@suite_test("mrc_jobs", "post_install")
class TestClickEverywhere(HttpCase):
    allow_end_on_form = True

    def _click_everywhere(self, login):
        user = self.env["res.users"].search([("login", "=", login)])
        self.assertTrue(user, f"the demo user {login}")
        menus = self.env["ir.ui.menu"].with_user(user).load_menus(False)
        self.assertIn(
            APP, [menus[app]["xmlid"] for app in menus["root"]["children"]], "the MRC app"
        )
        logger = self._logger.getChild("browser")
        counter = ClickCounter()
        level = logger.level
        logger.setLevel(logging.INFO)
        logger.addHandler(counter)
        try:
            self.browser_js(
                "/odoo",
                CLICK_EVERYWHERE,
                "odoo.isReady === true",
                login=login,
                timeout=1200,
                success_signal="clickbot test succeeded",
            )
        finally:
            logger.removeHandler(counter)
            logger.setLevel(level)
        self.assertGreaterEqual(
            counter.menus, 2, f"the clickbot opened the MRC app and its menus as {login}"
        )
        count_probes(f"clickbot as {login} (menus, views, filters)", counter.total)
        print(
            f"\nmrc: clickbot as {login}: {counter.menus} menus, {counter.views} view switches, "
            f"{counter.filter_clicks} filters, {counter.modals} dialogs"
        )

    def test_click_everywhere_as_manager(self):
        """Every MRC menu, view and filter opens without error for the manager."""
        self._click_everywhere("manager")

    def test_click_everywhere_as_counsellor(self):
        """Every MRC menu, view and filter a counsellor sees opens without error."""
        self._click_everywhere("counsellor")

    def test_click_everywhere_as_liaison(self):
        """Every MRC menu, view and filter a liaison officer sees opens without error."""
        self._click_everywhere("liaison")

    def test_click_everywhere_as_complaints_officer(self):
        """Every MRC menu, view and filter a complaints officer sees opens without error."""
        self._click_everywhere("officer")
