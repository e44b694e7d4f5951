from odoo import models


class ResUsers(models.Model):
    _inherit = "res.users"

    def _remove_recruitment_interviewers(self):
        """Recruitment drops the Interviewer group from users no longer interviewing on any
        vacancy or referral; counsellors hold it through their role and keep it."""
        counsellors = self.env.ref("mrc_recruiters.group_mrc_counsellor").sudo().users
        return super(ResUsers, self - counsellors)._remove_recruitment_interviewers()
