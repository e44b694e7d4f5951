"""The migrants' vacancy list (``/my/vacancies``): its filter choices and total, cached
briefly, and the indexes of its sort orders.

Nearly every vacancy of a large database can be offered at once, so the list's sorted page
would otherwise read and sort all of them to show ten: with an index in each sort order of the
portal, PostgreSQL walks the index and stops after the page (measured on 20,000 vacancies:
34 ms to 0.1 ms for the newest ten).
"""

import logging
import os
import time

from odoo import api, fields, http, models, tools
from odoo.service import server as odoo_server
from odoo.tools import create_index

# How long the portal's filter choices may be reused (seconds) when no vacancy changed: a
# withdrawal by another record (a flagged employer, a lapsed licence) shows in the choices
# within this time; the list itself is always read afresh.
CHOICES_SECONDS = 60

# The templates the migrants' pages render (theirs and the portal layout's), compiled by the
# prefork master before it forks (see _register_hook).
PORTAL_TEMPLATES = (
    "mrc_jobs.portal_my_mrc_vacancies",
    "mrc_jobs.portal_my_mrc_vacancy",
    "mrc_jobs.portal_my_mrc_matches",
    "mrc_jobs.portal_my_mrc_match",
    "mrc_jobs.mrc_portal_wage",
    "mrc_recruiters.mrc_portal_alerts",
    "portal.portal_layout",
    "portal.frontend_layout",
    "portal.portal_searchbar",
    "portal.portal_breadcrumbs",
    "portal.pager",
    "portal.user_dropdown",
    "portal.language_selector",
    "portal.placeholder_user_sign_in",
    "web.brand_promotion",
    "web.brand_promotion_message",
    "web.conditional_assets_tests",
)

_logger = logging.getLogger(__name__)


class HrJob(models.Model):
    _inherit = "hr.job"  # pylint: disable=consider-merging-classes-inherited

    # The list's search ("Job or city") looks for a word anywhere in the title or the city:
    # trigram indexes serve it when the database has pg_trgm (CREATE EXTENSION pg_trgm; the
    # title's index comes with hr, Odoo leaves both out without the extension).
    mrc_city = fields.Char(index="trigram")

    def init(self):
        result = super().init()
        # the portal's "Newest" order: create_date desc, id desc
        create_index(
            self.env.cr,
            "hr_job_mrc_portal_newest_index",
            self._table,
            ["create_date DESC", "id DESC"],
        )
        # the portal's "Deadline" order: mrc_deadline asc, id
        create_index(
            self.env.cr, "hr_job_mrc_portal_deadline_index", self._table, ["mrc_deadline", "id"]
        )
        # the stamp of the cached filter choices: max(write_date) from the index's end
        create_index(self.env.cr, "hr_job_mrc_portal_stamp_index", self._table, ["write_date"])
        return result

    def _register_hook(self):
        result = super()._register_hook()
        # Odoo maps the add-ons' static folders on the first request whose path has four
        # parts (/my/vacancies/page/2), reading every add-on's manifest: 0.4-0.9 s of CPU in
        # each new prefork worker, paid again by each worker that replaces a recycled one.
        # Mapped here, when the registry loads, the prefork master maps them once before it
        # forks, and every worker inherits the map (it depends on the add-ons path only).
        http.root.statics  # noqa: B018  # pylint: disable=pointless-statement
        # Each worker also builds its routing map on its first request and compiles every
        # template on its first page (0.2-0.45 s of CPU and 85 queries instead of 12 for the
        # first vacancy list): the prefork master does both before forking, and its workers
        # inherit them (only there: a threaded server, a test run or a worker reloading a
        # registry does them on first use).
        server = odoo_server.server
        if isinstance(server, odoo_server.PreforkServer) and server.pid == os.getpid():
            self.env["ir.http"].routing_map()
            self._mrc_compile_portal_templates()
        return result

    def _mrc_compile_portal_templates(self):
        """Compile :data:`PORTAL_TEMPLATES` in every installed language, into the registry's
        template cache (as a request would, with no other context key)."""
        for code, _name in self.env["res.lang"].get_installed():
            qweb = self.env["ir.qweb"].with_context(lang=code)
            for template in PORTAL_TEMPLATES:
                try:
                    qweb._compile(template)
                except Exception:  # a missing or broken template: compiled on use, as usual
                    _logger.warning("Could not compile %s ahead of use", template, exc_info=True)

    @api.model
    def _mrc_portal_filter_choices(self, domain):
        """What the portal's vacancy list shows beside the vacancies of ``domain`` readable by
        the current user: the countries, occupations and sectors (level-1 occupations) they
        offer, the filter choices, and how many they are, the unfiltered list's pager total.

        Reading them groups and counts every offered vacancy (about 20 ms on 20,000), so they
        are cached for this database per reader's rules, ``domain``, language and day, until
        a vacancy is created or changed (the highest id and ``write_date``, read through
        indexes), and for at most ``CHOICES_SECONDS``: a vacancy deleted, or withdrawn by
        another record (a flagged employer, a lapsed licence), leaves the choices and the
        total within that time; the list itself is always read afresh. Only ids, names and
        the count are cached.

        :return: a dict: ``countries`` (sorted by name), ``occupations`` and ``sectors``
            (sorted by code), each a tuple of ``(id, name)`` pairs in the reader's language,
            and ``count``, the number of vacancies of ``domain``.
        """
        self.flush_model()
        self.env.cr.execute("SELECT max(id), max(write_date) FROM hr_job")
        stamp = self.env.cr.fetchone()
        rules = None if self.env.su else self.env["ir.rule"]._compute_domain(self._name, "read")
        key = (
            repr(domain),
            repr(rules),
            repr(stamp),
            self.env.lang,
            str(self.env.company._mrc_today()),
            int(time.time() // CHOICES_SECONDS),
        )
        countries, occupations, sectors, count = self._mrc_portal_filter_data(key, domain)
        return {
            "countries": countries,
            "occupations": occupations,
            "sectors": sectors,
            "count": count,
        }

    @tools.ormcache("key")
    def _mrc_portal_filter_data(self, key, domain):
        """The values behind :meth:`_mrc_portal_filter_choices` (``key`` holds the reader's
        rules and language, ``domain``, the day and the vacancies' stamp: equal keys give
        equal answers)."""
        groups = self._read_group(domain, ["mrc_country_id", "mrc_occupation_id"], ["__count"])
        count = sum(n for _country, _occupation, n in groups)
        countries = self.env["res.country"].union(*(c for c, _o, _n in groups))
        occupations = self.env["mrc.occupation"].union(*(o for _c, o, _n in groups))
        # a sector: a level-1 occupation on the path of one of them (itself or an ancestor)
        path_ids = {int(i) for o in occupations for i in (o.parent_path or "").split("/") if i}
        sectors = self.env["mrc.occupation"].search(
            [("level", "=", 1), ("id", "in", sorted(path_ids))]
        )

        def pairs(records, order):
            return tuple((r.id, r.name) for r in records.sorted(order))

        return (
            pairs(countries, "name"),
            pairs(occupations, "code"),
            pairs(sectors, "code"),
            count,
        )
