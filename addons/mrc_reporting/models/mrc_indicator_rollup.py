"""Every indicator by each breakdown it allows, in a few grouped reads rolled up in Python.

The donor report needs each indicator's total and its rows by each single breakdown. Asked one
breakdown at a time (``_mrc_compute``), PostgreSQL aggregates the year's ~190,000 service rows
once per indicator and breakdown (about 250 reads). Here a grouped read groups by several
breakdowns at once and each breakdown (and the total) is summed from its grouped rows:

* counts and amounts add up across groups: the periods are read by month (quarter and year are
  sums of months), with the channel and a many2one or selection ``type``, in one grouping;
  the person's age band in a second; sex, nationality, corridor and status in a third;
* a many2many ``type`` (complaint categories) counts a record once per tag, so it is read
  alone and nothing else is summed from it;
* a distinct count adds up only across groups that split people, never records of one
  person: when it counts the person itself, the person breakdowns and the total come from the
  person groupings; each period, channel and type is a grouping of its own (the year of a
  period inside one calendar year is the total);
* amounts are summed per key, currency and day before the conversion, as ``_mrc_compute``
  converts them, so the rounding is the same.

An indicator's groupings are one query (``GROUPING SETS``, ``_mrc_read_group_sets``): one scan
of its records and their joins instead of one per grouping. Migrants served and the indicators
counting the same services are read together (``mrc_indicator_sets.py``).

Same rows as ``_mrc_compute(date_from, date_to, (breakdown,))`` (the donor tests compare them).
"""

from collections import defaultdict
from operator import itemgetter

from odoo import api, fields, models
from odoo.exceptions import UserError

from .indicator_specs import PERIODS, SPECS, allowed_breakdowns
from .mrc_indicator import MANAGER_GROUP

PERSON_SPLIT = (("age_band",), ("sex", "nationality", "corridor", "migration_status"))


class MrcIndicator(models.Model):
    _inherit = "mrc.indicator"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _mrc_compute_each(self, date_from, date_to, filters=None):
        """``{"": totals, breakdown: {code: rows}}``: every active indicator without breakdown
        and by each breakdown it allows, as ``_mrc_compute`` gives them one at a time."""
        self.env["mrc.guard.mixin"]._mrc_require_group(
            MANAGER_GROUP, self.env._("Only managers compute the M&E indicators.")
        )
        date_from = fields.Date.to_date(date_from)
        date_to = fields.Date.to_date(date_to)
        if not date_from or not date_to or date_from > date_to:
            raise UserError(self.env._("Give a period whose start is not after its end."))
        base = {
            "date_from": date_from,
            "date_to": date_to,
            "filters": filters or {},
            "breakdowns": (),
            "cache": {},
        }
        codes = self.search([("code", "!=", False)]).mapped("code")
        per_code = self._mrc_family_rows(codes, base)
        for code in codes:
            if not SPECS[code].get("derived") and code not in per_code:
                per_code[code] = self._mrc_rolled_rows(code, base)
        result = {}
        for breakdown in (
            "",
            *dict.fromkeys(b for code in codes for b in allowed_breakdowns(code)),
        ):
            context = dict(base, breakdowns=(breakdown,) if breakdown else (), cache={})
            for code, rows in per_code.items():
                if breakdown in rows:
                    context["cache"][code] = rows[breakdown]
            wanted = [c for c in codes if not breakdown or breakdown in allowed_breakdowns(c)]
            result[breakdown] = {code: self._mrc_rows(code, context) for code in wanted}
        return result

    def _mrc_rolled_rows(self, code, context):
        """``{"" or breakdown: rows}`` for one indicator, from as few reads as it allows."""
        spec = SPECS[code]
        model = self.env[spec["model"]]
        names = allowed_breakdowns(code)
        measure = spec.get("measure", "__count")
        distinct = measure.endswith(":count_distinct")
        type_field = spec.get("type") and model._fields[spec["type"]]
        type_alone = bool(type_field) and type_field.type in ("many2many", "one2many")
        reads = []  # (names read together, names summed from them, total summed from them)
        persons = [tuple(n for n in group if n in names) for group in PERSON_SPLIT]
        persons = [group for group in persons if group]
        by_person = distinct and measure.split(":")[0] == spec.get("person")
        if spec.get("money"):
            # grouped by currency and day for the conversion, a read's rows are nearly its
            # records whatever else it groups by: every breakdown in one read
            reads.append((tuple(n for n in names if not (n == "type" and type_alone)), True))
        elif not distinct:
            first = [n for n in names if n in PERIODS or n == "channel"]
            if "type" in names and not type_alone:
                first.append("type")
            if first:
                reads.append((tuple(first), True))
            reads += [(group, True) for group in persons]
        else:
            if by_person:
                reads += [(group, True) for group in persons]
            person_names = {name for group in persons for name in group}
            if self._mrc_year_is_total(spec, model, by_person, context):
                person_names.add("year")  # the year's row is the total (see below)
            others = [
                name
                for name in names
                if not (name == "type" and type_alone) and not (by_person and name in person_names)
            ]
            reads += [((name,), False) for name in others]
        # the reads as one (GROUPING SETS), but a many2many type's: its join repeats each
        # record once per tag
        alone = [(("type",), False)] if type_alone else []
        result = {}
        for group in (reads, alone):
            if group:
                for name, rows in self._mrc_read_rollup(spec, group, context).items():
                    result.setdefault(name, rows)
        if "" not in result:
            result[""] = self._mrc_grouped_rows(spec, [], context)
        if (
            distinct
            and "year" in names
            and self._mrc_year_is_total(spec, model, by_person, context)
        ):
            total = result[""][0]["value"]
            year = f"{context['date_from'].year:04d}"
            result["year"] = [{"value": total, "year": year}] if total else []
        for name in names:
            if name not in result:
                result[name] = self._mrc_grouped_rows(spec, [name], context)
        return result

    @staticmethod
    def _mrc_year_is_total(spec, model, by_person, context):
        """A distinct count of people over a period within one calendar year, by a date (not a
        datetime, whose year follows the user's time zone): its one year row is its total,
        present when someone is counted (the person is required, so a record counts one)."""
        date = spec.get("date")
        return bool(
            by_person
            and date
            and not spec.get("person_optional")
            and model._fields[date].type == "date"
            and context["date_from"].year == context["date_to"].year
        )

    def _mrc_shared_read(self, spec, plans, context, share=True):
        """The rows of each read plan of ``plans`` (see ``_mrc_read_plan``; the same model,
        domain and aggregate, one grouping each) from one grouped read, shared with the
        indicators counting the same records by the same groups with another aggregate (the
        compensation claimed and awarded), or counting some of them (complaints resolved and
        settled among those received, see ``_mrc_subset_filter``): each aggregate any of them
        asks is read at once and kept for the others."""
        model, domain, _groupby, aggregates = plans[0]
        groupbys = [plan[2] for plan in plans]
        if len(aggregates) != 1 or not share:
            return self._mrc_read_group_sets(model, domain, groupbys, aggregates)
        shared = context.setdefault("shared_reads", {})
        grouping = tuple(tuple(groupby) for groupby in groupbys)
        key = (model._name, repr(domain), grouping)
        if (key, aggregates[0]) not in shared:
            wanted = {(key, aggregates[0]): None}  # (shared key, aggregate): its filter
            for other in SPECS.values():
                measure = other.get("measure", "__count")
                if (
                    other.get("model") != model._name
                    or (other.get("money") or ())[1:] != (spec.get("money") or ())[1:]
                ):
                    continue
                other_domain = repr(self._mrc_domain(model, other, context))
                if other_domain == key[1]:
                    wanted.setdefault((key, measure), None)
                    continue
                other_key = (model._name, other_domain, grouping)
                where = self._mrc_subset_filter(model, spec, other)
                if where is not None and (other_key, measure) not in shared:
                    wanted.setdefault((other_key, measure), where)
            aggregate_specs = [measure for (_key, measure) in wanted]
            sets = self._mrc_read_group_sets(
                model, domain, groupbys, aggregate_specs, list(wanted.values())
            )
            for index, (wanted_key, where) in enumerate(wanted.items()):
                # a filtered count is 0 in the groups without its records: they are not its
                shared[wanted_key] = [
                    [
                        (*row[: len(groupby)], row[len(groupby) + index])
                        for row in rows
                        if where is None or row[len(groupby) + index]
                    ]
                    for groupby, rows in zip(groupbys, sets, strict=True)
                ]
        return shared[(key, aggregates[0])]

    def _mrc_subset_filter(self, model, spec, other):
        """The SQL condition picking, among the records ``spec`` counts, those ``other`` counts,
        when ``other`` is ``spec`` with more conditions on the record itself (no join) and
        counts records or distinct values (a count is 0 exactly where it has no record); else
        ``None``."""
        base = list(spec.get("domain", []))
        more = list(other.get("domain", []))
        measure = other.get("measure", "__count")
        if (
            other.get("money")
            or not (measure == "__count" or measure.endswith(":count_distinct"))
            or dict(other, domain=base, measure=None) != dict(spec, domain=base, measure=None)
            or more[: len(base)] != base
            or len(more) == len(base)
            or not all(isinstance(leaf, tuple | list) for leaf in more[len(base) :])
        ):
            return None
        query = model._search(more[len(base) :])
        if query._joins or query.is_empty():
            return None
        return query.where_clause

    def _mrc_read_rollup(self, spec, reads, context, share=True):
        """The rows of each breakdown of ``reads`` (``[(breakdowns, summable)]``) and the total
        (from the first summable one), from one grouped read by each list of breakdowns (see
        ``_mrc_read_group_sets``; periods by month when summable): only the breakdowns read
        when not ``summable``. ``share``: the read may serve other indicators (see
        ``_mrc_shared_read``)."""
        plans = [
            self._mrc_read_plan(spec, read, context, by_month=summable) for read, summable in reads
        ]
        result = {}
        sets = self._mrc_shared_read(spec, plans, context, share)
        for (read, summable), plan, rows in zip(reads, plans, sets, strict=True):
            outputs = [*read, ""] if summable and "" not in result else list(read)
            for name, name_rows in self._mrc_roll(spec, plan[2], rows, outputs, context).items():
                result.setdefault(name, name_rows)
        return result

    def _mrc_roll(self, spec, groupby, rows, outputs, context):
        """The rows of each breakdown of ``outputs`` ("": the total) summed from grouped rows
        (by ``groupby``, periods by month when ``outputs`` has the total)."""
        date = spec.get("date")
        money = spec.get("money")
        summable = "" in outputs
        totals = {name: defaultdict(float) for name in outputs}
        # a label depends on a few group columns: computed once per distinct value of them
        readers = []  # (name, the value of its columns in a row, its labels, its sums)
        for name in outputs:
            if name:
                fields_read = self._mrc_groupby(
                    spec, "month" if summable and name in PERIODS else name
                )
                getter = itemgetter(*(groupby.index(field) for field in fields_read))
                readers.append((name, getter, {}, totals[name]))
        # amounts are summed per currency and day (the last two groups, see _mrc_read_plan)
        # and converted afterwards; counts are summed per label alone. Column by column: a
        # few thousand rows times each breakdown
        values = [row[-1] or 0.0 for row in rows]
        if money:
            at_currency, at_day = len(groupby) - 2, len(groupby) - 1
            extras = [(row[at_currency], row[at_day]) for row in rows]
        else:
            extras = [()] * len(rows)
        if summable:
            total = totals[""]
            for extra, value in zip(extras, values, strict=True):
                total[extra] += value
        for name, getter, labels, sums in readers:
            keys = list(map(getter, rows))
            for raw, row in zip(keys, rows, strict=True):
                if raw not in labels:
                    group_values = dict(zip(groupby, row[: len(groupby)], strict=True))
                    if summable and date and f"{date}:month" in group_values:
                        for period in PERIODS:
                            group_values[f"{date}:{period}"] = group_values[f"{date}:month"]
                    labels[raw] = self._mrc_label(spec, name, group_values, context)
            for raw, extra, value in zip(keys, extras, values, strict=True):
                sums[(labels[raw], *extra)] += value
        result = {}
        for name, sums in totals.items():
            if money:
                converted = defaultdict(float)
                for key, value in sums.items():
                    converted[key[:-2]] += self._mrc_convert(value, *key[-2:], context)
                sums = converted
            if not name:
                result[name] = [{"value": float(sums.get((), 0.0))}]
                continue
            result[name] = [
                {"value": float(value), name: key[0]}
                for key, value in sorted(sums.items(), key=lambda item: str(item[0]))
            ]
        return result
