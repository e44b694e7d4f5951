from . import mrc_vetting_decision_wizard
from . import mrc_flag_lift_wizard
