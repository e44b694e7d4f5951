from . import mrc_skill_import
