from . import test_normalize
from . import test_pdf
from . import test_extraction
from . import test_occupation
from . import test_language
from . import test_skill_alias
from . import test_certification
from . import test_import_wizard
