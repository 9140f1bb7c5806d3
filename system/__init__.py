"""Composition roots that run several services together (the embedded mode)."""
