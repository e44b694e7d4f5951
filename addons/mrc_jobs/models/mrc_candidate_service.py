from odoo import fields, models

from .hr_candidate import SENSITIVE_GROUPS

SERVICE_TYPES = [
    ("information", "Information"),
    ("counselling", "Counselling"),
    ("legal_aid", "Legal aid"),
    ("referral", "Referral"),
    ("training", "Training"),
    ("job_matching", "Job matching"),
    ("emergency", "Emergency assistance"),
]


class MrcCandidateService(models.Model):
    _name = "mrc.candidate.service"
    _description = "Service Received by a Migrant"
    _order = "date desc, id desc"

    candidate_id = fields.Many2one(
        "hr.candidate", string="Migrant", required=True, ondelete="cascade", index=True
    )
    date = fields.Date(required=True, default=fields.Date.context_today, index=True)
    service_type = fields.Selection(SERVICE_TYPES, string="Type", required=True, index=True)
    counsellor_id = fields.Many2one("res.users", default=lambda self: self.env.user, index=True)
    note = fields.Text()
    followup_date = fields.Date(string="Follow-up", index=True)
    company_id = fields.Many2one(related="candidate_id.company_id", store=True, index=True)
    # Stored copies for monitoring and evaluation (pivot and graph by profile).
    gender = fields.Selection(related="candidate_id.mrc_gender", store=True)
    nationality_id = fields.Many2one(
        related="candidate_id.mrc_nationality_id", store=True, groups=SENSITIVE_GROUPS
    )
    residence_country_id = fields.Many2one(
        related="candidate_id.mrc_residence_country_id", store=True
    )
