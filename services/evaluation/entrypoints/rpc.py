"""The evaluation gRPC server process: `python -m services.evaluation.entrypoints.rpc`."""

from runtime.processes import rpc_main
from services.evaluation.bootstrap import NAME, build

if __name__ == "__main__":
    rpc_main(NAME, build)
