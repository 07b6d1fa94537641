"""Strict, safe YAML loading that remembers line numbers, so errors can point at a line.

Every params, action-plan and other YAML input is read with `load_yaml`, which refuses what
a settings file never needs and an attacker or a slip could use:

- anchors and aliases (``&name``, ``*name``) and merge keys (``<<``): an alias can expand a
  small file into billions of values (an "alias bomb"), and a reader cannot see what a
  file says without expanding them in their head; write each value out;
- a key repeated in the same mapping, which YAML would otherwise resolve silently by keeping
  the last one (both lines are named); ``5`` and ``'5'`` count as the same key, since
  validation reads both as the same setting;
- nesting deeper than `MAX_DEPTH` levels, files larger than `MAX_BYTES`, text that is not
  UTF-8, and tags that build anything but plain data (``!!python/...``).

Scanning and parsing use libyaml when installed (much faster); the composer that applies the
rules above is PyYAML's own, in Python.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.events import AliasEvent, CollectionStartEvent, ScalarEvent
from yaml.resolver import Resolver

from .errors import InputError, Problem
from .paths import display_path
from .textfiles import read_text

try:  # libyaml's parser: the same events, about ten times faster
    from yaml.cyaml import CParser as _FastParser
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    _FastParser = None

MAX_BYTES = 1_000_000  # params and action plans are a few kilobytes
MAX_DEPTH = 32  # action plans nest four levels deep
MERGE_TAG = "tag:yaml.org,2002:merge"
DOCS = "docs/params.md"


class _Refused(Exception):
    """A construct the strict loader refuses, with the line and the fix."""

    def __init__(self, line: int, problem: str, fix: str, value: object = None):
        super().__init__(problem)
        self.line, self.problem, self.fix, self.value = line, problem, fix, value


class _StrictComposer(Composer):
    """PyYAML's composer, refusing anchors, aliases and deep nesting as it meets them."""

    _depth = 0

    def compose_node(self, parent: yaml.Node | None, index: object) -> yaml.Node:
        event = self.peek_event()
        line = event.start_mark.line + 1
        if isinstance(event, AliasEvent):
            raise _Refused(
                line,
                f"uses the YAML alias '*{event.anchor}'",
                "write the value out in full: anchors (&name) and aliases (*name) are not "
                "allowed in these files",
                f"*{event.anchor}",
            )
        if isinstance(event, ScalarEvent | CollectionStartEvent) and event.anchor is not None:
            raise _Refused(
                line,
                f"sets the YAML anchor '&{event.anchor}'",
                "remove the anchor and write each value out in full: anchors (&name) and "
                "aliases (*name) are not allowed in these files",
                f"&{event.anchor}",
            )
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise _Refused(
                    line,
                    f"nests values more than {MAX_DEPTH} levels deep",
                    "these files need only a few levels; check the indentation and brackets",
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


class _StrictConstructor(SafeConstructor):
    """Plain data only; an impossible date is refused at its own line."""

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> Any:
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError as exc:  # e.g. 2020-13-01
            raise _Refused(
                node.start_mark.line + 1,
                f"is not a real date ({exc})",
                "write dates as YYYY-MM-DD with a real month and day, or quote the value",
                node.value,
            ) from None


_StrictConstructor.add_constructor(
    "tag:yaml.org,2002:timestamp", _StrictConstructor.construct_yaml_timestamp
)


if _FastParser is not None:

    class _Loader(_StrictComposer, _FastParser, _StrictConstructor, Resolver):  # type: ignore[misc]
        """libyaml events, composed and constructed strictly in Python."""

        def __init__(self, stream: str):
            _FastParser.__init__(self, stream)
            Composer.__init__(self)
            _StrictConstructor.__init__(self)
            Resolver.__init__(self)

else:  # pragma: no cover

    class _Loader(  # type: ignore[no-redef]
        yaml.reader.Reader,
        yaml.scanner.Scanner,
        yaml.parser.Parser,
        _StrictComposer,
        _StrictConstructor,
        Resolver,
    ):
        """Pure-Python events, composed and constructed strictly."""

        def __init__(self, stream: str):
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)
            Composer.__init__(self)
            _StrictConstructor.__init__(self)
            Resolver.__init__(self)


def _key_of(loader: _Loader, node: yaml.Node) -> object:
    """A mapping key as the constructor makes it (so 5 and '5' differ, as in the data)."""
    if not isinstance(node, yaml.ScalarNode):
        raise _Refused(
            node.start_mark.line + 1,
            "uses a list or mapping as a key",
            "keys are plain words or numbers",
        )
    if node.tag == MERGE_TAG:
        raise _Refused(
            node.start_mark.line + 1,
            "uses the YAML merge key '<<'",
            "write the keys out in full: merge keys are not allowed in these files",
            "<<",
        )
    return loader.construct_object(node, deep=True)


def _walk(loader: _Loader, root: yaml.Node) -> dict[tuple, int]:
    """{key path: line} for every key and item, refusing repeated keys (naming both lines)."""
    lines: dict[tuple, int] = {(): root.start_mark.line + 1}
    stack: list[tuple[yaml.Node, tuple]] = [(root, ())]
    while stack:
        node, path = stack.pop()
        if isinstance(node, yaml.MappingNode):
            seen: dict[str, int] = {}
            for key_node, value_node in node.value:
                key = _key_of(loader, key_node)
                line = key_node.start_mark.line + 1
                # 5 and '5' are different YAML keys but the same setting once validated
                first = seen.get(str(key))
                if first is not None:
                    raise _Refused(
                        line,
                        f"key '{key}' appears twice in the same mapping (lines {first} and "
                        f"{line}); YAML would silently keep only the last",
                        "keep one of the two lines and delete the other",
                        key,
                    )
                seen[str(key)] = line
                lines[(*path, key)] = line
                stack.append((value_node, (*path, key)))
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                lines.setdefault((*path, i), item.start_mark.line + 1)
                stack.append((item, (*path, i)))
    return lines


def parse_yaml(text: str, file: str) -> tuple[Any, dict[tuple, int]]:
    """Parse YAML text strictly; returns (data, {key path: line number}).

    ``file`` names the source in messages. Raises InputError for anything refused.
    """
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, {}
        lines = _walk(loader, node)
        data = loader.construct_document(node)
    except _Refused as exc:
        raise InputError(
            Problem(file, exc.problem, exc.fix, line=exc.line, value=exc.value)
        ) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        fix = "check indentation and quoting on that line (a value with ':' needs quotes)"
        if isinstance(exc, yaml.constructor.ConstructorError):
            fix = (
                "remove the tag (the word starting with '!'): these files hold plain text, "
                "numbers, dates, lists and mappings only"
            )
        raise InputError(
            Problem(
                file,
                f"is not valid YAML ({problem})",
                fix,
                line=None if mark is None else mark.line + 1,
            )
        ) from None
    except RecursionError:  # pragma: no cover - MAX_DEPTH stops nesting long before this
        raise InputError(
            Problem(file, "nests values too deeply", "check the indentation and brackets")
        ) from None
    finally:
        loader.dispose()
    return data, lines


def load_yaml(path: Path, max_bytes: int = MAX_BYTES) -> tuple[Any, dict[tuple, int]]:
    """Read and parse a YAML file strictly; returns (data, {key path: line number})."""
    text = read_text(path, max_bytes=max_bytes)
    return parse_yaml(text, display_path(path))


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
