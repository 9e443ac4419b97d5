"""Check a frame of text cells against a TableSpec and return typed columns or every problem."""

import re
from functools import partial
from typing import cast

import pandas as pd
import pandera.pandas as pa

from avn_data.tables.problems import Problem, TableError
from avn_data.tables.schema import TableSpec, per_distinct_cell
from avn_data.tables.stage_numbers import STAGE_COLUMNS, stage_numbers

TRUE_WORDS = frozenset({"true", "yes", "1"})
FALSE_WORDS = frozenset({"false", "no", "0"})
HEADER_ROWS = 1


def spreadsheet_row(index: int | None) -> int | None:
    """The row a person sees in a spreadsheet: data starts below the header."""
    return None if index is None or pd.isna(index) else int(index) + HEADER_ROWS + 1


def _missing_columns(cells: pd.DataFrame, spec: TableSpec) -> list[Problem]:
    return [
        Problem(None, name, "this required column is missing from the header row")
        for name in spec.required
        if name not in cells.columns
    ]


def _empty_cells(cells: pd.DataFrame, spec: TableSpec) -> list[Problem]:
    # One column at a time: stripping a whole text table at once would copy all of it.
    # Nullable number columns may be empty: an empty cell there means "unknown".
    must_fill = [name for name in spec.required if name not in spec.nullable]
    # Stacking single-level columns gives a Series; the stubs allow a DataFrame too.
    blank = cast(
        pd.Series,
        pd.DataFrame({name: cells[name].str.strip().eq("") for name in must_fill}).stack(),
    )
    return [
        Problem(spreadsheet_row(index), name, "is empty; this column must be filled")
        for index, name in blank[blank].index
    ]


def _parse_numbers(cells: pd.Series, whole: bool) -> tuple[pd.Series, pd.Series]:
    """Parsed values and a mask of filled cells that are not (whole) numbers."""
    values = pd.to_numeric(cells, errors="coerce")
    bad = values.isna() | (values % 1 != 0 if whole else False)
    return values, bad & cells.ne("")


# '3.0': a whole number as pandas or a spreadsheet writes it in a column with blanks.
WHOLE_DECIMAL = re.compile(r"^\s*([0-9]+)\.0+\s*$")


def _parse_stages(cells: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Stages by the rule links and flags use too (stages.stage_number): 0–4 or I–IV. A table
    cell may also be written '3.0', as pandas or a spreadsheet saves a column with blanks, the
    way every other whole-number cell may."""
    values = stage_numbers(per_distinct_cell(cells, partial(WHOLE_DECIMAL.sub, r"\1")))
    return values, values.isna() & cells.ne("")


def _parse_bools(cells: pd.Series) -> tuple[pd.Series, pd.Series]:
    lowered = cells.str.lower()
    values = lowered.isin(TRUE_WORDS)
    bad = ~(values | lowered.isin(FALSE_WORDS)) & cells.ne("")
    return values, bad


def _typed(cells: pd.DataFrame, spec: TableSpec) -> tuple[pd.DataFrame, list[Problem]]:
    """Columns converted to their types, with one problem per cell that would not convert."""
    typed = cells.copy(deep=False)
    problems: list[Problem] = []
    parsers = (
        [(name, _parse_stages) for name in spec.int_columns if name in STAGE_COLUMNS]
        + [
            (name, lambda c: _parse_numbers(c, whole=True))
            for name in spec.int_columns
            if name not in STAGE_COLUMNS
        ]
        + [(name, lambda c: _parse_numbers(c, whole=False)) for name in spec.float_columns]
        + [(name, _parse_bools) for name in spec.bool_columns]
    )
    for name, parse in parsers:
        values, bad = parse(cells[name])
        # A rejected cell is reported here once; blanked, the schema's checks skip it.
        typed[name] = values.mask(bad)
        problems += [
            Problem(
                spreadsheet_row(index),
                name,
                f"'{cells[name][index]}' is not {spec.expectations[name]}",
            )
            for index in cells.index[bad]
        ]
    return typed, problems


def _lenient(spec: TableSpec) -> pa.DataFrameSchema:
    """The schema without dtypes, for a frame whose unparsable cells are already reported."""
    typed_columns = spec.int_columns + spec.float_columns + spec.bool_columns
    return spec.schema.update_columns(
        {name: {"dtype": None, "nullable": True} for name in typed_columns}
    )


def _number_dtypes(spec: TableSpec) -> dict[str, str]:
    """Each number column's dtype. A nullable whole-number column is float64 so that an unknown
    is NaN, as in every other number column (pandas' <NA> makes `==` and `if` raise); its known
    values were still checked to be whole."""
    return {
        **{n: "float64" if n in spec.nullable else "int64" for n in spec.int_columns},
        **{n: "float64" for n in spec.float_columns},
    }


def with_nullable(spec: TableSpec) -> pa.DataFrameSchema:
    """The spec's schema with its nullable number columns allowed to hold unknowns; range and
    value checks skip the unknowns."""
    dtypes = _number_dtypes(spec)
    return spec.schema.update_columns(
        {
            name: {"nullable": True, "dtype": dtypes.get(name)}
            for name in spec.nullable
            if name in spec.schema.columns
        }
    )


def _schema_problems(
    frame: pd.DataFrame, schema: pa.DataFrameSchema, spec: TableSpec, cells: pd.DataFrame
) -> list[Problem]:
    try:
        schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as errors:
        return _explain(errors.failure_cases, frame, spec, cells)
    return []


def _repeated_combination(frame: pd.DataFrame, spec: TableSpec, index: int) -> Problem | None:
    """The repeat on a row whose combination of the schema's unique columns an earlier row
    already has; None for that earlier row itself."""
    names = list(spec.schema.unique or ())
    same = (frame[names] == frame.loc[index, names]).all(axis=1)
    first = frame.index[same][0]
    if first == index:
        return None
    pair = ", ".join(f"{name} '{frame[name][index]}'" for name in names)
    message = f"{pair} appears more than once (first on row {spreadsheet_row(first)})"
    return Problem(spreadsheet_row(index), names[0], message)


def _explain(
    failures: pd.DataFrame, frame: pd.DataFrame, spec: TableSpec, cells: pd.DataFrame
) -> list[Problem]:
    problems: set[Problem] = set()
    pair_names = {f"{low}<={high}": (low, high) for low, high in spec.ordered_pairs}
    for failure in failures.to_dict("records"):
        index, check, column = failure["index"], failure["check"], failure["column"]
        if check in pair_names:
            low, high = pair_names[check]
            if frame.loc[index, [low, high]].isna().any():
                continue
            message = f"{low} ({frame[low][index]:g}) is above {high} ({frame[high][index]:g})"
            problems.add(Problem(spreadsheet_row(index), low, message))
        elif check == "multiple_fields_uniqueness":
            repeat = _repeated_combination(frame, spec, index)
            if repeat is not None:
                problems.add(repeat)
        elif check == "field_uniqueness":
            rows = frame.index[frame[column] == failure["failure_case"]]
            shown = ", ".join(str(spreadsheet_row(i)) for i in rows)
            message = f"'{failure['failure_case']}' appears more than once (rows {shown})"
            problems.add(Problem(spreadsheet_row(index), column, message))
        else:
            expected = spec.expectations.get(column, "valid")
            shown = failure["failure_case"] if pd.isna(index) else cells[column][index]
            message = f"'{shown}' is not {expected}"
            problems.add(Problem(spreadsheet_row(index), column, message))
    return list(problems)


def validate_cells(cells: pd.DataFrame, spec: TableSpec) -> pd.DataFrame:
    """The table with typed columns, or a TableError listing every problem by row and column."""
    missing = _missing_columns(cells, spec)
    if missing:
        raise TableError(missing)
    cells = cells.assign(**{n: "" for n in spec.optional_text if n not in cells.columns})
    ruled = {*spec.int_columns, *spec.float_columns, *spec.bool_columns, *spec.schema.columns}
    cells = cells.assign(**{name: cells[name].str.strip() for name in ruled})
    typed, problems = _typed(cells, spec)
    problems += _empty_cells(cells, spec)
    if problems:
        raise TableError(problems + _schema_problems(typed, _lenient(spec), spec, cells))
    typed = typed.astype(_number_dtypes(spec))
    problems = _schema_problems(typed, with_nullable(spec), spec, cells)
    problems += [
        Problem(spreadsheet_row(index), column, message)
        for rule in spec.row_rules
        for index, column, message in rule(typed)
    ]
    if problems:
        raise TableError(problems)
    return typed
