"""The public follow-up page: an anonymous complainant types the code they were given and sees
their complaint's status, nothing else. Attempts are counted per address and limited."""

from odoo import http
from odoo.http import request

from ..models.mrc_followup_attempt import FOLLOWUP_MAX_ATTEMPTS, FOLLOWUP_WINDOW_MINUTES
from .portal import clean_text


class MrcComplaintFollowup(http.Controller):
    @http.route(["/complaints/followup"], type="http", auth="public", methods=["GET"], website=True)
    def mrc_followup_form(self, **kw):
        return request.render("mrc_recruiters.mrc_followup_page", {})

    @http.route(
        ["/complaints/followup"],
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
    )
    def mrc_followup_check(self, code=None, **kw):
        env = request.env
        Attempt = env["mrc.followup.attempt"]
        address = request.httprequest.remote_addr
        if Attempt._mrc_is_blocked(address):
            return request.render(
                "mrc_recruiters.mrc_followup_page",
                {
                    "error": env._(
                        "Too many attempts from your connection: try again in %s minutes.",
                        FOLLOWUP_WINDOW_MINUTES,
                    ),
                    "max_attempts": FOLLOWUP_MAX_ATTEMPTS,
                },
                status=429,
            )
        Attempt._mrc_record(address)
        complaint = env["mrc.complaint"]._mrc_find_by_followup_code(clean_text(code or ""))
        if not complaint:
            return request.render(
                "mrc_recruiters.mrc_followup_page",
                {"error": env._("No complaint has this follow-up code. Check the code.")},
                status=404,
            )
        labels = dict(complaint._fields["state"]._description_selection(env))
        return request.render(
            "mrc_recruiters.mrc_followup_page", {"status": labels.get(complaint.state, "")}
        )
