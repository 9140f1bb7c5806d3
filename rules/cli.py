"""``ocop rules …``: list, show and explain rule sets from the command line.

Mounted under the ``ocop`` command by :func:`add_rules_commands`; for local use
``python -m rules.cli rules list``. Output is Vietnamese unless ``--lang en``;
bad input (missing file, unknown set/criterion/option) exits with code 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO, cast

import yaml

from rules.errors import RulesError
from rules.explain import explain
from rules.loader import all_local_policies, all_rule_sets, load_rule_set
from rules.model import ShortfallMode
from rules.render import render_rule_set, render_sheet
from rules.scoring import council_result
from rules.selection import Selection, select_rule_set
from rules.sheets import parse_council_sheet
from rules.text import Lang

EXIT_OK = 0
EXIT_BAD_INPUT = 2

Handler = Callable[[argparse.Namespace], int]


def _lang(args: argparse.Namespace) -> Lang:
    return "en" if getattr(args, "lang", "vi") == "en" else "vi"


def _fail(message: str, out: TextIO | None = None) -> int:
    print(message, file=out or sys.stderr)
    return EXIT_BAD_INPUT


def _guard(handler: Handler) -> Handler:
    def run(args: argparse.Namespace) -> int:
        try:
            return handler(args)
        except RulesError as exc:
            return _fail(exc.render(_lang(args)))

    return run


def cmd_list(args: argparse.Namespace) -> int:
    lang = _lang(args)
    for rs in all_rule_sets():
        until = rs.effective_to.strftime("%d/%m/%Y") if rs.effective_to else "…"
        instruments = ", ".join(i.number for i in rs.instruments)
        tiers = ", ".join(t.value for t in rs.tiers)
        print(
            f"{rs.id}  v{rs.version}  {rs.effective_from.strftime('%d/%m/%Y')} – {until}  "
            f"{instruments}  [{tiers}]"
        )
        print(f"    {rs.title.get(lang)}")
    policies = all_local_policies()
    if policies:
        print("Chính sách địa phương:" if lang == "vi" else "Local policies:")
        for policy in policies:
            print(f"{policy.id}  v{policy.version}  {policy.title.get(lang)}")
    return EXIT_OK


def cmd_show(args: argparse.Namespace) -> int:
    lang = _lang(args)
    rule_set = load_rule_set(args.rule_set)
    if args.set is None:
        print(render_rule_set(rule_set, lang, all_local_policies()))
    else:
        print(render_sheet(rule_set, args.set, lang))
    return EXIT_OK


def _read_sheet(path: Path) -> Any:
    if not path.is_file():
        raise RulesError("sheet", f"file not found: {path}", f"không tìm thấy tệp: {path}")
    text = path.read_text(encoding="utf-8")
    try:
        return json.loads(text) if path.suffix.lower() == ".json" else yaml.safe_load(text)
    except (json.JSONDecodeError, yaml.YAMLError) as exc:
        raise RulesError(
            "sheet", f"cannot parse {path}: {exc}", f"không đọc được {path}: {exc}"
        ) from exc


def cmd_explain(args: argparse.Namespace) -> int:
    lang = _lang(args)
    sheet = parse_council_sheet(_read_sheet(Path(args.sheet)))
    selection: Selection | None = None
    if sheet.rule_set is not None:
        rule_set = load_rule_set(sheet.rule_set)
    elif sheet.filing_date is not None:
        selection = select_rule_set(sheet.filing_date)
        rule_set = selection.rule_set
    else:
        raise RulesError(
            "rule_set",
            "give rule_set or filing_date in the sheet",
            "cần ghi rule_set hoặc filing_date trong phiếu",
        )
    mode = ShortfallMode(args.mode) if args.mode else sheet.mode
    result = council_result(
        rule_set,
        sheet.product_set,
        sheet.members,
        mode=mode,
        council_knockouts=sheet.knockouts,
        tier=sheet.tier,
        on=sheet.council_date,
        minimums_gate_forwarding=args.minimums_gate_forwarding,
    )
    explanation = explain(rule_set, result, product=sheet.product, selection=selection)
    if args.json:
        print(json.dumps(explanation.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(explanation.render(lang))
    return EXIT_OK


def _add_lang(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--lang",
        choices=("vi", "en"),
        default=argparse.SUPPRESS,
        help="ngôn ngữ / language (default vi)",
    )


def add_rules_commands(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``rules list|show|explain`` on an argparse sub-parser set.

    Each sub-command sets ``func`` (``Namespace -> int`` exit code).
    """
    rules = subparsers.add_parser("rules", help="OCOP rule sets and the scoring engine")
    commands = rules.add_subparsers(dest="rules_command", required=True)

    listing = commands.add_parser("list", help="list the shipped rule sets")
    _add_lang(listing)
    listing.set_defaults(func=_guard(cmd_list))

    show = commands.add_parser("show", help="show a rule set, or one product set's sheet")
    show.add_argument("rule_set", help="rule set id (R1, R2, R3) or file stem")
    show.add_argument("--set", type=int, default=None, help="product set number (1-26)")
    _add_lang(show)
    show.set_defaults(func=_guard(cmd_show))

    explain_cmd = commands.add_parser("explain", help="score a council sheet and explain it")
    explain_cmd.add_argument("sheet", help="sheet file (.yaml, .yml or .json)")
    explain_cmd.add_argument("--mode", choices=("cap", "reject"), default=None)
    explain_cmd.add_argument("--json", action="store_true", help="print the explanation as JSON")
    explain_cmd.add_argument(
        "--minimums-gate-forwarding",
        action="store_true",
        help="forward only when the next star's minimums are met (deployment switch, off)",
    )
    _add_lang(explain_cmd)
    explain_cmd.set_defaults(func=_guard(cmd_explain))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ocop")
    add_rules_commands(parser.add_subparsers(dest="command", required=True))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    handler = cast(Handler, args.func)
    return handler(args)


if __name__ == "__main__":
    sys.exit(main())
