from . import mrc_indicator
from . import mrc_indicator_compute
from . import reporting_person_fields
from . import hr_job
from . import mrc_report_period
from . import mrc_outcome_story
