"""The only module that reads files: the rule-set documents shipped in ``rules/data``.

Everything is read lazily on first use and cached; nothing happens at import.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

import yaml

from rules.build import RubricBundle, build_bundle, build_local_policy, build_rule_set
from rules.deployment import LocalPolicy
from rules.errors import RuleSetError, UnknownRuleSetError
from rules.model import RuleSet
from rules.text import nfc_tree

_RULE_SET_PREFIX = "r"
_LOCAL_PREFIX = "local-"


def _data_dir() -> resources.abc.Traversable:
    return resources.files("rules").joinpath("data")


def _exists(name: str) -> bool:
    return _data_dir().joinpath(name).is_file()


def _read(name: str) -> Any:
    path = _data_dir().joinpath(name)
    if not path.is_file():
        raise RuleSetError(f"rules/data/{name}", "file not found", "không tìm thấy tệp")
    text = path.read_text(encoding="utf-8")
    try:
        parsed = json.loads(text) if name.endswith(".json") else yaml.safe_load(text)
    except (json.JSONDecodeError, yaml.YAMLError) as exc:
        raise RuleSetError(f"rules/data/{name}", f"cannot parse: {exc}") from exc
    return nfc_tree(parsed)


@cache
def load_bundle(bundle_id: str) -> RubricBundle:
    """Load the rubric bundle ``<id>.rubric.json`` + repairs, knock-outs, product sets
    and (if present) conditions."""
    conditions = f"{bundle_id}.conditions.yaml"
    return build_bundle(
        bundle_id,
        _read(f"{bundle_id}.rubric.json"),
        _read(f"{bundle_id}.repairs.yaml"),
        _read(f"{bundle_id}.knockouts.yaml"),
        _read(f"{bundle_id}.product-sets.yaml"),
        _read(conditions) if _exists(conditions) else None,
    )


@cache
def _rule_set_files() -> dict[str, str]:
    """Map rule-set id (upper case) and file stem to file name."""
    index: dict[str, str] = {}
    for name in _rule_set_file_names():
        document = _read(name)
        index[str(document.get("id", "")).upper()] = name
        index[name.removesuffix(".yaml").upper()] = name
    return index


def _rule_set_file_names() -> list[str]:
    names = [entry.name for entry in _data_dir().iterdir()]
    return sorted(
        n for n in names if n[:1] == _RULE_SET_PREFIX and n[1:2].isdigit() and n.endswith(".yaml")
    )


@cache
def load_rule_set(rule_set_id: str) -> RuleSet:
    """Load and validate a shipped rule set by id ("R3") or file stem ("r3-qd26-2026")."""
    name = _rule_set_files().get(rule_set_id.strip().upper())
    if name is None:
        known = ", ".join(rs.id for rs in all_rule_sets())
        raise UnknownRuleSetError(
            "rule_set",
            f"unknown rule set {rule_set_id!r} (known: {known})",
            f"không có bộ quy tắc {rule_set_id!r} (có: {known})",
        )
    document = _read(name)
    bundle = load_bundle(str(document.get("scoring", {}).get("rubric", "")))
    return build_rule_set(document, bundle)


@cache
def all_rule_sets() -> tuple[RuleSet, ...]:
    """Every shipped rule set, oldest first."""
    ids = {str(_read(n).get("id", "")) for n in _rule_set_file_names()}
    rule_sets = [load_rule_set(i) for i in ids]
    return tuple(sorted(rule_sets, key=lambda rs: rs.effective_from))


def _local_file_names() -> list[str]:
    names = [entry.name for entry in _data_dir().iterdir()]
    return sorted(n for n in names if n.startswith(_LOCAL_PREFIX) and n.endswith(".yaml"))


@cache
def all_local_policies() -> tuple[LocalPolicy, ...]:
    """Every shipped local policy (a deployment opts in by id)."""
    return tuple(build_local_policy(_read(n)) for n in _local_file_names())


def load_local_policy(policy_id: str) -> LocalPolicy:
    for policy in all_local_policies():
        if policy.id == policy_id.strip():
            return policy
    known = ", ".join(p.id for p in all_local_policies())
    raise UnknownRuleSetError(
        "local_policy",
        f"unknown local policy {policy_id!r} (known: {known})",
        f"không có chính sách địa phương {policy_id!r} (có: {known})",
    )
