from . import res_partner
from . import mrc_corridor
from . import mrc_recruiter_license
from . import mrc_vetting_check_type
from . import mrc_vetting_check
from . import mrc_complaint_category
from . import mrc_complaint
from . import res_config_settings
