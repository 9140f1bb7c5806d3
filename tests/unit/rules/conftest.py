"""The rule sets the rules tests read, loaded once per module."""

from __future__ import annotations

import pytest

from rules import RuleSet, load_rule_set


@pytest.fixture(scope="module")
def r1() -> RuleSet:
    return load_rule_set("R1")


@pytest.fixture(scope="module")
def r2() -> RuleSet:
    return load_rule_set("R2")


@pytest.fixture(scope="module")
def r3() -> RuleSet:
    return load_rule_set("R3")
