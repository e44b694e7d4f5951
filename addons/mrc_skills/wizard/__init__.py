from . import mrc_skill_import
from . import mrc_skill_import_document
from . import mrc_skill_import_line
