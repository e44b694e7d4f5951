from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..lib.periods import ratio
from .indicator_specs import BREAKDOWNS, SPECS, allowed_breakdowns

MANAGER_GROUP = "mrc_recruiters.group_mrc_manager"


class MrcIndicator(models.Model):
    _name = "mrc.indicator"
    _description = "M&E Indicator"
    _order = "sequence, id"

    code = fields.Char(required=True, index=True)
    name = fields.Char(required=True, translate=True)
    definition = fields.Text(translate=True, help="What is counted, in words.")
    unit = fields.Selection(
        [("count", "Count"), ("percent", "Percent"), ("amount", "Amount")],
        required=True,
        default="count",
    )
    breakdowns = fields.Char(
        compute="_compute_breakdowns", help="The breakdowns this indicator can be split by."
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

    _sql_constraints = [("code_unique", "unique(code)", "An indicator code is used once.")]

    @api.depends("code")
    def _compute_breakdowns(self):
        for indicator in self:
            known = indicator.code in SPECS
            indicator.breakdowns = ", ".join(allowed_breakdowns(indicator.code)) if known else ""

    @api.constrains("code")
    def _check_code(self):
        for indicator in self:
            if indicator.code not in SPECS:
                raise UserError(
                    self.env._("No computation is defined for indicator code %s.", indicator.code)
                )

    @api.model
    def _mrc_compute(self, date_from, date_to, breakdowns=(), filters=None, codes=None):
        """Compute the active indicators (or ``codes``) over ``[date_from, date_to]``.

        Returns ``{code: [{"value": float, <breakdown>: <key>, ...}, ...]}``: one row per
        combination of the breakdowns the indicator can apply (the others are left out of its
        rows). Managers only: the figures cover every client, whatever the record rules.
        """
        self.env["mrc.guard.mixin"]._mrc_require_group(
            MANAGER_GROUP, self.env._("Only managers compute the M&E indicators.")
        )
        date_from = fields.Date.to_date(date_from)
        date_to = fields.Date.to_date(date_to)
        if not date_from or not date_to or date_from > date_to:
            raise UserError(self.env._("Give a period whose start is not after its end."))
        unknown = [name for name in breakdowns if name not in BREAKDOWNS]
        if unknown:
            raise UserError(self.env._("Unknown breakdown: %s.", ", ".join(unknown)))
        domain = [("code", "in", list(codes))] if codes else []
        indicators = self.search(domain)
        if codes and set(codes) - set(indicators.mapped("code")):
            missing = ", ".join(sorted(set(codes) - set(indicators.mapped("code"))))
            raise UserError(self.env._("Unknown or archived indicator: %s.", missing))
        context = {
            "date_from": date_from,
            "date_to": date_to,
            "breakdowns": tuple(dict.fromkeys(breakdowns)),
            "filters": filters or {},
            "cache": {},
        }
        return {code: self._mrc_rows(code, context) for code in indicators.mapped("code")}

    @api.model
    def _mrc_compute_one(self, code, date_from, date_to, breakdowns=(), filters=None):
        """The rows of one indicator (see ``_mrc_compute``)."""
        return self._mrc_compute(date_from, date_to, breakdowns, filters, codes=[code])[code]

    def _mrc_rows(self, code, context):
        cache = context["cache"]
        if code not in cache:
            applied = [name for name in context["breakdowns"] if name in allowed_breakdowns(code)]
            spec = SPECS[code]
            if spec.get("derived"):
                cache[code] = self._mrc_derived_rows(spec["derived"], applied, context)
            else:
                cache[code] = self._mrc_grouped_rows(spec, applied, context)
        return cache[code]

    def _mrc_derived_rows(self, derived, applied, context):
        kind, first, second = derived
        left, right = defaultdict(float), defaultdict(float)
        for row in self._mrc_rows(first, context):
            left[self._mrc_key(row, applied)] += row["value"]
        for row in self._mrc_rows(second, context):
            right[self._mrc_key(row, applied)] += row["value"]
        rows = []
        for key in sorted(set(left) | set(right), key=str) or [()]:
            a, b = left.get(key, 0.0), right.get(key, 0.0)
            value = ratio(a, b) if kind == "ratio" else a - b
            rows.append({"value": float(value), **dict(zip(applied, key))})
        return rows

    @staticmethod
    def _mrc_key(row, applied):
        return tuple(row.get(name) for name in applied)
