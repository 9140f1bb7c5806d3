"""The inspection gRPC server process: `python -m services.inspection.entrypoints.rpc`."""

from runtime.processes import rpc_main
from services.inspection.bootstrap import NAME, build

if __name__ == "__main__":
    rpc_main(NAME, build)
