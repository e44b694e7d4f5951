from . import mrc_intake_assign
