"""The inspection outbox relay process: `python -m services.inspection.entrypoints.relay`."""

from runtime.processes import relay_main
from services.inspection.bootstrap import build

if __name__ == "__main__":
    relay_main(build)
