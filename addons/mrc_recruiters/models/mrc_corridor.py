from odoo import api, fields, models
from odoo.exceptions import ValidationError


class MrcCorridor(models.Model):
    _name = "mrc.corridor"
    _description = "Migration corridor (origin country to destination country)"
    _order = "origin_country_id, destination_country_id"

    name = fields.Char(compute="_compute_name", store=True)
    origin_country_id = fields.Many2one("res.country", string="Origin", required=True, index=True)
    destination_country_id = fields.Many2one(
        "res.country", string="Destination", required=True, index=True
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "corridor_unique",
            "unique(origin_country_id, destination_country_id)",
            "This corridor already exists.",
        ),
    ]

    @api.depends("origin_country_id.name", "destination_country_id.name")
    def _compute_name(self):
        for corridor in self:
            corridor.name = (
                f"{corridor.origin_country_id.name or ''} → "
                f"{corridor.destination_country_id.name or ''}"
            )

    @api.constrains("origin_country_id", "destination_country_id")
    def _check_countries(self):
        for corridor in self:
            if corridor.origin_country_id == corridor.destination_country_id:
                raise ValidationError(self.env._("A corridor needs two different countries."))
