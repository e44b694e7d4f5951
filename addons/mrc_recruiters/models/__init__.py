from . import res_partner
from . import mrc_complaint_category
from . import mrc_complaint
