"""`ocop import portfolio FILE [--mapping M] [--dry-run] [--valid-rows-only]`: an office's
existing products and certificates, from the register it keeps (issue 20; the template
and the mapping file in docs/operators/import.md).

Every row is checked first: its form here (`cli.portfolio_file`), then against the
registered data by a dry run of both services (registration: producer, units, product
set, what is registered; evaluation: the rule set of the decision date, star, score,
decision number, validity). Each refused row is listed with its line and field, and
nothing is imported unless `--valid-rows-only`. Then the rows go in batches: registration
registers producers and products, evaluation records each certificate as recorded from
an earlier decision (with the file's SHA-256 and the importing user). Importing the same
file twice changes nothing. Exit codes: 0 done, 2 rows refused (or a bad file)."""

from __future__ import annotations

import argparse
import time
from collections import abc
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from tqdm import tqdm

from cli.client import Client, command_actor
from cli.output import emit, emit_table, refuse
from cli.portfolio_file import Mapping, Portfolio, Problem, Row, read
from contracts.rpc import evaluation_pb2 as ev
from contracts.rpc import evaluation_pb2_grpc as ev_grpc
from contracts.rpc import registration_pb2 as reg
from contracts.rpc import registration_pb2_grpc as reg_grpc

BATCH = 250
PORTFOLIO_FIELDS = [f.name for f in reg.PortfolioRow.DESCRIPTOR.fields if f.name != "line"]
RECOGNITION_FIELDS = (
    "star",
    "score",
    "decision_no",
    "decided_on",
    "authority",
    "certificate_no",
    "valid_to",
)
UNIT_FIELDS = ("commune", "province", "district", "legacy_commune", "legacy_province")


def add(sub: Any, lang: str = "vi") -> None:
    vi = lang != "en"
    group = sub.add_parser("import", help="Nhập dữ liệu sẵn có" if vi else "Import existing data")
    actions = group.add_subparsers(dest="action", required=True)
    p = actions.add_parser(
        "portfolio",
        help=(
            "Nhập sản phẩm và giấy chứng nhận OCOP đã có từ sổ theo dõi (.xlsx, .csv)"
            if vi
            else "Import existing OCOP products and certificates from a register (.xlsx, .csv)"
        ),
    )
    p.add_argument("file", help="Tệp .xlsx hoặc .csv theo mẫu" if vi else ".xlsx or .csv file")
    p.add_argument(
        "--mapping",
        help="Tệp ánh xạ (YAML) cho bố cục khác mẫu" if vi else "Mapping (YAML) for other layouts",
    )
    p.add_argument(
        "--dry-run",
        action="store_true",
        help="Chỉ kiểm tra, không nhập" if vi else "Check only, import nothing",
    )
    p.add_argument(
        "--valid-rows-only",
        action="store_true",
        help="Nhập các dòng hợp lệ dù có dòng lỗi"
        if vi
        else "Import the valid rows despite bad ones",
    )
    p.set_defaults(func=import_portfolio)


def import_portfolio(args: argparse.Namespace, client: Client) -> int:
    started = time.monotonic()
    try:
        mapping = Mapping.load(Path(args.mapping)) if args.mapping else None
        found = read(Path(args.file), mapping, args.lang)
    except (OSError, ValueError, UnicodeDecodeError) as error:
        refuse("invalid_argument", "file", str(error), as_json=args.json)
        return 2
    services = _Services(client, quiet=args.json or args.quiet, vi=args.lang != "en")
    problems = [*found.problems, *services.check(found)]
    refused = {p.line for p in problems}
    summary: dict[str, Any] = {
        "file": found.name,
        "sha256": found.sha256,
        "rows": len(found.rows) + len({p.line for p in found.problems}),
        "refused_rows": len(refused),
    }
    if problems:
        summary["problems"] = _list(problems, args)
    if args.dry_run or (problems and not args.valid_rows_only):
        _summary(summary, started, args)
        return 2 if problems else 0
    counts, late = services.record(found, [row for row in found.rows if row.line not in refused])
    if late:  # changed since the check (another import meanwhile)
        summary["problems"] = _list([*problems, *late], args)
    summary.update(
        products_created=counts["created"],
        products_known=counts["known"],
        certificates_recorded=counts["recorded"],
        certificates_unchanged=counts["unchanged"],
    )
    _summary(summary, started, args)
    return 0


class _Services:
    """The two calls each batch of rows makes: registration's `ImportPortfolio` (producers
    and products), then evaluation's `RecordEarlierRecognitions` (their certificates)."""

    def __init__(self, client: Client, *, quiet: bool, vi: bool) -> None:
        self.client = client
        self.registration = reg_grpc.RegistrationStub(client.channel("registration"))
        self.evaluation = ev_grpc.EvaluationStub(client.channel("evaluation"))
        self.quiet = quiet
        self.vi = vi

    def check(self, found: Portfolio) -> list[Problem]:
        """Every row checked by both services (dry run); what they refuse."""
        problems: list[Problem] = []
        with _bar(len(found.rows), "Kiểm tra" if self.vi else "Checking", self.quiet) as bar:
            for batch in _batches(found.rows):
                registered = self.client.call(
                    self.registration.ImportPortfolio, _rows(batch, found, dry_run=True)
                )
                problems += [Problem(p.line, p.field, p.message) for p in registered.problems]
                recorded = self.client.call(
                    self.evaluation.RecordEarlierRecognitions,
                    _recognitions(batch, registered.products, found, dry_run=True),
                )
                problems += [Problem(p.line, p.field, p.message) for p in recorded.problems]
                bar.update(len(batch))
        return problems

    def record(self, found: Portfolio, good: Sequence[Row]) -> tuple[dict[str, int], list[Problem]]:
        """The `good` rows imported: the counts (products created and known, certificates
        recorded and unchanged) and what was refused although the check passed."""
        counts = {"created": 0, "known": 0, "recorded": 0, "unchanged": 0}
        late: list[Problem] = []
        with _bar(len(good), "Nhập" if self.vi else "Importing", self.quiet) as bar:
            for batch in _batches(good):
                registered = self.client.call(
                    self.registration.ImportPortfolio, _rows(batch, found, valid_rows_only=True)
                )
                counts["created"] += sum(1 for p in registered.products if p.created)
                counts["known"] += sum(1 for p in registered.products if not p.created)
                recorded = self.client.call(
                    self.evaluation.RecordEarlierRecognitions,
                    _recognitions(batch, registered.products, found, valid_rows_only=True),
                )
                counts["recorded"] += recorded.recorded
                counts["unchanged"] += recorded.unchanged
                late += [
                    Problem(p.line, p.field, p.message)
                    for p in [*registered.problems, *recorded.problems]
                ]
                bar.update(len(batch))
        return counts, late


def _batches(rows: Sequence[Row]) -> Iterator[Sequence[Row]]:
    for start in range(0, len(rows), BATCH):
        yield rows[start : start + BATCH]


def _bar(total: int, label: str, quiet: bool) -> Any:
    return tqdm(total=total, desc=label, unit=" dòng", disable=quiet or total == 0, leave=False)


def _rows(batch: Sequence[Row], found: Portfolio, **flags: bool) -> reg.ImportPortfolioRequest:
    return reg.ImportPortfolioRequest(
        actor=command_actor(None),
        rows=[reg.PortfolioRow(**registration_row(row)) for row in batch],
        source_sha256=found.sha256,
        **flags,
    )


def _empty(name: str) -> Any:
    return 0 if name == "product_set" else ""


def registration_row(row: Row) -> dict[str, Any]:
    """A row as registration's portfolio import takes it (`app.portfolio.import_rows`);
    also how the embedded demo imports the Kon Tum register (system/demo.py)."""
    return {"line": row.line, **{k: row.values.get(k) or _empty(k) for k in PORTFOLIO_FIELDS}}


def recognition_row(row: Row, product_id: str) -> dict[str, Any]:
    """A row as evaluation records it (`app.earlier.record`), without the product's unit
    path (`UNIT_FIELDS`, from registration's answer)."""
    return {
        "line": row.line,
        "product_id": product_id,
        "product_name": row.values["product_name"],
        **{k: row.values.get(k) or _empty(k) for k in RECOGNITION_FIELDS},
    }


def _recognitions(
    batch: Sequence[Row], products: Sequence[Any], found: Portfolio, **flags: bool
) -> ev.RecordEarlierRecognitionsRequest:
    by_line = {p.line: p for p in products}
    rows = []
    for row in batch:
        product = by_line.get(row.line)
        if product is None:  # refused by registration: reported already
            continue
        unit = {name: getattr(product.unit, name) for name in UNIT_FIELDS}
        rows.append(ev.EarlierRecognition(**recognition_row(row, product.product_id), **unit))
    return ev.RecordEarlierRecognitionsRequest(
        actor=command_actor(None),
        rows=rows,
        source_sha256=found.sha256,
        source_name=found.name,
        **flags,
    )


def _list(problems: Sequence[Problem], args: argparse.Namespace) -> list[dict[str, Any]]:
    """Every refused row, by line (printed as a table; with `--json` in the summary)."""
    rows: list[dict[str, Any]] = [
        {"line": p.line, "field": p.field, "problem": p.message}
        for p in sorted(problems, key=lambda p: (p.line, p.field))
    ]
    if not args.json:
        table: list[abc.Mapping[str, Any]] = list(rows)
        emit_table(table, ["line", "field", "problem"], as_json=False, lang=args.lang)
    return rows


def _summary(summary: dict[str, Any], started: float, args: argparse.Namespace) -> None:
    summary["seconds"] = round(time.monotonic() - started, 1)
    if not args.json:
        summary.pop("problems", None)
        print()
    emit(summary, as_json=args.json, lang=args.lang)
