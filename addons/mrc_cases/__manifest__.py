{
    "name": "MRC Cases",
    "summary": "Intake and screening, a referral network of partner services, safe case "
    "assignment, follow-up outcomes, trainings and assistance for migrants",
    "version": "18.0.1.0.0",
    "category": "Migrant Resource Centre",
    "author": "MRC Jobs",
    "website": "https://github.com/mrc-jobs/mrc-jobs",
    "license": "LGPL-3",
    "maintainers": ["mrc-jobs"],
    "development_status": "Alpha",
    "depends": ["mrc_jobs", "event"],
    "data": [
        "security/ir.model.access.csv",
        "security/mrc_cases_security.xml",
        "views/mrc_cases_menus.xml",
    ],
    "demo": [],
}
