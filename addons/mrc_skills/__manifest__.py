{
    "name": "MRC Skills",
    "summary": "Multilingual skill taxonomy, ISCO-08 occupations, verified certifications "
    "and PDF import for migrants' skills",
    "version": "18.0.1.0.0",
    "category": "Migrant Resource Centre",
    "author": "MRC Jobs",
    "website": "https://github.com/mrc-jobs/mrc-jobs",
    "license": "LGPL-3",
    "maintainers": ["mrc-jobs"],
    "development_status": "Alpha",
    "depends": ["mrc_recruiters", "hr_skills", "hr_recruitment_skills"],
    "external_dependencies": {"python": ["rapidfuzz", "pdfplumber"]},
    "data": [
        "security/ir.model.access.csv",
    ],
}
