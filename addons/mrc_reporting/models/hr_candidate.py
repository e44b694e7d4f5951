from odoo import api, fields, models


class HrCandidate(models.Model):
    _inherit = "hr.candidate"

    # "Returning" migrants of a period are those served before it. Asked through the services
    # (``mrc_service_ids.date < start``), PostgreSQL probes each of the period's ~190,000
    # service rows against the migrant's earlier services: 6-8 s per read on the benchmark's
    # 1,000,000 services. The card keeps the date of its first service instead, stored and
    # indexed, and the condition becomes a join on the card.
    mrc_first_service_date = fields.Date(
        string="Client Since",
        compute="_compute_mrc_first_service_date",
        store=True,
        index=True,
        help="The date of the first service the centre logged for this migrant.",
    )

    def init(self):
        # the indicators read the migrant's profile from this index alone (index-only scans;
        # see mrc_indicator_speed.py)
        self.env.cr.execute(
            """CREATE INDEX IF NOT EXISTS hr_candidate_mrc_person_cover_idx
                   ON hr_candidate (id) INCLUDE (mrc_is_client, mrc_gender, mrc_birthdate,
                      mrc_nationality_id, mrc_plan_destination_id, mrc_migration_status,
                      mrc_first_service_date, company_id)"""
        )

    @api.depends("mrc_service_ids.date")
    def _compute_mrc_first_service_date(self):
        # a fact of the records, whoever's change triggers it: read as superuser
        first = dict(
            self.env["mrc.candidate.service"]
            .sudo()
            .with_context(active_test=False)
            ._read_group([("candidate_id", "in", self.ids)], ["candidate_id"], ["date:min"])
        )
        for card in self:
            card.mrc_first_service_date = first.get(card._origin, False)
