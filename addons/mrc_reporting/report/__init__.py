from . import mrc_donor_report_xlsx
