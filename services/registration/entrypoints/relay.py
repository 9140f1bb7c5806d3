"""The registration outbox relay process: `python -m services.registration.entrypoints.relay`."""

from runtime.processes import relay_main
from services.registration.bootstrap import build

if __name__ == "__main__":
    relay_main(build)
