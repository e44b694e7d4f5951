from odoo import fields, models


class MrcComplaintCategory(models.Model):
    _name = "mrc.complaint.category"
    _description = "Complaint category"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="Stable key used in reports and risk reasons.")
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_unique", "unique(code)", "A complaint category code must be unique."),
    ]
