"""Process mains of the inspection service (distributed mode): rpc, stream, relay, scheduler."""
