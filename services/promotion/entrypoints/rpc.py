"""The promotion gRPC server process: `python -m services.promotion.entrypoints.rpc`."""

from runtime.processes import rpc_main
from services.promotion.bootstrap import NAME, build

if __name__ == "__main__":
    rpc_main(NAME, build)
