"""YAML loading that remembers line numbers, so errors can point at a line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .errors import Problem, input_error
from .paths import display_path


def _line_map(node: yaml.Node, path: tuple, lines: dict[tuple, int]) -> None:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = (
                yaml.safe_load(key_node.value) if key_node.tag.endswith(":int") else key_node.value
            )
            lines[(*path, key)] = key_node.start_mark.line + 1
            _line_map(value_node, (*path, key), lines)
            lines[(*path, key)] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _line_map(item, (*path, i), lines)


def _bad_scalar(text: str) -> tuple[int | None, str | None]:
    """The first scalar that fails to construct (line, text), found by trying each one."""
    stack = [yaml.compose(text)]
    while stack:
        node = stack.pop(0)
        if node is None:
            continue
        if isinstance(node, yaml.ScalarNode):
            try:
                yaml.safe_load(node.value if node.style is None else repr(node.value))
            except ValueError:
                return node.start_mark.line + 1, node.value
        elif isinstance(node, yaml.MappingNode):
            stack.extend(n for pair in node.value for n in pair)
        else:
            stack.extend(node.value)
    return None, None


def load_yaml(path: Path) -> tuple[Any, dict[tuple, int]]:
    """Parse a YAML file; returns (data, {key path: line number})."""
    text = path.read_text(encoding="utf-8-sig")
    try:
        data = yaml.safe_load(text)
        node = yaml.compose(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise input_error(
            display_path(path),
            f"is not valid YAML ({getattr(exc, 'problem', exc)})",
            "check indentation and quoting on that line (a value with ':' needs quotes)",
            line=None if mark is None else mark.line + 1,
        ) from None
    except ValueError as exc:  # e.g. a date that does not exist, such as 2020-13-01
        line, value = _bad_scalar(text)
        raise input_error(
            display_path(path),
            f"is not a real date ({exc})",
            "write dates as YYYY-MM-DD with a real month and day, or quote the value",
            line=line,
            value=value,
        ) from None
    lines: dict[tuple, int] = {}
    if node is not None:
        _line_map(node, (), lines)
    return data, lines


def line_for(lines: dict[tuple, int], loc: tuple) -> int | None:
    """The line of the deepest key path known for a validation location."""
    loc = tuple(loc)
    while loc:
        if loc in lines:
            return lines[loc]
        # pydantic reports int keys of dicts as ints or strings; try both spellings
        alt = tuple(int(p) if isinstance(p, str) and p.isdigit() else p for p in loc)
        if alt in lines:
            return lines[alt]
        loc = loc[:-1]
    return lines.get(())


def problem_at(
    path: Path, lines: dict[tuple, int], loc: tuple, err: dict, problem: str, fix: str
) -> Problem:
    """A pydantic validation error as a Problem at the YAML line of the key it concerns.

    Missing and unknown keys have no value to show, nor has a whole mapping or list.
    """
    value = None if err["type"] in ("missing", "extra_forbidden") else err.get("input")
    if isinstance(value, dict | list):
        value = None
    return Problem(
        file=display_path(path), problem=problem, fix=fix, line=line_for(lines, loc), value=value
    )
