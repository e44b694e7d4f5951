"""The migrant answers her placement follow-up on the portal (/my/followups/<id>).

Ownership is the record rule's (security/mrc_placement_followup_security.xml): the page reads
as the portal user, so another migrant's follow-up answers 404 exactly like a missing one. The
answers are written on her behalf as superuser after that check, and only the seven answer
fields, with values from their own lists.
"""

from odoo import http
from odoo.exceptions import UserError
from odoo.http import request

from odoo.addons.portal.controllers import portal

from ..lib.followup import QUESTIONS

# The route pattern for a record id: numbers past PostgreSQL's integer do not match (404).
ID = f"int(max={2**31 - 1})"


class MrcFollowupPortal(portal.CustomerPortal):
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "mrc_followup_count" in counters:
            Followup = request.env["mrc.placement.followup"]
            values["mrc_followup_count"] = (
                Followup.search_count([("state", "=", "planned")])
                if request.env.user.share and Followup.has_access("read")
                else 0
            )
        return values

    def _mrc_own_followup(self, followup_id):
        """The migrant's own follow-up, searched as her (record rules): 404 when it is missing
        or not hers, alike."""
        Followup = request.env["mrc.placement.followup"]
        if not Followup.has_access("read"):
            raise request.not_found()
        followup = Followup.search([("id", "=", followup_id)])
        if not followup:
            raise request.not_found()
        return followup

    def _mrc_followup_questions(self, followup):
        """(field name, question, [(value, label)]) for the page, in the reader's language."""
        questions = []
        for name in QUESTIONS.values():
            field = followup._fields[name]
            questions.append(
                (
                    name,
                    field._description_string(request.env),
                    field._description_selection(request.env),
                )
            )
        return questions

    @http.route(["/my/followups"], type="http", auth="user", website=True)
    def portal_mrc_followups(self, **kw):
        Followup = request.env["mrc.placement.followup"]
        values = self._prepare_portal_layout_values()
        followups = (
            Followup.search([("state", "!=", "cancelled")])
            if Followup.has_access("read")
            else Followup
        )
        values.update({"followups": followups, "page_name": "mrc_followups"})
        return request.render("mrc_cases.portal_my_mrc_followups", values)

    @http.route(
        [f"/my/followups/<{ID}:followup_id>"],
        type="http",
        auth="user",
        website=True,
        methods=["GET", "POST"],
    )
    def portal_mrc_followup(self, followup_id, **post):
        followup = self._mrc_own_followup(followup_id)
        values = self._prepare_portal_layout_values()
        error = None
        if request.httprequest.method == "POST" and followup.state == "planned":
            answers = {}
            for name, _label, choices in self._mrc_followup_questions(followup):
                answer = post.get(name)
                if answer in {key for key, _text in choices}:
                    answers[name] = answer
            notes = (post.get("notes") or "").replace("\x00", "").strip()
            if len(answers) < len(QUESTIONS):
                error = request.env._("Please answer every question.")
            else:
                vals = dict(answers, notes=notes) if notes else answers
                try:
                    with request.env.cr.savepoint():
                        followup.sudo().write(vals)
                        followup.sudo()._mrc_mark_answered("migrant")
                except UserError as exc:
                    error = exc.args[0]
                else:
                    return request.redirect(f"/my/followups/{followup.id}?answered=1")
        values.update(
            {
                "followup": followup,
                "job_name": followup.sudo().job_id.name or "",
                "employer_name": followup.sudo().employer_id.name or "",
                "questions": self._mrc_followup_questions(followup),
                "answered": post.get("answered"),
                "error": error,
                "page_name": "mrc_followup",
            }
        )
        return request.render("mrc_cases.portal_my_mrc_followup", values)
