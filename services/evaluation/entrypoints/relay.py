"""The evaluation outbox relay process: `python -m services.evaluation.entrypoints.relay`."""

from runtime.processes import relay_main
from services.evaluation.bootstrap import build

if __name__ == "__main__":
    relay_main(build)
