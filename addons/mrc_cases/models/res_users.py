from odoo import api, fields, models
from odoo.exceptions import AccessError

from ..lib.screening import may_take_gbv_case

STAFF_GROUPS = (
    "mrc_recruiters.group_mrc_counsellor,mrc_recruiters.group_mrc_liaison,"
    "mrc_recruiters.group_mrc_complaints"
)
#: the counsellor profile: read by MRC staff, written by managers only (write below)
PROFILE_FIELDS = frozenset(
    {"mrc_sex", "mrc_spoken_language_ids", "mrc_is_gbv_trained", "mrc_is_trafficking_trained"}
)


class ResUsers(models.Model):
    """The counsellor's profile for safe case assignment: sex, languages, trainings."""

    _inherit = "res.users"

    mrc_sex = fields.Selection(
        [("female", "Female"), ("male", "Male"), ("other", "Other")],
        string="Sex",
        groups=STAFF_GROUPS,
    )
    mrc_spoken_language_ids = fields.Many2many(
        "mrc.language",
        "res_users_mrc_language_rel",
        "user_id",
        "language_id",
        string="Counselling Languages",
        groups=STAFF_GROUPS,
    )
    mrc_is_gbv_trained = fields.Boolean(
        string="Trained in GBV",
        groups=STAFF_GROUPS,
        help="Completed a training on gender-based violence and sexual harassment.",
    )
    mrc_is_trafficking_trained = fields.Boolean(
        string="Trained in Trafficking", groups=STAFF_GROUPS
    )
    mrc_is_gbv_eligible = fields.Boolean(
        string="May Take GBV Cases",
        compute="_compute_mrc_is_gbv_eligible",
        store=True,
        groups=STAFF_GROUPS,
        help="A female counsellor trained in GBV: cases of gender-based violence or sexual "
        "harassment go to her without a manager's override.",
    )

    @api.depends("mrc_sex", "mrc_is_gbv_trained")
    def _compute_mrc_is_gbv_eligible(self):
        for user in self:
            user.mrc_is_gbv_eligible = may_take_gbv_case(user.mrc_sex, user.mrc_is_gbv_trained)

    def write(self, vals):
        """Managers set the counsellor profile of staff (not the Settings' administrators
        only); nobody else, not even the counsellor on their own record."""
        profile = PROFILE_FIELDS & set(vals)
        if profile and not self.env.su:
            if not self.env.user.has_group("mrc_recruiters.group_mrc_manager"):
                raise AccessError(self.env._("Only MRC managers set a counsellor's profile."))
            rest = {k: v for k, v in vals.items() if k not in profile}
            super(ResUsers, self.sudo()).write({k: vals[k] for k in profile})
            return super().write(rest) if rest else True
        return super().write(vals)
