"""The migrants-served family (served, returning, women, services given) in two reads.

The four indicators count the same service rows of the period: services given counts them,
migrants served counts their distinct migrants, returning and women the distinct migrants
served before the period or who are women. Counted per breakdown with ``COUNT(DISTINCT)``,
PostgreSQL sorts the year's ~190,000 service rows once per grouping (1.2 s of the indicator
set on the benchmark's 1,000,000 services, even as one ``GROUPING SETS`` read). A distinct
count of people is a plain count of rows once the rows are people:

* one read groups the period's services by migrant (``GROUP BY`` on the ORM's own query of
  migrants served: its domain, its joins), giving each migrant's number of services and the
  months they were served in, as bits of an integer (``bit_or``; 63 months per integer);
* the client cards are joined to those rows, and ``GROUPING SETS`` counts them by profile
  (sex, nationality, destination, status), by birth month (age band), by month bits, and in
  total: hash aggregates without a sort, the women and returning among them by ``FILTER``;
* each group of month bits adds its migrants once to each month, quarter and year it touches.

Services given by period and type are a plain count (a second grouped read). 0.4 s for the
family instead of 1.2 s; same rows as the one-breakdown-at-a-time computation (the donor
tests compare each block). Hand-written SQL only for the ``GROUPING SETS``, the bits and the
filters, which ``_read_group`` does not express; the rest is the ORM's query.
"""

from datetime import date

from odoo import fields, models
from odoo.osv import expression
from odoo.tools import SQL

from ..lib.periods import period_label
from .indicator_specs import PERIODS, SPECS, allowed_breakdowns
from .mrc_indicator_compute import PERSON_GROUPBY
from .mrc_indicator_rollup import PERSON_SPLIT

FAMILY = ("services_given", "migrants_served", "migrants_women", "migrants_returning")
PEOPLE = ("migrants_served", "migrants_women", "migrants_returning")
_AGE, PERSON = PERSON_SPLIT  # the person breakdowns: sex, nationality, corridor, status
# the services' groups of the person breakdowns (their mrc_rep_* fields), read on the cards
PROFILE = tuple(dict.fromkeys(spec for name in PERSON for spec in PERSON_GROUPBY[name]))
(BIRTH,) = PERSON_GROUPBY["age_band"]
MONTHS_PER_MASK = 63
LABELS = SPECS["services_given"]


def _month_index(day):
    return day.year * 12 + day.month - 1


class MrcIndicator(models.Model):
    _inherit = "mrc.indicator"  # pylint: disable=consider-merging-classes-inherited

    def _mrc_family_applies(self, codes):
        """Whether the family's specs have the shape these reads compute."""
        served = SPECS["migrants_served"]
        model = self.env[served["model"]]
        return (
            all(code in codes for code in FAMILY)
            and served["model"] == "mrc.candidate.service"
            and model._fields[served["date"]].type == "date"
            and served.get("measure") == "candidate_id:count_distinct"
            and not served.get("domain")
            and SPECS["migrants_returning"] == dict(served, returning=True)
            and SPECS["migrants_women"]
            == dict(served, domain=[("candidate_id.mrc_gender", "=", "female")])
            and SPECS["services_given"] == dict(served, measure="__count", type="service_type")
        )

    def _mrc_family_rows(self, codes, context):
        """``{code: {"" or breakdown: rows}}`` of the family, as ``_mrc_rolled_rows`` gives
        them; ``{}`` when the family's specs do not have the shape these reads compute."""
        if not self._mrc_family_applies(codes):
            return {}
        spec = SPECS["migrants_served"]
        model = self.env[spec["model"]].sudo().with_context(active_test=False)
        domain = self._mrc_domain(model, spec, context)
        sums = {code: {} for code in FAMILY}
        allowed = {code: {"", *allowed_breakdowns(code)} for code in FAMILY}
        if not expression.is_false(model, domain):
            for row in self._mrc_family_read(model, domain, context):
                self._mrc_family_add(row, sums, allowed, context)
        result = {code: {} for code in FAMILY}
        for code in FAMILY:
            result[code][""] = [{"value": float(sums[code].get("", {}).get((), 0.0))}]
            for name in allowed_breakdowns(code):
                rows = sums[code].get(name, {})
                result[code][name] = [
                    {"value": float(value), name: key[0]}
                    for key, value in sorted(rows.items(), key=lambda item: str(item[0]))
                    if value
                ]
        # services given by period and type: a count of rows, no person in it
        given = self._mrc_read_rollup(
            SPECS["services_given"], [((*PERIODS, "type"), True)], context, share=False
        )
        for name in (*PERIODS, "type"):
            result["services_given"][name] = [row for row in given[name] if row["value"]]
        return result

    def _mrc_family_read(self, model, domain, context):
        """``(set, profile values, month bits, (services, served, women, returning))`` of
        each group of the read described in the module's docstring."""
        first = _month_index(context["date_from"])
        months = _month_index(context["date_to"]) - first + 1
        masks = (months + MONTHS_PER_MASK - 1) // MONTHS_PER_MASK
        services = model._search(domain)
        # columns through _field_to_sql: execute_query flushes what they read
        migrant = model._field_to_sql(services.table, "candidate_id", services)
        # the month of the period a service falls in (0 for the first), by a binary search in
        # the months' first days: cheaper than date arithmetic on each of the ~190,000 rows
        starts = [
            fields.Date.to_string(date(month // 12, month % 12 + 1, 1))
            for month in range(first + 1, first + months)
        ]
        month = SQL(
            "width_bucket(%s, %s::date[])",
            model._field_to_sql(services.table, "date", services),
            starts,
        )
        if masks == 1:
            bits = [SQL("bit_or(1::bigint << %s) AS mask_0", month)]
        else:
            bits = [
                SQL(
                    "bit_or(CASE WHEN %s / %s = %s THEN 1::bigint << mod(%s, %s) ELSE 0 END) AS %s",
                    month,
                    MONTHS_PER_MASK,
                    index,
                    month,
                    MONTHS_PER_MASK,
                    SQL.identifier(f"mask_{index}"),
                )
                for index in range(masks)
            ]
        services.groupby = migrant
        per_migrant = services.select(
            SQL("%s AS migrant", migrant), SQL("COUNT(*) AS services"), *bits
        )
        cards = self.env["hr.candidate"].sudo().with_context(active_test=False)
        query = cards._search([])
        query.add_join(
            "JOIN",
            "per_migrant",
            SQL("(%s)", per_migrant),
            SQL(
                "%s = %s",
                SQL.identifier("per_migrant", "migrant"),
                SQL.identifier(query.table, "id"),
            ),
        )
        # the cards' fields the services' mrc_rep_* fields are related to
        profile = [
            cards._read_group_groupby(self._mrc_card_spec(model, spec), query) for spec in PROFILE
        ]
        birth = cards._read_group_groupby(self._mrc_card_spec(model, BIRTH), query)
        mask_terms = [SQL.identifier("per_migrant", f"mask_{index}") for index in range(masks)]
        columns = [*profile, birth, *mask_terms]
        query.groupby = SQL(
            "GROUPING SETS ((%s), (%s), (%s), ())",
            SQL(", ").join(profile),
            birth,
            SQL(", ").join(mask_terms),
        )
        gender = profile[PROFILE.index(PERSON_GROUPBY["sex"][0])]
        returning = SQL(
            "%s < %s",
            cards._field_to_sql(query.table, "mrc_first_service_date", query),
            fields.Date.to_string(context["date_from"]),
        )
        rows = self.env.execute_query(
            query.select(
                *columns,
                SQL("GROUPING(%s)", SQL(", ").join(columns)),
                SQL("SUM(%s)", SQL.identifier("per_migrant", "services")),
                SQL("COUNT(*)"),
                SQL("COUNT(*) FILTER (WHERE %s = %s)", gender, "female"),
                SQL("COUNT(*) FILTER (WHERE %s)", returning),
            )
        )
        size, person = len(columns), len(profile)  # profile, birth, month bits
        # GROUPING(...) has a bit set, from the left, for each column a set leaves out
        left_out = {
            "person": range(person, size),
            "age_band": [*range(person), *range(person + 1, size)],
            "months": range(person + 1),
            "": range(size),
        }
        sets = {sum(1 << (size - 1 - i) for i in out): name for name, out in left_out.items()}
        for row in rows:
            name = sets[row[size]]
            values = dict(zip((*PROFILE, BIRTH), row[: person + 1], strict=True))
            yield name, values, row[person + 1 : size], row[size + 1 :]

    def _mrc_family_add(self, row, sums, allowed, context):
        """Add one group's counts to the rows of each breakdown it gives (of those
        ``allowed[code]`` lists for each code, "" for the total)."""
        name, values, masks, counts = row
        counts = dict(zip(FAMILY, (value or 0 for value in counts), strict=True))
        if name == "months":
            keys = self._mrc_family_periods(masks, context)
            codes = PEOPLE
        else:
            if name == "person":
                names = PERSON
            elif name == "age_band":
                names = ("age_band",)
            else:
                names = ("",)
            keys = [
                (breakdown, (self._mrc_label(LABELS, breakdown, values, context),))
                if breakdown
                else ("", ())
                for breakdown in names
            ]
            codes = FAMILY
        for breakdown, key in keys:
            for code in codes:
                if breakdown in allowed[code]:
                    rows = sums[code].setdefault(breakdown, {})
                    rows[key] = rows.get(key, 0) + counts[code]

    @staticmethod
    def _mrc_card_spec(model, spec):
        """The card's groupby spec of ``model``'s related groupby ``spec`` (``mrc_rep_gender``
        -> ``mrc_gender``, ``mrc_rep_birthdate:month`` -> ``mrc_birthdate:month``)."""
        name, _sep, granularity = spec.partition(":")
        path = model._fields[name].related.split(".")
        return ":".join(filter(None, (path[-1], granularity)))

    @staticmethod
    def _mrc_family_periods(masks, context):
        """``[(period, (label,))]``: each month, quarter and year the month bits touch, once."""
        first = _month_index(context["date_from"])
        labels = {}
        for index, mask in enumerate(masks):
            bit = 0
            mask = mask or 0
            while mask:
                if mask & 1:
                    month = first + index * MONTHS_PER_MASK + bit
                    start = date(month // 12, month % 12 + 1, 1)
                    for period in PERIODS:
                        labels[(period, (period_label(start, period),))] = None
                mask >>= 1
                bit += 1
        return list(labels)
