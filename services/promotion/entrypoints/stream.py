"""The promotion stream consumer process: `python -m services.promotion.entrypoints.stream`."""

from runtime.processes import stream_main
from services.promotion.bootstrap import NAME, build

if __name__ == "__main__":
    stream_main(NAME, build)
