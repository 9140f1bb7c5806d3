"""The promotion outbox relay process: `python -m services.promotion.entrypoints.relay`."""

from runtime.processes import relay_main
from services.promotion.bootstrap import build

if __name__ == "__main__":
    relay_main(build)
