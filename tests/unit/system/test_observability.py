"""The alert rules and the dashboard name only series the code exports; every alert has
a test; the committed dashboard is the generated one."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from prometheus_client import CollectorRegistry

from runtime.metrics import Metrics
from system import dashboard

HERE = Path(__file__).resolve().parents[3] / "deploy" / "prometheus"
SUFFIXES = ("_total", "_bucket", "_count", "_sum", "_created")


def _rules() -> list[dict[str, str]]:
    document = yaml.safe_load((HERE / "alerts.yml").read_text(encoding="utf-8"))
    return [rule for group in document["groups"] for rule in group["rules"]]


def _exported() -> set[str]:
    registry = CollectorRegistry()
    Metrics("registration", registry)
    names = set()
    for family in registry.collect():
        names.add(family.name)
        names.update(family.name + suffix for suffix in SUFFIXES)
    return names


def test_every_series_an_alert_reads_is_exported() -> None:
    exported = _exported()
    for rule in _rules():
        for name in re.findall(r"\bocop_[a-z_]+", rule["expr"]):
            assert name in exported, f"{rule['alert']} reads {name}, which no process exports"


def test_every_alert_has_a_firing_test() -> None:
    tests = yaml.safe_load((HERE / "alerts_test.yml").read_text(encoding="utf-8"))["tests"]
    firing = {
        case["alertname"]
        for test in tests
        for case in test["alert_rule_test"]
        if case.get("exp_alerts")
    }
    assert {rule["alert"] for rule in _rules()} <= firing


def test_every_dashboard_query_reads_exported_series() -> None:
    exported = _exported()
    panels = [p for p in dashboard.build()["panels"] if p["type"] != "row"]
    assert len(panels) >= 10
    for panel in panels:
        for target in panel["targets"]:
            names = re.findall(r"\bocop_[a-z_]+", target["expr"])
            assert names, panel["title"]
            for name in names:
                assert name in exported, f"{panel['title']} reads {name}"


def test_the_committed_dashboard_is_the_generated_one() -> None:
    assert dashboard.main(["--check"]) == 0
