from odoo.tests import new_test_user

GROUP = "mrc_recruiters.group_mrc_"


class MrcCasesFixtures:
    """Staff of each role with their counsellor profile set by a manager, a migrant, and
    helpers that take intakes and answer the screening the way counsellors do."""

    @classmethod
    def _setup_staff(cls):
        def user(login, role):
            return new_test_user(cls.env, login=login, groups=f"base.group_user,{GROUP}{role}")

        cls.manager = user("c1_manager", "manager")
        cls.officer = user("c1_officer", "complaints")
        cls.liaison = user("c1_liaison", "liaison")
        # a woman trained in GBV, a trained man, an untrained woman, another counsellor
        cls.gbv_counsellor = user("c1_gbv", "counsellor")
        cls.male_counsellor = user("c1_male", "counsellor")
        cls.untrained_counsellor = user("c1_untrained", "counsellor")
        cls.other_counsellor = user("c1_other", "counsellor")
        profiles = [
            (cls.gbv_counsellor, "female", True),
            (cls.male_counsellor, "male", True),
            (cls.untrained_counsellor, "female", False),
            (cls.other_counsellor, "female", True),
        ]
        for counsellor, sex, trained in profiles:
            counsellor.with_user(cls.manager).write({"mrc_sex": sex, "mrc_is_gbv_trained": trained})
        cls.indicator_wages = cls.env.ref("mrc_cases.indicator_wages")
        cls.indicator_documents = cls.env.ref("mrc_cases.indicator_documents")
        cls.indicator_harassment = cls.env.ref("mrc_cases.indicator_harassment")

    @classmethod
    def _intake(cls, counsellor, name="C1 Migrant", **vals):
        """A migrant's client card and intake, taken by ``counsellor``."""
        candidate = (
            cls.env["hr.candidate"]
            .with_user(counsellor)
            .create({"partner_name": name, "mrc_gender": "female"})
        )
        return (
            cls.env["mrc.intake"]
            .with_user(counsellor)
            .create({"candidate_id": candidate.id, "channel": "walk_in", **vals})
        )

    @classmethod
    def _answer(cls, intake, indicator, answer="yes"):
        line = intake.answer_ids.filtered(lambda a: a.indicator_id == indicator)
        line.write({"answer": answer})
        return line
