"""Who is calling: OpenID Connect tokens (Keycloak's or the embedded issuer's), verified
against a JWKS, turned into the actor every command records; built-in accounts for the
embedded mode; the one gRPC server interceptor that authenticates and authorises."""
