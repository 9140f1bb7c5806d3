"""The remediation scheduler process: `python -m services.inspection.entrypoints.scheduler`.

Records RemediationOverdue on the clock every OCOP_INSPECTION_SCHEDULER_SECONDS."""

from runtime.processes import scheduler_main
from services.inspection.bootstrap import build

if __name__ == "__main__":
    scheduler_main(build)
