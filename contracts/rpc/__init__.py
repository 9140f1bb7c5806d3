"""gRPC APIs: the .proto files and the stubs generated from them (see `make contracts`)."""
