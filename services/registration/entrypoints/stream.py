"""The registration stream consumer process (evaluation's results and recognitions):
`python -m services.registration.entrypoints.stream`."""

from runtime.processes import stream_main
from services.registration.bootstrap import NAME, build

if __name__ == "__main__":
    stream_main(NAME, build)
