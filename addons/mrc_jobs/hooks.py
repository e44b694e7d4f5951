from .models.mrc_match_index import drop_change_log


def uninstall_hook(env):
    """Leave the core tables as they were before mrc_jobs: no matching triggers, no change log."""
    drop_change_log(env.cr)
