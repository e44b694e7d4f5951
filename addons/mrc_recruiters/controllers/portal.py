from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager


class MrcComplaintPortal(CustomerPortal):
    """A migrant's own complaints on the portal, read-only; the record rule decides which."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "mrc_complaint_count" in counters:
            Complaint = request.env["mrc.complaint"]
            values["mrc_complaint_count"] = (
                Complaint.search_count([]) if Complaint.has_access("read") else 0
            )
        return values

    @http.route(
        ["/my/complaints", "/my/complaints/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_complaints(self, page=1, **kw):
        Complaint = request.env["mrc.complaint"]
        if not Complaint.has_access("read"):
            return request.redirect("/my")
        values = self._prepare_portal_layout_values()
        pager = portal_pager(
            url="/my/complaints",
            total=Complaint.search_count([]),
            page=page,
            step=self._items_per_page,
        )
        complaints = Complaint.search(
            [],
            order="date_received desc, id desc",
            limit=self._items_per_page,
            offset=pager["offset"],
        )
        request.session["my_complaints_history"] = complaints.ids[:100]
        values.update(
            {
                "complaints": complaints,
                "page_name": "mrc_complaint",
                "pager": pager,
                "default_url": "/my/complaints",
            }
        )
        return request.render("mrc_recruiters.portal_my_complaints", values)

    @http.route(["/my/complaints/<int:complaint_id>"], type="http", auth="user", website=True)
    def portal_my_complaint(self, complaint_id, **kw):
        try:
            # No access token: only the complainant, through the record rule, gets in.
            complaint_sudo = self._document_check_access("mrc.complaint", complaint_id)
        except (AccessError, MissingError):
            return request.redirect("/my")
        values = self._get_page_view_values(
            complaint_sudo,
            None,
            {"complaint": complaint_sudo, "page_name": "mrc_complaint"},
            "my_complaints_history",
            False,
            **kw,
        )
        return request.render("mrc_recruiters.portal_my_complaint", values)
