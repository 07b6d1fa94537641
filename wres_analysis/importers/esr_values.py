"""ESR pay band and staff group text to the data contract's band and staff type.

Pay band text comes in many forms: ``Band 5``, ``Review Body Band 5``, ``Agenda for
Change Band 5``, ``NHS|XR05|Review Body Band 5`` (pipe-joined code and name: the last
part is read), ``Band 8 - Range A``, ``Band 8A``; medical grades come by name
(``Consultant``, ``Specialty Registrar``). Lookup order for one value: the ``pay_bands``
table (full text, then the last pipe part), then an Agenda for Change band after removing
one of ``band_prefixes``, then the contract's own spelling (``Band 8a``, ``VSM``, ``Other``,
``Medical: Consultant``). Staff group text may be joined to a role by a pipe
(``Nursing and Midwifery Registered|Staff Nurse``): the full text, then the first part, is
looked up in ``staff_groups``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..inputs.schemas import canonical_band
from .mapping import Table, value_key

AFC = re.compile(r"band ?([1-9]) ?(?:-? ?range ?([a-d])|([a-d]))?")


def afc_band(text: str, prefixes: Sequence[str] = ()) -> str | None:
    """'Review Body Band 8 - Range A' -> 'Band 8a'; None if not an Agenda for Change band.

    Band 8 needs its range (A-D); the other bands have none.
    """
    key = value_key(text)
    for prefix in sorted((value_key(p) for p in prefixes), key=len, reverse=True):
        if prefix and key.startswith(prefix + " "):
            key = key[len(prefix) + 1 :]
            break
    match = AFC.fullmatch(key)
    if not match:
        return None
    number, letter = int(match.group(1)), match.group(2) or match.group(3)
    if number == 8:
        return f"Band 8{letter}" if letter else None
    return None if letter else f"Band {number}"


def pay_band(text: str, table: Table, prefixes: Sequence[str]) -> str | None:
    """The contract band of one pay band text, or None when nothing maps it."""
    stripped = text.strip()
    if not stripped:
        return None
    candidates = [stripped]
    if "|" in stripped:
        candidates.append(stripped.rsplit("|", 1)[1].strip())
    for candidate in candidates:
        found = table.get(candidate)
        if found is None:
            found = afc_band(candidate, prefixes) or canonical_band(candidate)
        if found is not None:
            return str(found)
    return None


def staff_type(text: str, table: Table) -> str | None:
    """clinical / non-clinical of one staff group text, or None when the table lacks it."""
    stripped = text.strip()
    found = table.get(stripped)
    if found is None and "|" in stripped:
        found = table.get(stripped.split("|", 1)[0])
    return None if found is None else str(found)
