"""The reporting gRPC server process: `python -m services.reporting.entrypoints.rpc`."""

from runtime.processes import rpc_main
from services.reporting.bootstrap import NAME, build

if __name__ == "__main__":
    rpc_main(NAME, build)
