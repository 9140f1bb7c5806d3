"""The reporting stream consumer process: `python -m services.reporting.entrypoints.stream`."""

from runtime.processes import stream_main
from services.reporting.bootstrap import NAME, build

if __name__ == "__main__":
    stream_main(NAME, build)
