from . import mrc_indicator_compute_wizard
from . import mrc_donor_report_wizard
