{
    "name": "MRC Reporting",
    "summary": "Monitoring and evaluation: the centre's indicator set, computed by the ORM, "
    "and outcome-harvesting stories",
    "version": "18.0.1.0.0",
    "category": "Migrant Resource Centre",
    "author": "MRC Jobs",
    "website": "https://github.com/mrc-jobs/mrc-jobs",
    "license": "LGPL-3",
    "maintainers": ["mrc-jobs"],
    "development_status": "Alpha",
    "depends": [
        "mrc_recruiters",
        "mrc_skills",
        "mrc_jobs",
        "mrc_cases",
        "spreadsheet_dashboard",
    ],
    "data": [
        "security/ir.model.access.csv",
        "security/mrc_reporting_security.xml",
        "data/mrc_indicator_data.xml",
        "views/mrc_indicator_views.xml",
        "wizard/mrc_indicator_compute_wizard_views.xml",
        "views/mrc_outcome_story_views.xml",
        "views/mrc_report_period_views.xml",
        "views/mrc_reporting_menus.xml",
    ],
    "demo": [
        "demo/mrc_reporting_demo.xml",
    ],
}
