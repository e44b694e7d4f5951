from odoo import fields, models

MRC_STAGE_TYPES = [
    ("referred", "Referred"),
    ("interview", "Interview"),
    ("offer", "Offer"),
    ("hired", "Hired"),
    ("not_selected", "Not selected"),
]


class HrRecruitmentStage(models.Model):
    _inherit = "hr.recruitment.stage"

    mrc_stage_type = fields.Selection(
        MRC_STAGE_TYPES,
        string="MRC Referral Step",
        index=True,
        help="Set on the stages of the referral pipeline that MRC vacancies use.",
    )
