"""The donor report's rows: every indicator, in total and by each breakdown it allows.

Built on ``_mrc_compute_each`` (the rows ``_mrc_compute`` gives for each single breakdown, from
a few grouped reads per indicator rolled up in Python); the keys it returns
(ids, selection values, period labels) are turned into the words a funder reads. Erased
migrants count like any other client (the computation reads their kept profile, never a name).
"""

from odoo import api, models

from ..lib.periods import UNKNOWN
from .indicator_specs import BREAKDOWNS, SPECS

# The model and field whose selection labels a breakdown's keys are.
SELECTION_KEYS = {
    "sex": ("hr.candidate", "mrc_gender"),
    "migration_status": ("hr.candidate", "mrc_migration_status"),
    "channel": ("mrc.intake", "channel"),
}


class MrcIndicator(models.Model):
    _inherit = "mrc.indicator"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _mrc_donor_rows(self, date_from, date_to, company_id=False):
        """``[(indicator, breakdown or "", key, label, value)]`` for every active indicator:
        its total first, then one row per key of each breakdown it allows."""
        filters = {"company_id": company_id} if company_id else {}
        each = self._mrc_compute_each(date_from, date_to, filters)
        totals = each.pop("")
        indicators = self.search([("code", "in", list(totals))])
        by_breakdown = {name: each[name] for name in BREAKDOWNS if each.get(name)}
        labels = self._mrc_key_labels(by_breakdown)
        rows = []
        for indicator in indicators:
            code = indicator.code
            rows.append((indicator, "", False, "", totals[code][0]["value"]))
            for breakdown, results in by_breakdown.items():
                for row in results.get(code, ()):
                    key = row.get(breakdown)
                    label = labels.get((code, breakdown, key), str(key))
                    rows.append((indicator, breakdown, key, label, row["value"]))
        return rows

    @api.model
    def _mrc_key_labels(self, by_breakdown):
        """``{(code, breakdown, key): label}``, reading each related model once."""
        ids = {}  # model -> ids to name
        wanted = []  # (code, breakdown, key, model or None, selection dict or None)
        for breakdown, results in by_breakdown.items():
            for code, rows in results.items():
                model, selection = self._mrc_key_kind(code, breakdown)
                for row in rows:
                    key = row.get(breakdown)
                    if model and key:
                        ids.setdefault(model, set()).add(key)
                    wanted.append((code, breakdown, key, model, selection))
        names = {}
        for model, record_ids in ids.items():
            records = self.env[model].sudo().with_context(active_test=False).browse(record_ids)
            names[model] = {record.id: record.display_name for record in records}
        unknown = self.env._("Unknown")
        labels = {}
        for code, breakdown, key, model, selection in wanted:
            if key in (False, None, UNKNOWN):
                label = unknown
            elif model:
                label = names[model].get(key, unknown)
            elif selection:
                label = selection.get(key, str(key))
            elif isinstance(key, bool):
                label = self.env._("Yes") if key else self.env._("No")
            else:
                label = str(key)
            labels[(code, breakdown, key)] = label
        return labels

    @api.model
    def _mrc_key_kind(self, code, breakdown):
        """(model whose ids the keys are, or None; selection labels, or None)."""
        if breakdown in ("nationality",):
            return "res.country", None
        if breakdown == "corridor":
            return "mrc.corridor", None
        if breakdown in SELECTION_KEYS:
            model, name = SELECTION_KEYS[breakdown]
            return None, self._mrc_selection(model, name)
        if breakdown == "type":
            spec = self._mrc_base_spec(code)
            field = self.env[spec["model"]]._fields[spec["type"]]
            if field.type in ("many2one", "many2many"):
                return field.comodel_name, None
            if field.type == "selection":
                return None, self._mrc_selection(spec["model"], spec["type"])
        return None, None

    @api.model
    def _mrc_selection(self, model, name):
        field = self.env[model]._fields.get(name)
        if not field:
            return {}
        return dict(field._description_selection(self.env))

    @api.model
    def _mrc_base_spec(self, code):
        spec = SPECS[code]
        while spec.get("derived"):
            spec = SPECS[spec["derived"][1]]
        return spec
