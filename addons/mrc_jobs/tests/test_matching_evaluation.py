import logging
import sys

from odoo import Command
from odoo.tests import tagged

from odoo.addons.hr_recruitment_skills.models.hr_job import HrJob as StockHrJob

from .common import MrcJobsCase

_logger = logging.getLogger(__name__)

# Eight trades, three skills each: (English name, Spanish name).
TRADES = {
    "welding": [
        ("Arc welding", "Soldadura por arco"),
        ("Metal cutting", "Corte de metales"),
        ("Blueprint reading", "Lectura de planos"),
    ],
    "cooking": [
        ("Food preparation", "Preparación de alimentos"),
        ("Kitchen hygiene", "Higiene en la cocina"),
        ("Pastry baking", "Repostería"),
    ],
    "farming": [
        ("Fruit harvesting", "Cosecha de frutas"),
        ("Pesticide handling", "Manejo de pesticidas"),
        ("Irrigation", "Riego"),
    ],
    "construction": [
        ("Bricklaying", "Albañilería"),
        ("Concrete mixing", "Mezcla de hormigón"),
        ("Scaffolding", "Andamiaje"),
    ],
    "care": [
        ("Elderly care", "Cuidado de ancianos"),
        ("First aid", "Primeros auxilios"),
        ("Medication administration", "Administración de medicamentos"),
    ],
    "driving": [
        ("Truck driving", "Conducción de camiones"),
        ("Vehicle maintenance", "Mantenimiento de vehículos"),
        ("Route planning", "Planificación de rutas"),
    ],
    "cleaning": [
        ("Industrial cleaning", "Limpieza industrial"),
        ("Waste sorting", "Clasificación de residuos"),
        ("Floor polishing", "Pulido de suelos"),
    ],
    "electrical": [
        ("Electrical wiring", "Cableado eléctrico"),
        ("Circuit testing", "Prueba de circuitos"),
        ("Solar panel installation", "Instalación de paneles solares"),
    ],
}
TOP = 5


def misspell(name):
    """A typo a counsellor or a CV might make: one letter of the longest word dropped."""
    words = name.split()
    longest = max(range(len(words)), key=lambda i: len(words[i]))
    word = words[longest]
    words[longest] = word[:3] + word[4:]
    return " ".join(words)


@tagged("post_install", "-at_install")
class TestMatchingEvaluation(MrcJobsCase):
    """A labelled evaluation: for each trade one vacancy and five migrants who truly fit it,
    each describing the same skills differently (English records, Spanish records, typos in
    either language, a mix), and each also holding one exact skill of the next trade. The
    engine and Odoo's stock exact-overlap method rank the migrants for every vacancy;
    precision@5 and recall@5 measure how many of the five right migrants come first."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["hr.candidate"].search([]).active = False  # only the labelled migrants
        skill_type = cls.env["hr.skill.type"].create(
            {
                "name": "Trades (evaluation)",
                "skill_level_ids": [Command.create({"name": "Able", "level_progress": 100})],
            }
        )
        cls.eval_type = skill_type
        level = skill_type.skill_level_ids
        names = sorted(
            {
                variant
                for skills in TRADES.values()
                for english, spanish in skills
                for variant in (english, spanish, misspell(english), misspell(spanish))
            }
        )
        records = cls.env["hr.skill"].create(
            [{"name": name, "skill_type_id": skill_type.id} for name in names]
        )
        skill = dict(zip(names, records))
        # the taxonomy knows each English skill's Spanish name, as mrc_skills' aliases do
        cls.env["mrc.skill.alias"].create(
            [
                {"skill_id": skill[english].id, "name": spanish, "lang": "es"}
                for skills in TRADES.values()
                for english, spanish in skills
            ]
        )
        trades = list(TRADES)
        cls.vacancies, cls.relevant = {}, {}
        for position, trade in enumerate(trades):
            skills = TRADES[trade]
            english = [skill[e] for e, _s in skills]
            job = cls._make_vacancy(
                f"{trade.capitalize()} worker",
                skill_ids=[Command.set([s.id for s in english])],
                mrc_skill_requirement_ids=[
                    Command.create({"skill_id": s.id, "skill_type_id": skill_type.id})
                    for s in english
                ],
            )
            cls.vacancies[trade] = job
            following = TRADES[trades[(position + 1) % len(trades)]][0][0]
            variants = [
                [e for e, _s in skills],
                [s for _e, s in skills],
                [misspell(e) for e, _s in skills],
                [misspell(s) for _e, s in skills],
                [skills[0][0], skills[1][1], misspell(skills[2][0])],
            ]
            migrants = cls.env["hr.candidate"].create(
                [
                    {
                        "partner_name": f"{trade} migrant {index}",
                        "mrc_consent_share": True,
                        "candidate_skill_ids": [
                            Command.create(
                                {
                                    "skill_id": skill[name].id,
                                    "skill_type_id": skill_type.id,
                                    "skill_level_id": level.id,
                                }
                            )
                            for name in [*variant, following]
                        ],
                    }
                    for index, variant in enumerate(variants)
                ]
            )
            cls.relevant[trade] = set(migrants.ids)

    def _stock_top(self, job):
        """Odoo's "Search Matching Candidates": its domain, then its own matching score."""
        action = StockHrJob.action_search_matching_candidates(job)
        candidates = (
            self.env["hr.candidate"].with_context(active_id=job.id).search(action["domain"])
        )
        ranked = sorted(candidates, key=lambda c: (-c.matching_score, c.id))
        return [candidate.id for candidate in ranked[:TOP]]

    def _engine_top(self, job):
        """The counsellor's "Find candidates": the first ``TOP`` of the vacancy's matches."""
        action = job.with_user(self.counsellor).action_mrc_find_candidates()
        matches = self.env["mrc.match"].search(action["domain"], order="score desc, id")
        return matches[:TOP].candidate_id.ids

    def _evaluate(self, method):
        precision = recall = 0.0
        for trade, job in self.vacancies.items():
            found = method(job)
            hits = len(set(found) & self.relevant[trade])
            precision += hits / TOP
            recall += hits / len(self.relevant[trade])
        return precision / len(self.vacancies), recall / len(self.vacancies)

    def test_engine_beats_stock_exact_overlap(self):
        """On spelling variants and Spanish names the engine finds the right migrants that the
        stock exact-overlap method misses (precision@5 and recall@5 both higher)."""
        engine = self._evaluate(self._engine_top)
        stock = self._evaluate(self._stock_top)
        report = (
            f"matching evaluation ({len(self.vacancies)} vacancies, "
            f"{sum(map(len, self.relevant.values()))} labelled migrants): "
            f"engine precision@5={engine[0]:.2f} recall@5={engine[1]:.2f}; "
            f"stock exact overlap precision@5={stock[0]:.2f} recall@5={stock[1]:.2f}"
        )
        sys.stdout.write(report + "\n")  # shown by pytest -rP or -s
        _logger.info(report)
        self.assertGreater(engine[0], stock[0], f"engine not ahead in precision: {report}")
        self.assertGreater(engine[1], stock[1], f"engine not ahead in recall: {report}")
        self.assertGreaterEqual(engine[0], 0.9, f"engine precision too low: {report}")
