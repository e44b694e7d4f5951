"""The client card's profile, reachable from every model an indicator counts.

Related fields, not stored: ``_read_group`` joins the client card's stored, indexed columns
(the issue forbids copying data into tables of the reporting's own) and groups on them.
"""

from odoo import fields, models

from odoo.addons.mrc_jobs.models.hr_candidate import SENSITIVE_GROUPS


def person_fields(path):
    """The ``mrc_rep_*`` fields of a model whose migrant is reached through ``path``."""
    return (
        fields.Selection(related=f"{path}.mrc_gender", string="Migrant's Gender"),
        fields.Date(
            related=f"{path}.mrc_birthdate", string="Migrant's Birthdate", groups=SENSITIVE_GROUPS
        ),
        fields.Many2one(
            related=f"{path}.mrc_nationality_id",
            string="Migrant's Nationality",
            groups=SENSITIVE_GROUPS,
        ),
        fields.Many2one(related=f"{path}.mrc_plan_destination_id", string="Migrant's Destination"),
        fields.Selection(
            related=f"{path}.mrc_migration_status",
            string="Migrant's Migration Status",
            groups=SENSITIVE_GROUPS,
        ),
    )


class MrcCandidateService(models.Model):
    _inherit = "mrc.candidate.service"

    (
        mrc_rep_gender,
        mrc_rep_birthdate,
        mrc_rep_nationality_id,
        mrc_rep_destination_id,
        mrc_rep_status,
    ) = person_fields("candidate_id")
    mrc_rep_first_service_date = fields.Date(
        related="candidate_id.mrc_first_service_date", string="Migrant's First Service"
    )

    def init(self):
        # the indicators read a period's services from this index alone (index-only scans;
        # see mrc_indicator_speed.py)
        self.env.cr.execute(
            """CREATE INDEX IF NOT EXISTS mrc_candidate_service_date_cover_idx
                   ON mrc_candidate_service (date)
                      INCLUDE (candidate_id, service_type, company_id)"""
        )


class MrcIntake(models.Model):
    _inherit = "mrc.intake"

    (
        mrc_rep_gender,
        mrc_rep_birthdate,
        mrc_rep_nationality_id,
        mrc_rep_destination_id,
        mrc_rep_status,
    ) = person_fields("candidate_id")


class MrcIntakeAssistance(models.Model):
    _inherit = "mrc.intake.assistance"

    (
        mrc_rep_gender,
        mrc_rep_birthdate,
        mrc_rep_nationality_id,
        mrc_rep_destination_id,
        mrc_rep_status,
    ) = person_fields("candidate_id")


class MrcServiceReferral(models.Model):
    _inherit = "mrc.service.referral"

    date_sent = fields.Date(index=True)
    date_service_given = fields.Date(index=True)
    (
        mrc_rep_gender,
        mrc_rep_birthdate,
        mrc_rep_nationality_id,
        mrc_rep_destination_id,
        mrc_rep_status,
    ) = person_fields("candidate_id")


class MrcMatch(models.Model):
    _inherit = "mrc.match"

    (
        mrc_rep_gender,
        mrc_rep_birthdate,
        mrc_rep_nationality_id,
        mrc_rep_destination_id,
        mrc_rep_status,
    ) = person_fields("candidate_id")


class HrApplicant(models.Model):
    _inherit = "hr.applicant"

    mrc_placement_date = fields.Date(index=True)
    (
        mrc_rep_gender,
        mrc_rep_birthdate,
        mrc_rep_nationality_id,
        mrc_rep_destination_id,
        mrc_rep_status,
    ) = person_fields("candidate_id")


class MrcPlacementFollowup(models.Model):
    _inherit = "mrc.placement.followup"

    date_answered = fields.Date(index=True)
    (
        mrc_rep_gender,
        mrc_rep_birthdate,
        mrc_rep_nationality_id,
        mrc_rep_destination_id,
        mrc_rep_status,
    ) = person_fields("candidate_id")


class MrcComplaint(models.Model):
    _inherit = "mrc.complaint"

    (
        mrc_rep_gender,
        mrc_rep_birthdate,
        mrc_rep_nationality_id,
        mrc_rep_destination_id,
        mrc_rep_status,
    ) = person_fields("candidate_id")


class MrcComplaintRemedy(models.Model):
    _inherit = "mrc.complaint.remedy"

    date = fields.Date(index=True)
    date_confirmed = fields.Date(index=True)
    (
        mrc_rep_gender,
        mrc_rep_birthdate,
        mrc_rep_nationality_id,
        mrc_rep_destination_id,
        mrc_rep_status,
    ) = person_fields("complaint_id.candidate_id")


class EventRegistration(models.Model):
    _inherit = "event.registration"

    (
        mrc_rep_gender,
        mrc_rep_birthdate,
        mrc_rep_nationality_id,
        mrc_rep_destination_id,
        mrc_rep_status,
    ) = person_fields("mrc_candidate_id")
