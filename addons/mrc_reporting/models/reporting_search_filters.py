"""Search-only fields behind the dashboard's Sex and Corridor global filters.

The spreadsheet's text filter searches ``ilike`` (``male`` would also find ``female``) and its
relation filter needs a many2one; these non-stored fields turn both into exact conditions on
the client card's indexed columns. Nothing is stored or copied.
"""

from odoo import fields, models
from odoo.osv import expression

SEX_WORDS = {
    "female": "female",
    "woman": "female",
    "women": "female",
    "mujer": "female",
    "male": "male",
    "man": "male",
    "men": "male",
    "hombre": "male",
    "non_binary": "non_binary",
    "non-binary": "non_binary",
    "no binario": "non_binary",
    "undisclosed": "undisclosed",
}


def _prefix(path):
    return f"{path}." if path else ""


def sex_search(path):
    def _search(self, operator, value):
        if operator not in ("ilike", "=", "like", "=ilike") or not isinstance(value, str):
            return [("id", "=", 0)] if operator not in ("!=", "not ilike") else []
        word = value.strip().lower()
        if not word:
            return []
        if word in ("unknown", "desconocido"):
            unknown = [(f"{_prefix(path)}mrc_gender", "=", False)]
            return expression.OR([[(path, "=", False)], unknown]) if path else unknown
        if word not in SEX_WORDS:
            return [("id", "=", 0)]
        return [(f"{_prefix(path)}mrc_gender", "=", SEX_WORDS[word])]

    return _search


def corridor_search(path):
    def _search(self, operator, value):
        if operator not in ("in", "="):
            return [("id", "=", 0)]
        ids = value if isinstance(value, list | tuple) else [value]
        corridors = self.env["mrc.corridor"].sudo().with_context(active_test=False).browse(ids)
        pairs = [
            [
                (f"{_prefix(path)}mrc_nationality_id", "=", corridor.origin_country_id.id),
                (
                    f"{_prefix(path)}mrc_plan_destination_id",
                    "=",
                    corridor.destination_country_id.id,
                ),
            ]
            for corridor in corridors.exists()
        ]
        return expression.OR(pairs) if pairs else [("id", "=", 0)]

    return _search


def _compute_nothing(records):
    for record in records:
        record.mrc_rep_sex = False
        record.mrc_rep_corridor_id = False


def filter_fields(path):
    return (
        fields.Char(
            string="Sex (dashboard filter)", compute=_compute_nothing, search=sex_search(path)
        ),
        fields.Many2one(
            "mrc.corridor",
            string="Corridor (dashboard filter)",
            compute=_compute_nothing,
            search=corridor_search(path),
        ),
    )


class HrCandidate(models.Model):
    _inherit = "hr.candidate"  # pylint: disable=consider-merging-classes-inherited

    mrc_rep_sex, mrc_rep_corridor_id = filter_fields("")


class MrcCandidateService(models.Model):
    _inherit = "mrc.candidate.service"  # pylint: disable=consider-merging-classes-inherited

    mrc_rep_sex, mrc_rep_corridor_id = filter_fields("candidate_id")


class MrcServiceReferral(models.Model):
    _inherit = "mrc.service.referral"  # pylint: disable=consider-merging-classes-inherited

    mrc_rep_sex, mrc_rep_corridor_id = filter_fields("candidate_id")


class HrApplicant(models.Model):
    _inherit = "hr.applicant"  # pylint: disable=consider-merging-classes-inherited

    mrc_rep_sex, mrc_rep_corridor_id = filter_fields("candidate_id")


class MrcComplaint(models.Model):
    _inherit = "mrc.complaint"  # pylint: disable=consider-merging-classes-inherited

    mrc_rep_sex, mrc_rep_corridor_id = filter_fields("candidate_id")


class MrcComplaintRemedy(models.Model):
    _inherit = "mrc.complaint.remedy"  # pylint: disable=consider-merging-classes-inherited

    mrc_rep_sex, mrc_rep_corridor_id = filter_fields("complaint_id.candidate_id")
