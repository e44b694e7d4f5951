from . import portal
from . import portal_complaints
from . import followup
