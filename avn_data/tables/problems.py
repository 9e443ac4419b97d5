"""Problems found in a table, each naming the row and column at fault."""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

MAX_SHOWN = 50


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a table; `row` counts the header as row 1, as spreadsheets do."""

    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column '{self.column}'")
        return f"{', '.join(where)}: {self.message}" if where else self.message


class TableError(ValueError):
    """A table that could not be read or failed validation; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=_sort_key)
        super().__init__(format_problems(self.problems))


def _sort_key(problem: Problem) -> tuple[int, str]:
    return (problem.row if problem.row is not None else 0, problem.column or "")


def format_problems(problems: list[Problem], limit: int = MAX_SHOWN) -> str:
    """Problems one per line; past `limit`, a count of the rest so a huge file stays readable."""
    lines = [str(problem) for problem in problems[:limit]]
    if len(problems) > limit:
        lines.append(f"... and {len(problems) - limit} more problems")
    return "\n".join(lines)


@dataclass(frozen=True, order=True)
class TableProblem(Problem):
    """A problem that also names its file, e.g. "outcomes.csv row 5, column 'treated_n': ..."."""

    table: str = ""

    def __str__(self) -> str:
        where = super().__str__()
        if not self.table:
            return where
        located = self.row is not None or self.column is not None
        return f"{self.table} {where}" if located else f"{self.table}: {where}"


def named(table: str, problems: list[Problem]) -> list[Problem]:
    """The problems again, each saying which file it is in."""
    return [TableProblem(p.row, p.column, p.message, table) for p in problems]


def load_or_problems(
    path: Path, loader: Callable[[Path], pd.DataFrame]
) -> tuple[pd.DataFrame | None, list[Problem]]:
    try:
        return loader(path), []
    except TableError as error:
        return None, named(path.name, error.problems)
    except OSError as error:
        return None, [TableProblem(None, None, f"cannot be read: {error.strerror}", path.name)]
