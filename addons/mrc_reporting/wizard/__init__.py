from . import mrc_indicator_compute_wizard
