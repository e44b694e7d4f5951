import json
from datetime import timedelta

from odoo import Command
from odoo.tests import TransactionCase, new_test_user

# What a refusal looks like in a JSON-RPC error (anything else is a server error).
RPC_REFUSALS = {
    "odoo.exceptions.AccessError",
    "odoo.exceptions.UserError",
    "odoo.exceptions.ValidationError",
}


def call_kw(case, model, method, args, kwargs=None, timeout=12):
    """Call ``model.method(*args, **kwargs)`` the way a client does: a JSON-RPC POST to
    ``/web/dataset/call_kw`` over HTTP, as the user of the session (``case`` is an
    :class:`~odoo.tests.HttpCase` that called ``self.authenticate(login, password)``), waiting
    at most ``timeout`` seconds for the answer (``url_open``'s default unless given).

    :return: the decoded answer, with ``result`` or ``error`` (its ``data.name`` is the
        exception's class, for example ``odoo.exceptions.AccessError``)
    """
    payload = {
        "jsonrpc": "2.0",
        "method": "call",
        "id": 1,
        "params": {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
    }
    response = case.url_open(
        f"/web/dataset/call_kw/{model}/{method}",
        data=json.dumps(payload),
        headers={"Content-Type": "application/json"},
        timeout=timeout,
    )
    case.assertEqual(response.status_code, 200, f"{model}.{method}: HTTP {response.status_code}")
    return response.json()


def rpc_error(answer):
    """The exception class name of a JSON-RPC answer, or None when the call succeeded."""
    if "error" not in answer:
        return None
    return answer["error"].get("data", {}).get("name") or answer["error"].get("message")


def assert_rpc_refused(case, answer, msg=""):
    """Assert that a JSON-RPC answer is a refusal (access, user or validation error), not a
    success and not a server error."""
    name = rpc_error(answer)
    case.assertIsNotNone(name, f"accepted: {msg} -> {answer.get('result')!r}")
    case.assertIn(name, RPC_REFUSALS, f"not a refusal but {name}: {msg}")
    return name


class MrcRecruitersCase(TransactionCase):
    """Users for each role, an employer and an agency ready to be vetted, helpers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=False))
        cls.today = cls.env.company._mrc_today()
        group = "mrc_recruiters.group_mrc_"
        cls.counsellor = new_test_user(
            cls.env, login="t_counsellor", groups=f"base.group_user,{group}counsellor"
        )
        cls.liaison = new_test_user(
            cls.env, login="t_liaison", groups=f"base.group_user,{group}liaison"
        )
        cls.officer = new_test_user(
            cls.env, login="t_officer", groups=f"base.group_user,{group}complaints"
        )
        cls.manager = new_test_user(
            cls.env, login="t_manager", groups=f"base.group_user,{group}manager"
        )
        cls.portal_user = new_test_user(cls.env, login="t_portal", groups="base.group_portal")
        cls.other_portal_user = new_test_user(
            cls.env, login="t_portal2", groups="base.group_portal"
        )
        cls.env["ir.config_parameter"].sudo().set_param("mrc_recruiters.risk_threshold", "60")
        cls.env["ir.config_parameter"].sudo().set_param("mrc_recruiters.risk_half_life_days", "365")
        cls.env["ir.config_parameter"].sudo().set_param("mrc_recruiters.license_warning_days", "30")
        Partner = cls.env["res.partner"]
        cls.employer = Partner.create(
            {
                "name": "Test Farms Ltd",
                "is_company": True,
                "mrc_is_employer": True,
                "country_id": cls.env.ref("base.ca").id,
                "mrc_liaison_user_id": cls.liaison.id,
            }
        )
        cls.agency = Partner.create(
            {
                "name": "Test Manpower Agency",
                "is_company": True,
                "mrc_is_agency": True,
                "country_id": cls.env.ref("base.np").id,
                "mrc_liaison_user_id": cls.liaison.id,
            }
        )
        cls.person = Partner.create({"name": "Juan Pérez", "is_company": False})
        cls.cat_fees = cls.env.ref("mrc_recruiters.complaint_category_fees")
        cls.cat_wages = cls.env.ref("mrc_recruiters.complaint_category_wage_theft")

    @classmethod
    def _license(cls, partner, number="LIC-1", days_left=365, **vals):
        """A licence for ``partner`` that started a year ago and ends in ``days_left`` days."""
        return cls.env["mrc.recruiter.license"].create(
            {
                "name": number,
                "partner_id": partner.id,
                "authority": "Department of Foreign Employment",
                "country_id": cls.env.ref("base.np").id,
                "date_from": cls.today - timedelta(days=365),
                "date_to": cls.today + timedelta(days=days_left),
                **vals,
            }
        )

    @classmethod
    def _prepare_for_vetting(cls, partner):
        """Everything rule 2 asks for: checklist passed, pledge, licence for an agency."""
        if partner.mrc_is_agency and not partner.mrc_license_ids:
            cls._license(partner, number=f"LIC-{partner.id}")
        partner.with_user(cls.liaison).action_mrc_submit_review()
        partner.with_user(cls.liaison).action_mrc_load_checklist()
        partner.mrc_check_ids.with_user(cls.liaison).write({"result": "pass"})
        partner.with_user(cls.liaison).write({"mrc_pledge_date": cls.today})

    @classmethod
    def _vet(cls, partner):
        cls._prepare_for_vetting(partner)
        partner.with_user(cls.liaison).action_mrc_vet()
        return partner

    def _complaint(self, partner=None, **vals):
        values = {
            "partner_id": (partner or self.employer).id,
            "category_ids": [Command.link(self.cat_fees.id)],
            "severity": "medium",
            "description": "I paid 1500 USD to the agency before leaving.",
            **vals,
        }
        return self.env["mrc.complaint"].with_user(self.officer).create(values)

    def _resolve(self, complaint):
        """Move a complaint through the workflow to resolved (substantiated)."""
        complaint = complaint.with_user(self.officer)
        complaint.write({"outcome": "Fees refunded."})
        complaint.action_triage()
        complaint.action_investigate()
        complaint.action_resolve()
        return complaint
