"""The certificate scheduler process: `python -m services.evaluation.entrypoints.scheduler`."""

from runtime.processes import scheduler_main
from services.evaluation.bootstrap import build

if __name__ == "__main__":
    scheduler_main(build)
