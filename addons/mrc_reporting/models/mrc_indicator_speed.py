"""The client condition of the indicators, written so that PostgreSQL can use it at scale.

``(person.mrc_is_client, =, True)`` becomes ``person IN (SELECT id FROM hr_candidate WHERE
mrc_is_client)``: with 300,000 clients that subquery is a 300,000-row hash for each of the
indicator set's queries, and inside the ``OR person IS NULL`` of indicators whose migrant is
optional (complaints, remedies, training) PostgreSQL cannot hash it and rescans it for every
row (measured on the benchmark's world: one count of settled complaints took 58 s). Nearly
every card is a client, so the same set is written as "not one of the non-clients"
(``person not any [mrc_is_client = False]``): a subquery of a few rows, hashed (34 ms for that
count). Same records: the migrant is set (unless optional) and is not a non-client.

Two covering indexes (the ``init`` of the services in ``reporting_person_fields.py``, of
the cards in ``hr_candidate.py``), measured on the benchmark's 1,000,000 services and 300,000
cards (``tests/bench/bench_me.py``): the year's services are read from an index on their date
that carries the migrant, type and centre (an index-only scan of ~190,000 entries instead of a
bitmap scan of ~50,000 table pages), and the migrant's profile from an index on the card's id
that carries it. Indicator set 8.0 s -> 4.0 s (its SQL 7.1 s -> 3.2 s), same rows.
"""

from odoo import models


class MrcIndicator(models.Model):
    _inherit = "mrc.indicator"  # pylint: disable=consider-merging-classes-inherited

    def _mrc_domain(self, model, spec, context):
        domain = super()._mrc_domain(model, spec, context)
        person = spec.get("person")
        if not person:
            return domain
        client = (f"{person}.mrc_is_client", "=", True)
        not_other = (person, "not any", [("mrc_is_client", "=", False)])
        result = []
        for leaf in domain:
            if isinstance(leaf, tuple | list) and tuple(leaf) == client:
                if spec.get("person_optional"):
                    result.append(not_other)
                else:
                    result += ["&", (person, "!=", False), not_other]
            else:
                result.append(leaf)
        return result
