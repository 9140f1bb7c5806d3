"""Process mains of the promotion service (distributed mode): rpc, stream, relay."""
