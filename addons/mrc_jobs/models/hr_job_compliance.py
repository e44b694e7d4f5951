"""Rule 1 on hr.job in words: every reason that keeps a vacancy from migrants (its
organisations, licences, fee, wage, publication), as ``(code, words)`` pairs; the fields and
the eligibility computes that use them are in hr_job.py."""

from odoo import api, fields, models

from ..lib.wages import below_minimum
from .hr_job import ELIGIBILITY_DEPENDS


def _money(amount):
    """An amount as words show it: thousands separated, two decimals."""
    return f"{amount:,.2f}"


class HrJob(models.Model):
    _inherit = "hr.job"

    def _mrc_unlicensed_agencies(self):
        """The agencies of these vacancies without a licence valid today (as superuser: only
        that answer leaves the method)."""
        return self.sudo().mrc_agency_id.filtered(lambda agency: not agency.mrc_has_valid_license)

    def _mrc_offer_problems(self, minimum_wages=None):
        """Every problem that keeps this vacancy from migrants today: rule 1's (stored in
        ``mrc_is_eligible``) and the agency's licence (rule 2, checked as of today)."""
        return self._mrc_compliance_problems(minimum_wages) + self._mrc_licence_problems()

    def _mrc_licence_problems(self):
        """Rule 2 as of today: a licence lapses at midnight; the daily licence check then
        suspends the agency, which makes the vacancy ineligible for good."""
        self.ensure_one()
        if self.mrc_agency_id and self._mrc_unlicensed_agencies():
            return [
                (
                    "licence",
                    self.env._(
                        "The recruitment agency %s holds no licence valid today.",
                        self.mrc_agency_id.name,
                    ),
                )
            ]
        return []

    @api.depends_context("lang", "uid")
    @api.depends(*ELIGIBILITY_DEPENDS)
    def _compute_mrc_compliance_issues(self):
        """The problems in words, in the reader's language and as of today; an organisation's
        vetting and flag are detailed only to the staff allowed to read them (rule 4)."""
        minimum_wages = self.env["mrc.minimum.wage"]._mrc_for_countries(self.mrc_country_id)
        for job in self:
            problems = job._mrc_offer_problems(minimum_wages)
            job.mrc_compliance_issues = "\n".join(message for _code, message in problems) or False

    def _mrc_compliance_problems(self, minimum_wages=None):
        """Return the problems that keep this vacancy from rule 1, as (code, words) pairs.

        Codes: ``employer``, ``agency``, ``fee``, ``wage``, ``closed``, ``deadline``,
        ``positions``. An empty list means the vacancy is eligible.
        """
        self.ensure_one()
        if minimum_wages is None:
            minimum_wages = self.env["mrc.minimum.wage"]._mrc_for_countries(self.mrc_country_id)
        problems = []
        if not self.mrc_employer_id:
            problems.append(("employer", self.env._("No employer is set.")))
        problems += self._mrc_organisation_problems(self.mrc_employer_id, "employer")
        problems += self._mrc_organisation_problems(self.mrc_agency_id, "agency")
        if self.mrc_worker_fee_amount > 0:
            problems.append(
                (
                    "fee",
                    self.env._(
                        "The worker is charged %(amount)s %(currency)s: fair recruitment "
                        "forbids fees or costs charged to workers.",
                        amount=_money(self.mrc_worker_fee_amount),
                        currency=self.mrc_wage_currency_id.name or "",
                    ),
                )
            )
        problems += self._mrc_wage_problems(minimum_wages.get(self.mrc_country_id.id))
        problems += self._mrc_open_problems()
        return problems

    def _mrc_reads_vetting(self):
        """Whether the reader may see why an organisation is not safe (rule 4): liaison and
        complaints staff do; counsellors see only that it is not cleared."""
        user = self.env.user
        return (
            self.env.su
            or user.has_group("mrc_recruiters.group_mrc_liaison")
            or user.has_group("mrc_recruiters.group_mrc_complaints")
        )

    def _mrc_organisation_problems(self, partner, code):
        if not partner or partner.mrc_is_safe:
            return []
        role = self.env._("employer") if code == "employer" else self.env._("recruitment agency")
        if not self._mrc_reads_vetting():
            return [
                (
                    code,
                    self.env._(
                        "The %(role)s %(name)s is not cleared by the employer liaison.",
                        role=role,
                        name=partner.name,
                    ),
                )
            ]
        # the vetting state and the flag are liaison and complaints fields (rule 4)
        partner = partner.sudo()
        if partner.mrc_is_flagged:
            return [
                (
                    code,
                    self.env._("The %(role)s %(name)s is flagged.", role=role, name=partner.name),
                )
            ]
        states = dict(partner._fields["mrc_vetting_state"]._description_selection(self.env))
        return [
            (
                code,
                self.env._(
                    "The %(role)s %(name)s is not vetted (%(state)s).",
                    role=role,
                    name=partner.name,
                    state=states.get(partner.mrc_vetting_state, partner.mrc_vetting_state),
                ),
            )
        ]

    def _mrc_wage_problems(self, minimum):
        if not self.mrc_wage_amount or not self.mrc_wage_period:
            return [("wage", self.env._("The wage is not stated."))]
        if not minimum:
            return []
        amount = self.mrc_wage_amount
        currency = self.mrc_wage_currency_id or minimum.currency_id
        if currency != minimum.currency_id:
            amount = currency._convert(
                amount,
                minimum.currency_id,
                self.company_id or self.env.company,
                fields.Date.today(),
            )
        if not below_minimum(
            amount, self.mrc_wage_period, minimum.amount, minimum.period, self.mrc_hours_per_week
        ):
            return []
        periods = dict(self._fields["mrc_wage_period"]._description_selection(self.env))
        return [
            (
                "wage",
                self.env._(
                    "The wage (%(amount)s %(currency)s per %(period)s) is below the minimum wage "
                    "of %(country)s (%(min_amount)s %(min_currency)s per %(min_period)s).",
                    amount=_money(self.mrc_wage_amount),
                    currency=currency.name,
                    period=periods.get(self.mrc_wage_period, "").lower(),
                    country=self.mrc_country_id.name,
                    min_amount=_money(minimum.amount),
                    min_currency=minimum.currency_id.name,
                    min_period=periods.get(minimum.period, "").lower(),
                ),
            )
        ]

    def _mrc_open_problems(self):
        problems = []
        if not self.active or not self.mrc_is_published:
            problems.append(("closed", self.env._("The vacancy is not published.")))
        if self.mrc_deadline and self.mrc_deadline < self.env.company._mrc_today():
            problems.append(
                (
                    "deadline",
                    self.env._("The application deadline (%s) has passed.", self.mrc_deadline),
                )
            )
        if self.no_of_recruitment - self.no_of_hired_employee <= 0:
            problems.append(("positions", self.env._("No positions are left.")))
        return problems
