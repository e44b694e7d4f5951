from . import test_matching_pure
