"""The evaluation stream consumer process: `python -m services.evaluation.entrypoints.stream`."""

from runtime.processes import stream_main
from services.evaluation.bootstrap import NAME, build

if __name__ == "__main__":
    stream_main(NAME, build)
