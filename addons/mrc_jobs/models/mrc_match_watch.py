from odoo import api, models


class MrcMatchWatchMixin(models.AbstractModel):
    """Records whose changes can move matches (vacancies, migrants, their skills and
    certificates, organisations whose standing decides eligibility): any create, write or
    unlink asks ``mrc.match.refresh`` to queue, when the transaction commits, the re-ranking
    of the migrants and vacancies whose matching data changed. What changed is read from the
    triggers' change log, so it covers the stored computations (eligibility) as well; the
    rights are those of the edit itself, the re-ranking runs as the hourly refresh does."""

    _name = "mrc.match.watch.mixin"
    _description = "Matching: queue the re-ranking of edits"

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        self.env["mrc.match.refresh"]._mrc_watch_changes()
        return records

    def write(self, vals):
        result = super().write(vals)
        self.env["mrc.match.refresh"]._mrc_watch_changes()
        return result

    def unlink(self):
        self.env["mrc.match.refresh"]._mrc_watch_changes()
        return super().unlink()


class HrJob(models.Model):
    _name = "hr.job"
    _inherit = ["hr.job", "mrc.match.watch.mixin"]


class HrCandidate(models.Model):
    _name = "hr.candidate"
    _inherit = ["hr.candidate", "mrc.match.watch.mixin"]


class HrCandidateSkill(models.Model):
    _name = "hr.candidate.skill"
    _inherit = ["hr.candidate.skill", "mrc.match.watch.mixin"]


class MrcCertification(models.Model):
    _name = "mrc.certification"
    _inherit = ["mrc.certification", "mrc.match.watch.mixin"]


class ResPartner(models.Model):
    _name = "res.partner"
    _inherit = ["res.partner", "mrc.match.watch.mixin"]
