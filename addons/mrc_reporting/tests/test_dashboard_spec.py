"""Plain pytest functions for the dashboard's spreadsheet builder (no database)."""

import json
from pathlib import Path

from odoo.addons.mrc_reporting.lib import dashboard_spec as spec

TABS = [
    "Migrants",
    "Services",
    "Referrals",
    "Placements",
    "Complaints",
    "Remedies",
    "Organisations",
]


def test_shipped_file_is_the_built_document():
    path = Path(spec.__file__).parent.parent / "data/files/mrc_dashboard.json"
    assert json.loads(path.read_text()) == spec.build()


def test_one_tab_per_subject_with_filters():
    document = spec.build()
    assert [sheet["name"] for sheet in document["sheets"]] == TABS
    assert [item["id"] for item in document["globalFilters"]] == [
        spec.PERIOD,
        spec.SEX,
        spec.NATIONALITY,
        spec.CORRIDOR,
    ]


def test_every_source_counts_clients_and_has_the_period():
    sources = spec.sources(spec.build())
    assert list(sources) == TABS
    for tab, asked in sources.items():
        assert asked, tab
        for model, domain, groupby, measures, period in asked:
            assert measures and isinstance(groupby, list)
            if model != "res.partner":
                assert "mrc_is_client" in json.dumps(domain), (tab, model)
                assert period, (tab, model)


def test_pivot_cells_point_to_existing_pivots():
    document = spec.build()
    for sheet in document["sheets"]:
        for cell in sheet["cells"].values():
            if cell["content"].startswith("=PIVOT.VALUE("):
                pivot_id = cell["content"].split("(")[1].split(",")[0]
                assert pivot_id in document["pivots"]
