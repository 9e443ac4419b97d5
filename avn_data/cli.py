"""Command line: `python -m avn_data validate [PATH]` and `python -m avn_data export [filters]`."""

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

from avn_data.checks import check_all_tables
from avn_data.evidence.cautions import load_cautions, with_caution_columns
from avn_data.evidence.outcomes import load_outcomes
from avn_data.evidence.ranking import Weights, parse_weight
from avn_data.evidence.references import load_references
from avn_data.tables import columns as col
from avn_data.tables.dictionary import label
from avn_data.tables.load import BUNDLED_TABLE, load_treatments
from avn_data.tables.parsing import parse_aim
from avn_data.tables.problems import TableError, format_problems
from avn_data.view.export import readable_frame, to_csv_bytes, to_json_bytes
from avn_data.view.filters import FILTERS, FilterSpec
from avn_data.view.page_state import WEIGHT_KEYS
from avn_data.view.rows import DERIVED_COLUMNS, default_columns, export_frame, places, results

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def summary(path: Path, table: pd.DataFrame) -> str:
    """One line saying the table is valid and what it holds."""
    surgical = int(table["surgical"].sum())
    return (
        f"{path}: valid, {len(table)} treatments "
        f"({len(table) - surgical} non-surgical, {surgical} surgical reference), "
        f"{table['category'].nunique()} categories"
    )


def _load_or_report(path: Path) -> pd.DataFrame | int:
    """The table, or the exit code after printing why it could not be loaded."""
    try:
        return load_treatments(path)
    except TableError as error:
        count = len(error.problems)
        print(f"{path}: {count} problem{'s' * (count != 1)}", file=sys.stderr)
        print(format_problems(error.problems), file=sys.stderr)
        return EXIT_INVALID
    except OSError as error:
        print(f"error: cannot read {path}: {error.strerror}", file=sys.stderr)
        return EXIT_USAGE


def _validate(arguments: argparse.Namespace) -> int:
    path = Path(arguments.path or arguments.data)
    if path.resolve() == BUNDLED_TABLE.resolve():
        # The bundled folder: every table, and every link between them.
        problems = check_all_tables(path.parent)
        if problems:
            count = len(problems)
            print(f"{path.parent}: {count} problem{'s' * (count != 1)}", file=sys.stderr)
            print(format_problems(problems), file=sys.stderr)
            return EXIT_INVALID
    table = _load_or_report(path)
    if isinstance(table, int):
        return table
    print(summary(path, table))
    if path.resolve() == BUNDLED_TABLE.resolve():
        print(f"{path.parent}: cautions, outcomes and their links to the treatments are valid")
    return EXIT_OK


def spec_from_arguments(arguments: argparse.Namespace) -> FilterSpec:
    """The filter spec the CLI flags describe."""
    values: dict[str, Any] = {}
    for spec_filter in FILTERS:
        value = getattr(arguments, spec_filter.key)
        if value is not None:
            values[spec_filter.key] = (
                tuple(dict.fromkeys(value)) if isinstance(value, list) else value
            )
    return FilterSpec(**values)


def _export(arguments: argparse.Namespace) -> int:
    table = _load_or_report(Path(arguments.data))
    if isinstance(table, int):
        return table
    spec = spec_from_arguments(arguments)
    weights = Weights(**{name: getattr(arguments, key) for key, name in WEIGHT_KEYS.items()})
    cautions = load_cautions()
    aims = tuple(dict.fromkeys(arguments.aim or ()))
    rows = results(
        with_caution_columns(table, cautions), spec, weights, cautions, aims=aims,
        outcomes=load_outcomes(), references=load_references(),
    )  # fmt: skip
    columns = [*table.columns, *DERIVED_COLUMNS] if arguments.all_columns else default_columns(spec)
    frame = export_frame(rows, columns)
    if arguments.format == "json":
        data = to_json_bytes(frame)
    else:
        if arguments.headers == "readable":
            frame = readable_frame(frame, places(rows), label)
        data = to_csv_bytes(frame, excel_bom=arguments.output is not None)
    if arguments.output is None:
        sys.stdout.buffer.write(data)
    else:
        Path(arguments.output).write_bytes(data)
    return EXIT_OK


def _cli_type(parse: Callable[[str], Any]) -> Callable[[str], Any]:
    """The spec's own parser, with its message shown by argparse as one clear line."""

    def convert(text: str) -> Any:
        try:
            return parse(text)
        except ValueError as error:
            raise argparse.ArgumentTypeError(f"{text!r} {error}") from None

    return convert


def add_filter_flags(parser: argparse.ArgumentParser) -> None:
    """One flag per filter, named like its URL key with hyphens."""
    for spec_filter in FILTERS:
        flag = "--" + spec_filter.key.replace("_", "-")
        if isinstance(spec_filter.default, bool):
            parser.add_argument(flag, action="store_true", default=None, help=spec_filter.label)
            continue
        parser.add_argument(
            flag,
            dest=spec_filter.key,
            type=_cli_type(spec_filter.parse),
            action="append" if spec_filter.repeatable else "store",
            help=spec_filter.parse.__doc__,
        )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m avn_data", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="check a treatment table CSV")
    validate.add_argument("path", nargs="?", help="CSV file (default: the bundled table)")
    validate.add_argument("--data", default=str(BUNDLED_TABLE), help="CSV file, as for export")
    validate.set_defaults(run=_validate)
    export = commands.add_parser("export", help="write the filtered rows as CSV or JSON")
    add_filter_flags(export)
    for key, name in WEIGHT_KEYS.items():
        export.add_argument(
            "--" + key.replace("_", "-"),
            type=_cli_type(parse_weight),
            default=getattr(Weights(), name),
            help=f"how much {name.replace('_', ' ')} matters, 0–5 (ranks the rows)",
        )
    export.add_argument(
        "--aim", action="append", type=_cli_type(parse_aim), default=None,
        help="what you want most from treatment (repeatable): " + ", ".join(col.AIMS),
    )  # fmt: skip
    export.add_argument("--data", default=str(BUNDLED_TABLE), help="treatment table CSV")
    export.add_argument("--format", choices=("csv", "json"), default="csv")
    export.add_argument(
        "--headers", choices=("machine", "readable"), default="machine",
        help="CSV headers: column names (default), or the page's download: its place numbers "
        "first and each column under its label",
    )  # fmt: skip
    export.add_argument("-o", "--output", help="file to write (default: standard output)")
    export.add_argument("--all-columns", action="store_true", help="every column, not the view")
    export.set_defaults(run=_export)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code (argparse exits 2 itself on bad usage)."""
    arguments = build_parser().parse_args(argv)
    run: Callable[[argparse.Namespace], int] = arguments.run
    return run(arguments)


def data_path_from_argv(argv: list[str] | None = None) -> Path:
    """The table the dashboard opens: `--data PATH` after `streamlit run serve.py --`."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--data", default=str(BUNDLED_TABLE))
    known, _ = parser.parse_known_args(sys.argv[1:] if argv is None else argv)
    return Path(known.data).resolve()
