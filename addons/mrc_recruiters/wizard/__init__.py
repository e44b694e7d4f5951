from . import mrc_vetting_decision_wizard
from . import mrc_flag_lift_wizard
from . import mrc_complaint_compensation_wizard
