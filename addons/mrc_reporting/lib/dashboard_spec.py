"""The MRC dashboard's spreadsheet (``data/files/mrc_dashboard.json``), built from a short spec.

``build()`` returns the o-spreadsheet document Odoo 18's ``spreadsheet_dashboard`` reads (the
format of Odoo's own dashboards: version 21, ODOO pivots with ``PIVOT.VALUE`` cells, ``odoo_*``
charts, global filters with a field matching per data source). ``python3 -m`` this module
writes the file; a test checks the file is what ``build()`` gives. No Odoo import.

Every data source counts the centre's clients only (``mrc_is_client``), archived (erased)
cards included. Global filters: period (last 12 months by default), sex (``female``, ``male``,
``non_binary``, ``undisclosed``, ``unknown``), nationality and corridor.
"""

import json
import sys
from pathlib import Path

PERIOD = "3f1c2a7e-6b1d-4c1e-9a3e-0d5b8a7c1001"
SEX = "3f1c2a7e-6b1d-4c1e-9a3e-0d5b8a7c1002"
NATIONALITY = "3f1c2a7e-6b1d-4c1e-9a3e-0d5b8a7c1003"
CORRIDOR = "3f1c2a7e-6b1d-4c1e-9a3e-0d5b8a7c1004"
GLOBAL_FILTERS = [
    {
        "id": PERIOD,
        "type": "date",
        "label": "Period",
        "defaultValue": "last_year",
        "rangeType": "relative",
    },
    {
        "id": SEX,
        "type": "text",
        "label": "Sex (female, male, non_binary, undisclosed, unknown)",
        "defaultValue": "",
    },
    {
        "id": NATIONALITY,
        "type": "relation",
        "label": "Nationality",
        "modelName": "res.country",
        "defaultValue": [],
        "defaultValueDisplayNames": [],
    },
    {
        "id": CORRIDOR,
        "type": "relation",
        "label": "Corridor",
        "modelName": "mrc.corridor",
        "defaultValue": [],
        "defaultValueDisplayNames": [],
    },
]
BOTH_ACTIVE = ["|", ["active", "=", True], ["active", "=", False]]


def _client(path, optional=False):
    """Clients only. Through a link, written "not a non-client" (a few-row subquery that
    PostgreSQL hashes, see models/mrc_indicator_speed.py); ``optional``: no migrant counts too
    (anonymous complaints)."""
    if not path:
        return [["mrc_is_client", "=", True], *BOTH_ACTIVE]
    not_other = [path, "not any", [["mrc_is_client", "=", False]]]
    return [not_other] if optional else [[path, "!=", False], not_other]


# name, model, domain, (date field, type), person fields (or None), KPIs, charts
TABS = [
    {
        "name": "Migrants",
        "model": "hr.candidate",
        "domain": _client(""),
        "date": ("create_date", "datetime"),
        "person": ("mrc_rep_sex", "mrc_nationality_id", "mrc_rep_corridor_id"),
        "kpis": [("New clients", "__count", [])],
        "charts": [
            ("New clients by month", "odoo_line", ["create_date:month"], "__count"),
            ("New clients by sex", "odoo_pie", ["mrc_gender"], "__count"),
            ("New clients by nationality", "odoo_bar", ["mrc_nationality_id"], "__count"),
            ("New clients by migration status", "odoo_bar", ["mrc_migration_status"], "__count"),
        ],
    },
    {
        "name": "Services",
        "model": "mrc.candidate.service",
        "domain": _client("candidate_id"),
        "date": ("date", "date"),
        "person": ("mrc_rep_sex", "mrc_rep_nationality_id", "mrc_rep_corridor_id"),
        "kpis": [("Services given", "__count", [])],
        "charts": [
            ("Services by type", "odoo_bar", ["service_type"], "__count"),
            ("Services by month", "odoo_line", ["date:month"], "__count"),
            ("Services by sex", "odoo_pie", ["gender"], "__count"),
        ],
    },
    {
        "name": "Referrals",
        "model": "mrc.service.referral",
        "domain": [*_client("candidate_id"), ["date_sent", "!=", False]],
        "date": ("date_sent", "date"),
        "person": ("mrc_rep_sex", "mrc_rep_nationality_id", "mrc_rep_corridor_id"),
        "kpis": [("Referrals made", "__count", [])],
        "charts": [
            ("Referrals by provider", "odoo_bar", ["partner_id"], "__count"),
            ("Referrals by state", "odoo_pie", ["state"], "__count"),
            ("Referrals by service", "odoo_bar", ["service_type_id"], "__count"),
        ],
    },
    {
        "name": "Placements",
        "model": "hr.applicant",
        "domain": [*_client("candidate_id"), ["mrc_is_placed", "=", True]],
        "date": ("mrc_placement_date", "date"),
        "person": ("mrc_rep_sex", "mrc_rep_nationality_id", "mrc_rep_corridor_id"),
        "kpis": [("Placements", "__count", [])],
        "charts": [
            ("Placements by month", "odoo_line", ["mrc_placement_date:month"], "__count"),
            ("Placements by sex", "odoo_pie", ["mrc_gender"], "__count"),
            ("Placements by vacancy", "odoo_bar", ["job_id"], "__count"),
        ],
    },
    {
        "name": "Complaints",
        "model": "mrc.complaint",
        "domain": _client("candidate_id", optional=True),
        "date": ("date_received", "date"),
        "person": ("mrc_rep_sex", "mrc_rep_nationality_id", "mrc_rep_corridor_id"),
        "kpis": [("Complaints received", "__count", [])],
        "charts": [
            ("Complaints by category", "odoo_bar", ["category_ids"], "__count"),
            ("Complaints by state", "odoo_pie", ["state"], "__count"),
            ("Complaints by sex of the complainant", "odoo_pie", ["mrc_rep_gender"], "__count"),
            (
                "Compensation awarded by month",
                "odoo_line",
                ["date_received:month"],
                "compensation_awarded",
            ),
        ],
    },
    {
        "name": "Remedies",
        "model": "mrc.complaint.remedy",
        "domain": _client("complaint_id.candidate_id", optional=True),
        "date": ("date", "date"),
        "person": ("mrc_rep_sex", "mrc_rep_nationality_id", "mrc_rep_corridor_id"),
        "kpis": [("Remedies obtained", "__count", []), ("Money paid", "amount", [])],
        "charts": [
            ("Remedies by kind", "odoo_bar", ["kind"], "__count"),
            ("Money paid by month", "odoo_line", ["date:month"], "amount"),
            ("Confirmed by the migrant", "odoo_pie", ["is_confirmed"], "__count"),
        ],
    },
    {
        "name": "Organisations",
        "model": "res.partner",
        "domain": [
            ["is_company", "=", True],
            "|",
            ["mrc_is_agency", "=", True],
            ["mrc_is_employer", "=", True],
        ],
        "date": None,
        "person": None,
        "kpis": [("Organisations", "__count", [])],
        "charts": [
            ("Organisations by vetting state", "odoo_pie", ["mrc_vetting_state"], "__count"),
            ("Agencies and employers", "odoo_bar", ["mrc_is_agency"], "__count"),
            ("Flagged organisations", "odoo_bar", ["mrc_is_flagged"], "__count"),
        ],
    },
]


def _field_matching(tab):
    matching = {}
    if tab["date"]:
        name, kind = tab["date"]
        matching[PERIOD] = {"chain": name, "type": kind, "offset": 0}
    if tab["person"]:
        sex, nationality, corridor = tab["person"]
        matching[SEX] = {"chain": sex, "type": "char"}
        matching[NATIONALITY] = {"chain": nationality, "type": "many2one"}
        matching[CORRIDOR] = {"chain": corridor, "type": "many2one"}
    return matching


def _figure(fid, x, y, title, kind, tab, groupby, measure):
    data = {
        "title": {"text": title},
        "background": "#FFFFFF",
        "legendPosition": "none" if kind == "odoo_line" else "top",
        "metaData": {
            "groupBy": groupby,
            "measure": measure,
            "order": None,
            "resModel": tab["model"],
            "mode": kind.removeprefix("odoo_"),
        },
        "searchParams": {
            "comparison": None,
            "context": {},
            "domain": tab["domain"],
            "groupBy": groupby,
            "orderBy": [],
        },
        "type": kind,
        "verticalAxisPosition": "left",
        "stacked": False,
        "fieldMatching": _field_matching(tab),
    }
    if kind == "odoo_line":
        data["fillArea"] = True
    return {"id": fid, "x": x, "y": y, "width": 480, "height": 300, "tag": "chart", "data": data}


def build():
    """The spreadsheet document as a dict."""
    sheets, pivots = [], {}
    figure_ids = {}
    for number, tab in enumerate(TABS, start=1):
        cells = {
            "A1": {"content": f'=_t("{tab["name"]}")', "style": 1},
            "A2": {"content": '=_t("Clients only; erased migrants counted anonymously")'},
        }
        for column, (label, measure, rows) in zip("ACE", tab["kpis"], strict=False):
            pivot_id = str(len(pivots) + 1)
            pivots[pivot_id] = {
                "type": "ODOO",
                "id": pivot_id,
                "formulaId": pivot_id,
                "name": f"{tab['name']}: {label}",
                "model": tab["model"],
                "domain": tab["domain"],
                "context": {},
                "measures": [{"id": measure, "fieldName": measure}],
                "columns": [],
                "rows": [{"fieldName": name} for name in rows],
                "sortedColumn": None,
                "fieldMatching": _field_matching(tab),
            }
            cells[f"{column}3"] = {"content": f'=_t("{label}")', "style": 2}
            cells[f"{column}4"] = {
                "content": f'=PIVOT.VALUE({pivot_id},"{measure}")',
                "style": 3,
                "format": 1,
            }
        figures = []
        for index, (title, kind, groupby, measure) in enumerate(tab["charts"]):
            fid = f"3f1c2a7e-6b1d-4c1e-9a3e-{number:04d}{index:08d}"
            x, y = (index % 2) * 500, 110 + (index // 2) * 320
            figures.append(_figure(fid, x, y, title, kind, tab, groupby, measure))
            figure_ids[fid] = "mrc_reporting.menu_mrc_indicators"
        sheets.append(
            {
                "id": f"sheet_{number}",
                "name": tab["name"],
                "colNumber": 8,
                "rowNumber": 60,
                "rows": {},
                "cols": {str(i): {"size": 160} for i in range(6)},
                "merges": [],
                "cells": cells,
                "styles": {},
                "formats": {},
                "borders": {},
                "conditionalFormats": [],
                "figures": figures,
                "tables": [],
                "areGridLinesVisible": False,
                "isVisible": True,
                "headerGroups": {"ROW": [], "COL": []},
                "dataValidationRules": [],
                "comments": {},
            }
        )
    return {
        "version": 21,
        "sheets": sheets,
        "styles": {
            "1": {"textColor": "#01666b", "bold": True, "fontSize": 16},
            "2": {"bold": True, "fontSize": 11, "textColor": "#434343"},
            "3": {"fontSize": 18, "textColor": "#01666b", "bold": True},
        },
        "formats": {"1": "#,##0"},
        "borders": {},
        "revisionId": "START_REVISION",
        "uniqueFigureIds": True,
        "settings": {
            "locale": {
                "name": "English (US)",
                "code": "en_US",
                "thousandsSeparator": ",",
                "decimalSeparator": ".",
                "dateFormat": "mm/dd/yyyy",
                "timeFormat": "hh:mm:ss",
                "formulaArgSeparator": ",",
                "weekStart": 7,
            }
        },
        "pivots": pivots,
        "pivotNextId": len(pivots) + 1,
        "customTableStyles": {},
        "odooVersion": 12,
        "globalFilters": GLOBAL_FILTERS,
        "lists": {},
        "listNextId": 1,
        "chartOdooMenusReferences": figure_ids,
    }


def sources(document):
    """``{sheet name: [(model, domain, groupby, measures, period field)]}``: what each tab's
    pivots and charts ask the server on a first load, before the period filter's condition on
    the period field (``None``: the source ignores the period). Used by the benchmark."""
    pivots = document["pivots"]
    result = {}
    for sheet in document["sheets"]:
        asked = []
        for cell in sheet["cells"].values():
            content = cell.get("content", "")
            if content.startswith("=PIVOT.VALUE("):
                pivot = pivots[content.split("(")[1].split(",")[0]]
                asked.append(
                    (
                        pivot["model"],
                        pivot["domain"],
                        [row["fieldName"] for row in pivot["rows"]],
                        [m["fieldName"] for m in pivot["measures"]],
                        pivot["fieldMatching"].get(PERIOD, {}).get("chain"),
                    )
                )
        for figure in sheet["figures"]:
            meta = figure["data"]["metaData"]
            params = figure["data"]["searchParams"]
            period = figure["data"]["fieldMatching"].get(PERIOD, {}).get("chain")
            asked.append(
                (meta["resModel"], params["domain"], meta["groupBy"], [meta["measure"]], period)
            )
        result[sheet["name"]] = asked
    return result


if __name__ == "__main__":
    target = (
        Path(sys.argv[1])
        if len(sys.argv) > 1
        else Path(__file__).parent.parent / ("data/files/mrc_dashboard.json")
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(build(), indent=1, ensure_ascii=False) + "\n")
