from collections import defaultdict
from datetime import datetime, time, timedelta

from odoo import api, models
from odoo.osv import expression
from odoo.tools import SQL, float_round

from ..lib.periods import UNKNOWN, age_at, age_band, period_label
from .indicator_specs import PERIODS

# The person breakdowns read the related fields every counted model gets from mrc_reporting
# (``mrc_rep_*``): _read_group joins the client card, nothing is copied.
PERSON_GROUPBY = {
    "sex": ("mrc_rep_gender",),
    "age_band": ("mrc_rep_birthdate:month",),
    "nationality": ("mrc_rep_nationality_id",),
    "corridor": ("mrc_rep_nationality_id", "mrc_rep_destination_id"),
    "migration_status": ("mrc_rep_status",),
}


class MrcIndicator(models.Model):
    _inherit = "mrc.indicator"

    def _mrc_read_plan(self, spec, names, context, by_month=False):
        """What a grouped read of ``spec`` by the breakdowns ``names`` asks: the model (as
        superuser, archived records included), the domain, the groupby (periods by month when
        ``by_month``; amounts also by currency and day, to convert them at each record's date)
        and the aggregates."""
        model = self.env[spec["model"]].sudo().with_context(active_test=False)
        groupby = []
        for name in names:
            read_as = "month" if by_month and name in PERIODS else name
            for field in self._mrc_groupby(spec, read_as):
                if field not in groupby:
                    groupby.append(field)
        money = spec.get("money")
        if money:
            amount, currency, day = money
            groupby += [currency, f"{day}:day"]
            aggregates = [f"{amount}:sum"]
        else:
            aggregates = [spec.get("measure", "__count")]
        return model, self._mrc_domain(model, spec, context), groupby, aggregates

    @staticmethod
    def _mrc_empty_values(model, specs):
        """What ``_read_group`` gives for a NULL of each of ``specs``, ``False`` for records."""
        empty = (model._read_group_empty_value(spec) for spec in specs)
        return [False if isinstance(value, models.BaseModel) else value for value in empty]

    @staticmethod
    def _mrc_selects(model, query, aggregates, filters):
        """The aggregates' SQL, each counting only the records of its filter (``None``: all)."""
        selects = [model._read_group_select(spec, query) for spec in aggregates]
        return [
            SQL("%s FILTER (WHERE %s)", select, where) if where is not None else select
            for select, where in zip(selects, filters or [None] * len(selects), strict=True)
        ]

    @api.model
    def _mrc_read_group_ids(self, model, domain, groupby, aggregates, filters=None):
        """``model._read_group(domain, groupby, aggregates)`` with the ids of relational groups
        (``False`` when empty) instead of records: the same query, built by the ORM's own
        ``_search``, ``_read_group_groupby`` and ``_read_group_select``, and the same values
        otherwise. The indicators only key their rows by these ids, and a record per group value
        is what made the grouped reads slow (0.37 s for the ~80,000 group values the indicator
        set reads on the benchmark's 1,000,000 services)."""
        model.browse().check_access("read")
        if expression.is_false(model, domain):
            return []
        query = model._search(domain)
        terms = [model._read_group_groupby(spec, query) for spec in groupby]
        if terms:
            query.groupby = SQL(", ").join(terms)
        selects = self._mrc_selects(model, query, aggregates, filters)
        rows = model.env.execute_query(query.select(*terms, *selects))
        empty = self._mrc_empty_values(model, (*groupby, *aggregates))
        return [
            tuple(empty[index] if value is None else value for index, value in enumerate(row))
            if None in row
            else row
            for row in rows
        ]

    @api.model
    def _mrc_read_group_sets(self, model, domain, groupbys, aggregates, filters=None):
        """``[_mrc_read_group_ids(model, domain, groupby, aggregates) for groupby in
        groupbys]`` from one read: PostgreSQL's ``GROUPING SETS`` groups the records by each
        list in one scan of them and their joins (``_read_group`` groups by one list). Only
        the ``GROUPING SETS`` clause is written here; the query, its groups and aggregates are
        the ORM's. A many2many group joins a record once per tag: read it alone. ``filters``:
        an SQL condition (or ``None``) per aggregate, which then counts only those records."""
        if len(groupbys) == 1:
            return [self._mrc_read_group_ids(model, domain, groupbys[0], aggregates, filters)]
        model.browse().check_access("read")
        if expression.is_false(model, domain):
            return [[] for _groupby in groupbys]
        query = model._search(domain)
        columns = list(dict.fromkeys(spec for groupby in groupbys for spec in groupby))
        terms = {spec: model._read_group_groupby(spec, query) for spec in columns}
        query.groupby = SQL(
            "GROUPING SETS (%s)",
            SQL(", ").join(
                SQL("(%s)", SQL(", ").join(terms[spec] for spec in groupby)) for groupby in groupbys
            ),
        )
        selects = self._mrc_selects(model, query, aggregates, filters)
        grouping = SQL("GROUPING(%s)", SQL(", ").join(terms.values())) if terms else SQL("0")
        rows = model.env.execute_query(query.select(*terms.values(), grouping, *selects))
        size = len(columns)
        # GROUPING(...) sets a bit, from the left, for each column a set leaves out
        sets = {
            sum(1 << (size - 1 - i) for i, spec in enumerate(columns) if spec not in groupby): (
                index,
                [columns.index(spec) for spec in groupby],
            )
            for index, groupby in enumerate(groupbys)
        }
        if len(sets) != len(groupbys):
            raise ValueError(f"Grouping sets read twice: {groupbys!r}")
        empty = self._mrc_empty_values(model, (*columns, *aggregates))
        empty.insert(size, 0)  # the GROUPING column
        result = [[] for _groupby in groupbys]
        for row in rows:
            if None in row:
                row = tuple(empty[i] if value is None else value for i, value in enumerate(row))
            index, positions = sets[row[size]]
            result[index].append((*(row[i] for i in positions), *row[size + 1 :]))
        return result

    def _mrc_grouped_rows(self, spec, applied, context):
        """One grouped read over the spec's model, folded into rows keyed by ``applied``."""
        model, domain, groupby, aggregates = self._mrc_read_plan(spec, applied, context)
        money = spec.get("money")
        totals = defaultdict(float)
        for row in self._mrc_read_group_ids(model, domain, groupby, aggregates):
            values = dict(zip(groupby, row[: len(groupby)], strict=True))
            value = row[-1] or 0.0
            if money:
                value = self._mrc_convert(value, row[-3], row[-2], context)
            key = tuple(self._mrc_label(spec, name, values, context) for name in applied)
            totals[key] += value
        if not applied:
            return [{"value": float(totals.get((), 0.0))}]
        return [
            {"value": float(value), **dict(zip(applied, key, strict=True))}
            for key, value in sorted(totals.items(), key=lambda item: str(item[0]))
        ]

    def _mrc_groupby(self, spec, name):
        if name in PERIODS:
            return (f"{spec['date']}:{name}",)
        if name in PERSON_GROUPBY:
            return PERSON_GROUPBY[name]
        return (spec[name],)

    def _mrc_label(self, spec, name, values, context):
        if name in PERIODS:
            return period_label(values[f"{spec['date']}:{name}"], name)
        if name == "sex":
            return values["mrc_rep_gender"] or UNKNOWN
        if name == "age_band":
            return age_band(age_at(values["mrc_rep_birthdate:month"], context["date_to"]))
        if name == "nationality":
            return values["mrc_rep_nationality_id"] or False
        if name == "corridor":
            return self._mrc_corridor_id(
                values["mrc_rep_nationality_id"], values["mrc_rep_destination_id"], context
            )
        if name == "migration_status":
            return values["mrc_rep_status"] or UNKNOWN
        value = values[spec[name]]
        return value if value is not None else False

    def _mrc_corridor_id(self, origin, destination, context):
        """The corridor from country id ``origin`` to ``destination`` (``False``: none)."""
        if "corridors" not in context:
            corridors = self.env["mrc.corridor"].sudo().with_context(active_test=False)
            context["corridors"] = {
                (origin.id, destination.id): corridor_id
                for origin, destination, corridor_id in corridors._read_group(
                    [], ["origin_country_id", "destination_country_id"], ["id:min"]
                )
            }
        return context["corridors"].get((origin, destination), False)

    def _mrc_convert(self, amount, currency_id, day, context):
        """``amount`` in the currency of id ``currency_id`` on ``day``, in the reporting
        company's currency. Each currency's rate is read once per day and computation
        (``res.currency._convert`` is the amount times that rate, rounded in the company's
        currency: the same figure)."""
        if "rates" not in context:
            company = self._mrc_company(context)
            target = company.currency_id
            context["rates"] = {
                "company": company,
                "target": target,
                "target_id": target.id,
                "rounding": target.rounding,
            }
        rates = context["rates"]
        if not currency_id or currency_id == rates["target_id"] or not amount:
            return amount if amount else 0.0
        key = (currency_id, day)
        if key not in rates:
            currency = self.env["res.currency"].browse(currency_id)
            rates[key] = currency._get_conversion_rate(
                currency, rates["target"], rates["company"], day or context["date_to"]
            )
        # target.round(), its rounding read once
        return float_round(amount * rates[key], precision_rounding=rates["rounding"])

    def _mrc_company(self, context):
        company_id = context["filters"].get("company_id")
        return self.env["res.company"].browse(company_id) if company_id else self.env.company

    def _mrc_domain(self, model, spec, context):
        domain = list(spec.get("domain", []))
        date_field = spec.get("date")
        if date_field:
            domain += self._mrc_period_domain(model, date_field, context)
        person = spec.get("person")
        if person:
            client = [(f"{person}.mrc_is_client", "=", True)]
            if spec.get("person_optional"):
                client = ["|", (person, "=", False), *client]
            domain += client
            if spec.get("returning"):
                domain.append((f"{person}.mrc_first_service_date", "<", context["date_from"]))
        return domain + self._mrc_filter_domain(model, spec, context["filters"])

    def _mrc_bounds(self, context):
        start = datetime.combine(context["date_from"], time.min)
        end = datetime.combine(context["date_to"] + timedelta(days=1), time.min)
        return start, end

    def _mrc_period_domain(self, model, date_field, context):
        if model._fields[date_field].type == "datetime":
            start, end = self._mrc_bounds(context)
            return [(date_field, ">=", start), (date_field, "<", end)]
        return [(date_field, ">=", context["date_from"]), (date_field, "<=", context["date_to"])]

    def _mrc_filter_domain(self, model, spec, filters):
        """The dashboard's filters; those an indicator cannot apply (no migrant) are ignored.
        A centre's figures count its own records and those shared by every centre (no company,
        as Odoo shares them: the registry's organisations)."""
        domain = []
        person = spec.get("person")
        company_id = filters.get("company_id")
        if company_id and "company_id" in model._fields:
            domain.append(("company_id", "in", [company_id, False]))
        elif company_id and person:
            domain.append((f"{person}.company_id", "in", [company_id, False]))
        if not person:
            return domain
        sex = filters.get("sex")
        if sex == UNKNOWN:
            domain += ["|", (person, "=", False), (f"{person}.mrc_gender", "=", False)]
        elif sex:
            domain.append((f"{person}.mrc_gender", "=", sex))
        if filters.get("nationality_ids"):
            domain.append((f"{person}.mrc_nationality_id", "in", list(filters["nationality_ids"])))
        if filters.get("corridor_ids"):
            corridors = self.env["mrc.corridor"].sudo().browse(list(filters["corridor_ids"]))
            pairs = [
                [
                    (f"{person}.mrc_nationality_id", "=", corridor.origin_country_id.id),
                    (f"{person}.mrc_plan_destination_id", "=", corridor.destination_country_id.id),
                ]
                for corridor in corridors
            ]
            domain += expression.OR(pairs) if pairs else [("id", "=", 0)]
        return domain
