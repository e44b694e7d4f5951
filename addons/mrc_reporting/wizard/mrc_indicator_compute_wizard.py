from odoo import fields, models

from odoo.addons.mrc_cases.models.mrc_intake import CHANNELS
from odoo.addons.mrc_jobs.models.hr_candidate import GENDERS, MIGRATION_STATUSES

from ..models.indicator_specs import BREAKDOWNS, SPECS
from ..models.mrc_indicator import MANAGER_GROUP

SEX_FILTERS = [*GENDERS, ("unknown", "Unknown")]


class MrcIndicatorComputeWizard(models.TransientModel):
    _name = "mrc.indicator.compute.wizard"
    _description = "Compute M&E Indicators"

    date_from = fields.Date(string="From", required=True)
    date_to = fields.Date(string="To", required=True, default=fields.Date.context_today)
    indicator_ids = fields.Many2many(
        "mrc.indicator", string="Indicators", help="Leave empty to compute them all."
    )
    by_month = fields.Boolean()
    by_quarter = fields.Boolean()
    by_year = fields.Boolean()
    by_sex = fields.Boolean()
    by_age_band = fields.Boolean()
    by_nationality = fields.Boolean()
    by_corridor = fields.Boolean()
    by_migration_status = fields.Boolean()
    by_channel = fields.Boolean(string="By Contact Channel")
    by_type = fields.Boolean(help="Service type, provider, category, reason...")
    sex = fields.Selection(SEX_FILTERS, string="Only Sex")
    nationality_ids = fields.Many2many("res.country", string="Only Nationalities")
    corridor_ids = fields.Many2many("mrc.corridor", string="Only Corridors")
    line_ids = fields.One2many("mrc.indicator.compute.line", "wizard_id", string="Rows")

    def action_compute(self):
        """Compute the chosen indicators and show their rows."""
        self.ensure_one()
        self.env["mrc.guard.mixin"]._mrc_require_group(
            MANAGER_GROUP, self.env._("Only managers compute the M&E indicators.")
        )
        breakdowns = tuple(name for name in BREAKDOWNS if self[f"by_{name}"])
        filters = {
            "sex": self.sex,
            "nationality_ids": self.nationality_ids.ids,
            "corridor_ids": self.corridor_ids.ids,
            "company_id": self.env.company.id,
        }
        result = self.env["mrc.indicator"]._mrc_compute(
            self.date_from,
            self.date_to,
            breakdowns,
            filters,
            codes=self.indicator_ids.mapped("code") or None,
        )
        indicators = {i.code: i for i in self.env["mrc.indicator"].search([])}
        self.line_ids.unlink()
        values = []
        for code, rows in result.items():
            for row in rows:
                values.append(self._mrc_line_values(indicators[code], row))
        self.env["mrc.indicator.compute.line"].create(values)
        return {
            "type": "ir.actions.act_window",
            "name": self.env._(
                "Indicators %(start)s to %(end)s", start=self.date_from, end=self.date_to
            ),
            "res_model": "mrc.indicator.compute.line",
            "view_mode": "list,pivot",
            "domain": [("wizard_id", "=", self.id)],
            "context": {"create": False},
        }

    def _mrc_line_values(self, indicator, row):
        period = row.get("month") or row.get("quarter") or row.get("year") or False
        return {
            "wizard_id": self.id,
            "indicator_id": indicator.id,
            "value": row["value"],
            "period": period,
            "sex": row.get("sex", False),
            "age_band": row.get("age_band", False),
            "nationality_id": row.get("nationality") or False,
            "corridor_id": row.get("corridor") or False,
            "migration_status": row.get("migration_status", False),
            "channel": row.get("channel", False),
            "type_label": self._mrc_type_label(indicator.code, row) if "type" in row else False,
        }

    def _mrc_type_label(self, code, row):
        spec = SPECS[code]
        field = self.env[spec["model"]]._fields[spec["type"]]
        value = row["type"]
        if field.type in ("many2one", "many2many"):
            return self.env[field.comodel_name].sudo().browse(value).display_name if value else ""
        if field.type == "selection":
            labels = dict(field._description_selection(self.env))
            return labels.get(value, value or "")
        if field.type == "boolean":
            return (
                field._description_string(self.env)
                if value
                else self.env._("Not %s", field._description_string(self.env))
            )
        return str(value)


class MrcIndicatorComputeLine(models.TransientModel):
    _name = "mrc.indicator.compute.line"
    _description = "Computed M&E Indicator Row"
    _order = "sequence, id"

    wizard_id = fields.Many2one("mrc.indicator.compute.wizard", required=True, ondelete="cascade")
    indicator_id = fields.Many2one("mrc.indicator", required=True)
    sequence = fields.Integer(related="indicator_id.sequence", store=True)
    unit = fields.Selection(related="indicator_id.unit")
    value = fields.Float(digits=(16, 2))
    period = fields.Char()
    sex = fields.Selection(SEX_FILTERS)
    age_band = fields.Char()
    nationality_id = fields.Many2one("res.country")
    corridor_id = fields.Many2one("mrc.corridor")
    migration_status = fields.Selection([*MIGRATION_STATUSES, ("unknown", "Unknown")])
    channel = fields.Selection(CHANNELS, string="Contact Channel")
    type_label = fields.Char(string="Type")
