from odoo import api, fields, models

ANSWERS = [("unknown", "Not asked"), ("no", "No"), ("yes", "Yes")]


class MrcIntakeAnswer(models.Model):
    """The migrant's answer to one screening indicator, on one intake."""

    _name = "mrc.intake.answer"
    _description = "Screening Answer"
    _order = "intake_id, sequence, id"

    intake_id = fields.Many2one("mrc.intake", required=True, index=True, ondelete="cascade")
    indicator_id = fields.Many2one("mrc.screening.indicator", required=True, ondelete="restrict")
    sequence = fields.Integer(related="indicator_id.sequence", store=True)
    answer = fields.Selection(ANSWERS, required=True, default="unknown", index=True)
    note = fields.Char(string="Details")
    is_trafficking_sign = fields.Boolean(related="indicator_id.is_trafficking_sign", store=True)
    is_gbv = fields.Boolean(related="indicator_id.is_gbv", store=True)
    candidate_id = fields.Many2one(related="intake_id.candidate_id", store=True, index=True)
    counsellor_id = fields.Many2one(related="intake_id.counsellor_id", store=True, index=True)
    company_id = fields.Many2one(related="intake_id.company_id", store=True, index=True)
    date = fields.Date(related="intake_id.date", store=True)

    _sql_constraints = [
        (
            "indicator_unique",
            "unique(intake_id, indicator_id)",
            "Each indicator is answered once per intake.",
        ),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        answers = super().create(vals_list)
        answers.intake_id._mrc_after_screening()
        return answers

    def write(self, vals):
        result = super().write(vals)
        if "answer" in vals or "indicator_id" in vals:
            self.intake_id._mrc_after_screening()
        return result
