from . import portal_referrals
from . import portal_followup
