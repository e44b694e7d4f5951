from odoo import api, fields, models

from ..lib.wages import WAGE_PERIODS


class MrcMinimumWage(models.Model):
    _name = "mrc.minimum.wage"
    _description = "Minimum Wage of a Country"
    _order = "country_id"

    country_id = fields.Many2one("res.country", required=True, index=True)
    amount = fields.Monetary(required=True, currency_field="currency_id")
    currency_id = fields.Many2one("res.currency", required=True)
    period = fields.Selection(WAGE_PERIODS, required=True, default="month")
    note = fields.Char(help="Source or scope, for example the legal text or the sector.")

    _sql_constraints = [
        ("country_unique", "UNIQUE(country_id)", "A country has one minimum wage."),
        ("amount_positive", "CHECK(amount > 0)", "The minimum wage must be positive."),
    ]

    @api.depends("country_id", "amount", "currency_id", "period")
    def _compute_display_name(self):
        periods = dict(self._fields["period"]._description_selection(self.env))
        for wage in self:
            wage.display_name = (
                f"{wage.country_id.name or ''}: {wage.amount:g} "
                f"{wage.currency_id.name or ''} / {periods.get(wage.period, '')}"
            )

    @api.model_create_multi
    def create(self, vals_list):
        wages = super().create(vals_list)
        wages._mrc_recompute_vacancies()
        return wages

    def write(self, vals):
        countries = self.country_id
        res = super().write(vals)
        (self.country_id | countries)._mrc_vacancies()._mrc_recompute_eligibility()
        return res

    def unlink(self):
        countries = self.country_id
        res = super().unlink()
        countries._mrc_vacancies()._mrc_recompute_eligibility()
        return res

    def _mrc_recompute_vacancies(self):
        self.country_id._mrc_vacancies()._mrc_recompute_eligibility()

    @api.model
    def _mrc_for_countries(self, countries):
        """Return {country id: minimum wage record} for the given countries, in one query."""
        wages = self.sudo().search([("country_id", "in", countries.ids)])
        return {wage.country_id.id: wage for wage in wages}
