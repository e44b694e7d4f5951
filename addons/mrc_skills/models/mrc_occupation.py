from odoo import api, fields, models


class MrcOccupation(models.Model):
    _name = "mrc.occupation"
    _description = "Occupation (ISCO-08 group)"
    _parent_store = True
    _order = "code"
    _rec_names_search = ["code", "name"]

    code = fields.Char(required=True, index=True, help="ISCO-08 code, one to four digits.")
    name = fields.Char(string="Title", required=True, translate=True)
    parent_id = fields.Many2one("mrc.occupation", ondelete="restrict", index=True)
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("mrc.occupation", "parent_id", string="Sub-groups")
    level = fields.Integer(
        compute="_compute_level",
        store=True,
        help="1 major, 2 sub-major, 3 minor, 4 unit group (the number of digits of the code).",
    )
    complete_name = fields.Char(compute="_compute_complete_name", store=True, recursive=True)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_unique", "unique(code)", "Each ISCO-08 code can be used only once."),
        ("code_format", "CHECK(code ~ '^[0-9]{1,4}$')", "An ISCO-08 code has one to four digits."),
    ]

    @api.depends("code")
    def _compute_level(self):
        for occupation in self:
            occupation.level = len(occupation.code or "")

    @api.depends("code", "name")
    def _compute_complete_name(self):
        for occupation in self:
            occupation.complete_name = f"{occupation.code} {occupation.name}"

    @api.depends("code", "name")
    def _compute_display_name(self):
        for occupation in self:
            occupation.display_name = f"{occupation.code} {occupation.name}"
