"""The registration gRPC server process: `python -m services.registration.entrypoints.rpc`."""

from runtime.processes import rpc_main
from services.registration.bootstrap import NAME, build

if __name__ == "__main__":
    rpc_main(NAME, build)
