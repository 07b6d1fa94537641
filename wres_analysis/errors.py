"""Input errors that say where the problem is and how to fix it.

Every bad-input path raises `InputError` (one problem) or `InputErrors` (several). The
command line turns them into a message on stderr and a non-zero exit status.
Row numbers are spreadsheet rows: the header is row 1, the first record is row 2.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One violation: where it is, what is wrong and how to put it right."""

    file: str
    problem: str
    fix: str
    row: int | None = None
    column: str | None = None
    value: object = None
    line: int | None = None  # for text files such as YAML, where "row" would mislead

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.column is not None:
            where.append(f"column '{self.column}'")
        value = "" if self.value is None else f"value {self.value!r}: "
        return f"{', '.join(where)}: {value}{self.problem}. Fix: {self.fix}"


class InputError(ValueError):
    """Bad input: one or more problems, each with file, row, column, value and fix."""

    def __init__(self, problems: Problem | Iterable[Problem]):
        self.problems: list[Problem] = (
            [problems] if isinstance(problems, Problem) else list(problems)
        )
        super().__init__(self._message())

    def _message(self, limit: int = 20) -> str:
        lines = [str(p) for p in self.problems[:limit]]
        more = len(self.problems) - limit
        if more > 0:
            lines.append(f"... and {more} more problem(s) of the same kind")
        if len(self.problems) == 1:
            return lines[0]
        return f"{len(self.problems)} problems found:\n" + "\n".join(
            f"  - {line}" for line in lines
        )


def input_error(
    file: str,
    problem: str,
    fix: str,
    row: int | None = None,
    column: str | None = None,
    value: object = None,
    line: int | None = None,
) -> InputError:
    """Shorthand for an `InputError` with a single problem."""
    return InputError(
        Problem(file=file, problem=problem, fix=fix, row=row, column=column, value=value, line=line)
    )
