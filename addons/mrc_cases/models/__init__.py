
from . import mrc_service_type
from . import res_partner_provider
from . import mrc_service_referral
from . import mrc_service_referral_consent
from . import mrc_complaint_provider
from . import event_type
from . import event_event
from . import event_registration
from . import hr_candidate_cases
