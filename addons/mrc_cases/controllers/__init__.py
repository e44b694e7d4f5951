
from . import portal_referrals
