"""The migrant's service referrals and trainings on the portal.

Ownership is the record rules' (security/mrc_cases_referral_security.xml): every list and page
reads as the portal user, so another migrant's id answers 404 exactly like a missing one. A
referral shows only the provider, the service and the state; the names of providers, services
and training places are read with ``sudo()``, names only. A registration is created for the
migrant as superuser after the controller's own checks, with values it sets itself.
"""

from odoo import fields, http
from odoo.exceptions import UserError, ValidationError
from odoo.http import request

from odoo.addons.mrc_jobs.controllers.portal import MrcCustomerPortal
from odoo.addons.mrc_recruiters.controllers.portal import ID


class MrcCasesPortal(MrcCustomerPortal):
    # ------------------------------------------------------------------ home
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        env = request.env
        if "mrc_service_referral_count" in counters:
            Referral = env["mrc.service.referral"]
            values["mrc_service_referral_count"] = (
                Referral.search_count([]) if env.user.share and Referral.has_access("read") else 0
            )
        if "mrc_training_count" in counters:
            Event = env["event.event"]
            values["mrc_training_count"] = (
                Event.search_count(Event._mrc_portal_domain())
                if env.user.share and Event.has_access("read")
                else 0
            )
        return values

    # ------------------------------------------------------------------ referrals
    def _mrc_referral_names(self, referrals):
        """Provider and service names of the migrant's own referrals (names only)."""
        return {
            r.id: {"provider": r.partner_id.name or "", "service": r.service_type_id.name or ""}
            for r in referrals.sudo()
        }

    @http.route(
        ["/my/referrals", "/my/referrals/page/<int:page>"], type="http", auth="user", website=True
    )
    def portal_mrc_referrals(self, page=1, **kw):
        Referral = request.env["mrc.service.referral"]
        values = self._prepare_portal_layout_values()
        referrals, pager = self._mrc_paged(
            "mrc.service.referral", [], "/my/referrals", page, order="date_sent desc, id desc"
        )
        request.session["my_mrc_referrals_history"] = referrals.ids[:100]
        values.update(
            {
                "page_name": "mrc_referrals",
                "default_url": "/my/referrals",
                "referrals": referrals,
                "names": self._mrc_referral_names(referrals),
                "pager": pager,
                "state_labels": self._mrc_labels(Referral, "state"),
            }
        )
        return request.render("mrc_cases.portal_my_mrc_referrals", values)

    @http.route([f"/my/referrals/<{ID}:referral_id>"], type="http", auth="user", website=True)
    def portal_mrc_referral(self, referral_id, **kw):
        referral = self._mrc_own_record("mrc.service.referral", referral_id)
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "mrc_referral",
                "referral": referral,
                "names": self._mrc_referral_names(referral)[referral.id],
                "state_labels": self._mrc_labels(referral, "state"),
            }
        )
        return request.render("mrc_cases.portal_my_mrc_referral", values)

    # ------------------------------------------------------------------ trainings
    def _mrc_training_values(self, **extra):
        env = request.env
        Event = env["event.event"]
        values = self._prepare_portal_layout_values()
        trainings = Event.search(Event._mrc_portal_domain(), order="date_begin, id", limit=50)
        registrations = env["event.registration"].search(
            [("partner_id", "=", env.user.partner_id.id)], order="id desc", limit=100
        )
        registered = set(registrations.filtered(lambda r: r.state != "cancel").event_id.ids)
        facts = {}
        for event in (trainings | registrations.event_id).sudo():
            facts[event.id] = {
                "name": event.name,
                "place": event.address_id.name or "",
                "full": event.event_registrations_sold_out,
                "open": event.event_registrations_open,
            }
        values.update(
            {
                "page_name": "mrc_trainings",
                "trainings": trainings,
                "registrations": registrations,
                "registered": registered,
                "facts": facts,
                "kind_labels": self._mrc_labels(Event, "mrc_kind"),
                "state_labels": self._mrc_labels(env["event.registration"], "state"),
            }
        )
        values.update(extra)
        return values

    @http.route(["/my/trainings"], type="http", auth="user", website=True)
    def portal_mrc_trainings(self, **kw):
        done = kw.get("done") if kw.get("done") in ("registered", "cancelled") else None
        return request.render(
            "mrc_cases.portal_my_mrc_trainings", self._mrc_training_values(done=done)
        )

    def _mrc_portal_training(self, event_id):
        """A training open to migrants and not over, read as the migrant; else 404."""
        Event = request.env["event.event"]
        event = Event.search(Event._mrc_portal_domain() + [("id", "=", event_id)], limit=1)
        if not event:
            raise request.not_found()
        return event

    @http.route(
        [f"/my/trainings/<{ID}:event_id>/register"],
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_mrc_training_register(self, event_id, **kw):
        """Register the migrant for a training under her own contact and client card."""
        env = request.env
        if not env.user.share:
            raise request.not_found()
        event = self._mrc_portal_training(event_id)
        candidate = self._mrc_candidate()
        partner = env.user.partner_id
        try:
            if not candidate:
                raise UserError(
                    env._(
                        "Your client card is not ready yet: ask your counsellor at the centre "
                        "to open it."
                    )
                )
            taken = env["event.registration"].search_count(
                [("event_id", "=", event.id), ("state", "!=", "cancel")]
            )
            if taken:
                raise UserError(env._("You are already registered for this training."))
            if not event.sudo().event_registrations_open:
                raise UserError(env._("Registration for this training is closed or it is full."))
            env["event.registration"].sudo().create(
                {
                    "event_id": event.id,
                    "partner_id": partner.id,
                    "mrc_candidate_id": candidate.id,
                    "name": partner.name,
                    "email": partner.email,
                    "phone": partner.phone,
                }
            )
        except (UserError, ValidationError) as exc:
            env.cr.rollback()
            return request.render(
                "mrc_cases.portal_my_mrc_trainings",
                self._mrc_training_values(error=exc.args[0]),
                status=400,
            )
        return request.redirect("/my/trainings?done=registered")

    @http.route(
        [f"/my/trainings/registrations/<{ID}:registration_id>/cancel"],
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_mrc_training_cancel(self, registration_id, **kw):
        """Cancel the migrant's own registration to a training that has not started."""
        registration = self._mrc_own_record("event.registration", registration_id)
        own = registration.sudo()
        if own.state in ("draft", "open") and own.event_id.date_begin > fields.Datetime.now():
            own.action_cancel()
            return request.redirect("/my/trainings?done=cancelled")
        return request.render(
            "mrc_cases.portal_my_mrc_trainings",
            self._mrc_training_values(
                error=request.env._("This registration can no longer be cancelled.")
            ),
            status=400,
        )
