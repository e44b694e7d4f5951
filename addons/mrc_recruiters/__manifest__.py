{
    "name": "MRC Recruiters",
    "summary": "Vetted registry of employers and recruitment agencies, licences, "
    "complaints and risk flags for Migrant Worker Resource Centres",
    "version": "18.0.1.0.0",
    "category": "Migrant Resource Centre",
    "author": "MRC Jobs",
    "website": "https://github.com/mrc-jobs/mrc-jobs",
    "license": "LGPL-3",
    "maintainers": ["mrc-jobs"],
    "development_status": "Alpha",
    "depends": ["contacts", "mail", "portal"],
    "data": [
        "security/mrc_security.xml",
        "security/ir.model.access.csv",
        "security/mrc_rules.xml",
        "data/ir_sequence_data.xml",
        "data/mrc_complaint_category_data.xml",
        "views/mrc_menus.xml",
    ],
    "demo": [
        "demo/res_users_demo.xml",
    ],
    "application": True,
}
