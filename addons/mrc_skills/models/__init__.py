from . import mrc_language
from . import mrc_occupation
from . import mrc_skill_alias
from . import hr_skill
from . import res_partner
from . import mrc_certification
from . import hr_candidate
from . import mrc_pdf_import
