from odoo.addons.mrc_jobs.tests.common import MrcJobsCase

ALL_KEPT = {
    "answer_wage": "yes",
    "answer_contract": "yes",
    "answer_documents": "yes",
    "answer_fees": "no",
    "answer_hours": "yes",
    "answer_housing": "yes",
    "answer_recommend": "yes",
}


class FollowupCase(MrcJobsCase):
    """The migrant referred by the counsellor and hired: her placement plans the follow-ups."""

    def _place(self, candidate=None, job=None):
        match = self._make_match(candidate=candidate, job=job)
        match.with_user(self.counsellor).action_refer()
        applicant = match.applicant_id
        applicant.with_user(self.counsellor).write(
            {"stage_id": self.env.ref("mrc_jobs.stage_hired").id}
        )
        return applicant

    def _answer(self, followup, user=None, **answers):
        followup = followup.with_user(user or self.counsellor)
        followup.write(dict(ALL_KEPT, **answers))
        followup.action_mrc_answered()
        return followup
