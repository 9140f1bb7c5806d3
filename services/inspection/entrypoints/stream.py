"""The inspection stream consumer process: `python -m services.inspection.entrypoints.stream`."""

from runtime.processes import stream_main
from services.inspection.bootstrap import NAME, build

if __name__ == "__main__":
    stream_main(NAME, build)
