"""The five bounded contexts of the OCOP system; each is independent of the others."""
