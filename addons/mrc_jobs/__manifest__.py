{
    "name": "MRC Jobs",
    "summary": "Migrant client cards, fair vacancies, explainable fuzzy matching, "
    "referrals and the migrants' portal",
    "version": "18.0.1.0.0",
    "category": "Migrant Resource Centre",
    "author": "MRC Jobs",
    "website": "https://github.com/mrc-jobs/mrc-jobs",
    "license": "LGPL-3",
    "maintainers": ["mrc-jobs"],
    "development_status": "Alpha",
    "depends": ["mrc_skills", "mrc_recruiters", "hr_recruitment", "portal"],
    "external_dependencies": {"python": ["rapidfuzz"]},
    "data": [
        "security/ir.model.access.csv",
    ],
}
