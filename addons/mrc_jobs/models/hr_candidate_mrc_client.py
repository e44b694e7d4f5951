from odoo import api, fields, models

# Fields only the centre's own flows fill in on a client card: a card carrying one of them was
# kept by the centre (used by the update to 18.0.1.4.0 and the demo, never to guess new cards).
CLIENT_MARKERS = (
    "mrc_consent_processing_date",
    "mrc_consent_share_date",
    "mrc_gender",
    "mrc_nationality_id",
    "mrc_migration_status",
    "mrc_is_erased",
)


class HrCandidate(models.Model):
    _inherit = "hr.candidate"  # pylint: disable=consider-merging-classes-inherited

    mrc_is_client = fields.Boolean(
        string="MRC Client",
        index=True,
        tracking=True,
        copy=False,
        help="The centre's own client: the card was opened through the MRC's flows (the "
        "Migrants menu, an intake, a CV import). Only clients show in the MRC menus and count "
        "in the M&E indicators.",
    )

    @api.model
    def _mrc_mark_clients_from_data(self):
        """Mark as clients the cards that carry data only the MRC flows record."""
        domain = ["|"] * (len(CLIENT_MARKERS) - 1) + [
            (name, "!=", False) for name in CLIENT_MARKERS
        ]
        candidates = (
            self.sudo()
            .with_context(active_test=False)
            .search([("mrc_is_client", "=", False), *domain])
        )
        candidates.write({"mrc_is_client": True})
        return candidates

    def _mrc_mark_client(self):
        """Make these cards the centre's clients (the MRC flows call it on the cards they
        serve); written with ``sudo()``: the flow, not the caller's rights, decides."""
        self.filtered(lambda candidate: not candidate.mrc_is_client).sudo().write(
            {"mrc_is_client": True}
        )


class MrcCertification(models.Model):
    _inherit = "mrc.certification"

    @api.model
    def _mrc_import_portal_pdf(self, candidate, filename, data):
        """A migrant who uploads a certificate on the portal is the centre's client."""
        certifications = super()._mrc_import_portal_pdf(candidate, filename, data)
        candidate._mrc_mark_client()
        return certifications
