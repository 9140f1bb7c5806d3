"""Each service of `runtime.topology.SERVICES` built by its own bootstrap module.

The composition roots (the embedded mode, the dead-letter replay) find a service's
`build(settings, metrics)` through the topology's entry, so a new service joins them
by its entry alone."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from runtime.topology import service

Build = Callable[..., Any]


def builder(name: str) -> Build:
    """`build(settings, metrics=None, ...)` of service `name`; KeyError for an unknown one."""
    module = importlib.import_module(service(name).bootstrap)
    build: Build = module.build
    return build
