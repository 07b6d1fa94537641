"""`wres import esr`: an ESR workforce export (one row per assignment) to workforce.csv.

ESR holds one row per assignment; WRES counts people in post at 31 March. For each person:

1. Assignments whose status or category the mapping marks ``exclude`` do not count.
2. A person with a counted non-bank assignment is in post; a person whose counted
   assignments are all bank is bank-only (written with ``bank`` = true, so the loader
   leaves them out of every headcount, as WRES guidance says).
3. Band, staff group, ethnicity (and disability) come from the person's primary
   assignment among those counted (bank posts are not looked at for people in post). A
   person with one such assignment needs no flag; with several, exactly one must be
   flagged primary, or the rows are reported.

The person number is never copied: ``staff_id`` is its salted hash (`pseudonym`). Rows
come out sorted by staff_id, so the output order tells nothing about the export's order.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ..errors import InputError, Problem
from ..inputs.schemas import row_problems
from ..paths import display_path
from .esr_values import pay_band, staff_type
from .mapping import (
    CHOOSE,
    ESR_OPTIONAL,
    ETHNICITY_ADVICE,
    ETHNICITY_CHOICES,
    EsrParams,
    Table,
    columns_wanted,
    ethnicity_value,
    load_import_params,
    params_path,
)
from .output import CsvTable, FileContent, check_destination, fold, write_import
from .pseudonym import PERSON_DOMAIN, Salt, digests, load_salt, prefixed_hex
from .reading import Export, read_export
from .summary import ImportResult, ImportSummary, plural
from .unmapped import Coded, Mapped, encode, unmapped_problems

OUTPUT = "workforce.csv"
TEXT = pa.large_string()
MAX_AMBIGUOUS_SHOWN = 10
BAND_CHOICES = '"<a band of the data contract>"'


@dataclass(frozen=True)
class _Tables:
    statuses: Table
    categories: Table
    primary: Table
    staff_groups: Table
    pay_bands: Table
    ethnicity: Table
    disability: Table

    @classmethod
    def of(cls, params: EsrParams) -> _Tables:
        return cls(
            Table("statuses", params.statuses, "<count | exclude>"),
            Table("categories", params.categories, "<count | bank | exclude>"),
            Table("primary", params.primary, "<true | false>"),
            Table("staff_groups", params.staff_groups, "<clinical | non-clinical>"),
            Table("pay_bands", params.pay_bands, BAND_CHOICES),
            Table("ethnicity", params.ethnicity, ETHNICITY_CHOICES),
            Table("disability", params.disability, '"<yes | no | not declared>"'),
        )


def person_codes(array: pa.Array | pa.ChunkedArray) -> tuple[np.ndarray, pa.Array | np.ndarray]:
    """Each row's person code and the distinct person numbers, normalised as
    `pseudonym.person_key` (trimmed; leading zeros of all-digit numbers dropped).

    All-digit numbers (ESR's employee numbers) take a fast path through integers, which
    are numbered in one linear pass when the export is in person-number order; the
    distinct numbers then come back as integers (`person_texts` makes them text).
    """
    numbers = person_integers(array)
    if numbers is not None:
        return _integer_codes(numbers)
    whole = array.combine_chunks() if isinstance(array, pa.ChunkedArray) else array
    encoded = pc.dictionary_encode(whole)
    trimmed = pc.utf8_trim_whitespace(encoded.dictionary)
    normal = pc.replace_substring_regex(trimmed, r"^0+([0-9]+)$", r"\1")
    merged = pc.dictionary_encode(normal)
    remap = merged.indices.to_numpy(zero_copy_only=False).astype(np.int64)
    codes = remap[encoded.indices.to_numpy(zero_copy_only=False)]
    return codes, merged.dictionary.cast(TEXT)


def person_integers(array: pa.Array | pa.ChunkedArray) -> np.ndarray | None:
    """Each row's person number as an integer when every one is all digits (at most 18);
    else None, and `person_codes` takes the text path."""
    if not (len(array) and pc.all(pc.ascii_is_decimal(array)).as_py()):
        return None
    try:
        return pc.cast(array, pa.int64()).to_numpy(zero_copy_only=False)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None  # more than 18 digits


def person_texts(people: pa.Array | np.ndarray) -> pa.Array:
    """The distinct person numbers of `person_codes` as text, as they are hashed."""
    return pa.array(people).cast(TEXT) if isinstance(people, np.ndarray) else people


def _blank(people: pa.Array | np.ndarray) -> np.ndarray:
    """Which distinct person numbers are empty (a number never is)."""
    if isinstance(people, np.ndarray):
        return np.zeros(people.size, dtype=bool)
    return pc.equal(pc.utf8_length(people), 0).to_numpy(zero_copy_only=False)


def _integer_codes(numbers: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each number's code and the distinct numbers, ascending: in one linear pass when the
    numbers are in order already, else after `_radix_order` sorts them."""
    if _ascending(numbers):
        order, ordered = None, numbers
    else:
        order = _radix_order(numbers)
        ordered = numbers[order]
    new = np.empty(ordered.size, dtype=bool)
    new[:1] = True
    np.not_equal(ordered[1:], ordered[:-1], out=new[1:])
    codes = np.cumsum(new) - 1
    if order is not None:  # back to the rows' own order
        in_rows = np.empty_like(codes)
        in_rows[order] = codes
        codes = in_rows
    return codes, ordered[new]


def _ascending(numbers: np.ndarray) -> bool:
    return bool(np.all(numbers[1:] >= numbers[:-1]))


def _radix_order(numbers: np.ndarray) -> np.ndarray:
    """The order that sorts non-negative integers: numpy's stable sort of 16-bit keys is a
    radix sort, so one pass per 16 bits the largest needs (two for 8-digit ESR numbers)
    beats hashing a million numbers (``pd.factorize``) by about half."""
    order = None
    for shift in range(0, max(1, int(numbers.max()).bit_length()), 16):
        values = numbers if order is None else numbers[order]
        step = np.argsort(((values >> shift) & 0xFFFF).astype(np.uint16), kind="stable")
        order = step if order is None else order[step]
    return order


class _Convert:
    """One export through one mapping: every problem collected before anything is built."""

    def __init__(self, export: Export, params: EsrParams, params_file: str):
        self.export, self.params, self.params_file = export, params, params_file
        self.tables = _Tables.of(params)
        self.problems: list[Problem] = []

    def _map(
        self, role: str, resolve, rows: np.ndarray | None, what: str, advice: str, table: Table
    ) -> Mapped:
        """The column through the mapping; values it lacks (in ``rows``) become problems."""
        coded = encode(self.export.columns[role])
        mapped = Mapped(coded, coded.lookup(resolve))
        self.problems += unmapped_problems(
            self.export,
            role,
            coded,
            mapped.known,
            rows,
            what=what,
            table=table,
            params_file=self.params_file,
            advice=advice,
        )
        return mapped

    def run(self, salt: Salt) -> tuple[FileContent, ImportSummary]:
        """The workforce.csv bytes and the summary; InputError listing every problem."""
        export = self.export
        if len(export) == 0:
            raise InputError(
                Problem(
                    export.file,
                    "the export has a heading row but no assignment rows",
                    "export the report again for the snapshot date (31 March); it should "
                    "hold one row per assignment",
                )
            )
        # numbering, hashing and sorting the people needs only the person numbers, so the
        # hashing and sorting run on other threads while the rows are mapped
        column = export.columns["person"]
        numbers = person_integers(column)
        with ThreadPoolExecutor(max_workers=2) as pool:
            if numbers is None:
                person, people = person_codes(column)
                pseudonyms = _Pseudonyms(people, salt, pool)
            elif _ascending(numbers):
                person, people = _integer_codes(numbers)
                pseudonyms = _Pseudonyms(people, salt, pool)
            else:  # numbering takes a sort here: every row's number is hashed meanwhile
                pseudonyms = _Pseudonyms(numbers, salt, pool, each_row=True)
                person, people = _integer_codes(numbers)
            return self._convert(person, people, pseudonyms)

    def _convert(
        self, person: np.ndarray, people: pa.Array | np.ndarray, pseudonyms: _Pseudonyms
    ) -> tuple[FileContent, ImportSummary]:
        export, t = self.export, self.tables
        status = self._map("status", t.statuses.get, None, "assignment status", CHOOSE, t.statuses)
        category = self._map(
            "category", t.categories.get, None, "assignment category", CHOOSE, t.categories
        )
        by_status = status.rows_where(lambda a: a == "exclude")
        by_category = category.rows_where(lambda a: a == "exclude") & ~by_status
        counted = ~(by_status | by_category)
        primary = self._map(
            "primary", t.primary.get, counted, "primary assignment flag", CHOOSE, t.primary
        )
        blank = _blank(people)
        if blank.any():
            self._blank_people(np.flatnonzero(counted & blank[person]))
        band = self._map(
            "pay_band",
            lambda v: pay_band(v, t.pay_bands, self.params.band_prefixes),
            counted,
            "pay band",
            "and replace the part in <> with the band of the data contract it stands for (Band 1 "
            "... Band 7, Band 8a-8d, Band 9, VSM, Medical: Consultant, Medical: Non-consultant "
            "career grade, Medical: Trainee grade, Other)",
            t.pay_bands,
        )
        group = self._map(
            "staff_group",
            lambda v: staff_type(v, t.staff_groups),
            counted,
            "staff group",
            CHOOSE,
            t.staff_groups,
        )
        ethnicity = self._map(
            "ethnicity",
            lambda v: ethnicity_value(v, t.ethnicity),
            counted,
            "ethnic origin",
            ETHNICITY_ADVICE,
            t.ethnicity,
        )
        disability = None
        if "disability" in export.columns:
            disability = self._map(
                "disability",
                lambda v: "" if not v.strip() else t.disability.get(v),
                counted,
                "disability value",
                CHOOSE,
                t.disability,
            )
        # people with an unmapped status, category or flag cannot be judged yet; everyone
        # else is checked for their primary assignment now, so all problems show at once
        unsure_rows = (
            status.rows_where(lambda a: a is None)
            | category.rows_where(lambda a: a is None)
            | (counted & primary.rows_where(lambda a: a is None))
        )
        unsure = np.zeros(len(people), dtype=bool)
        if unsure_rows.any():
            unsure = np.bincount(person[unsure_rows], minlength=len(people)) > 0
        rows, in_post = self._select(
            person,
            unsure | blank,
            counted,
            category.rows_where(lambda a: a == "count"),
            primary.rows_where(lambda a: a is True),
        )
        if not self.problems and not in_post.any():
            self.problems.append(
                Problem(
                    export.file,
                    f"no one is in post: of {plural(len(export), 'assignment row')}, none is a "
                    "counted non-bank assignment",
                    "check that the report covers staff in post at 31 March, and the 'count' "
                    f"entries of 'statuses' and 'categories' in {self.params_file}",
                )
            )
        if self.problems:
            raise InputError(self.problems)
        bank = ~in_post[person[rows]]
        columns = {
            "ethnic_category": ethnicity.text(rows),
            "pay_band": band.text(rows),
            "clinical": group.text(rows),
            "bank": pa.DictionaryArray.from_arrays(
                pa.array(bank.astype(np.int32)), pa.array(["false", "true"], TEXT)
            ),
        }
        if disability is not None:
            columns["disability"] = disability.text(rows)
        # folded in the rows' order while the pseudonyms are sorted, then put in theirs
        folded = fold(columns)
        ids, order = pseudonyms.staff_ids(person, rows)
        table = CsvTable({"staff_id": ids}, folded.take(order))
        nonblank_people = int((~blank).sum())
        summary = self._summary(
            status.coded,
            category.coded,
            by_status,
            by_category,
            nonblank_people,
            len(rows),
            int(bank.sum()),
        )
        return table, summary

    def _blank_people(self, positions: np.ndarray) -> None:
        if positions.size == 0:
            return
        export = self.export
        heading = export.headings["person"]
        self.problems += row_problems(
            export.file,
            heading,
            export.rows[positions].tolist(),
            None,
            "the person number is empty",
            f"every assignment row needs the person's number in '{heading}'; export the "
            "report again with that column filled",
        )

    def _select(
        self,
        person: np.ndarray,
        unsure: np.ndarray,
        counted: np.ndarray,
        nonbank_category: np.ndarray,
        is_primary: np.ndarray,
    ) -> tuple[np.ndarray, np.ndarray]:
        """(row of each person's primary assignment, whether each person is in post rather
        than bank-only); ambiguity reported.

        ``unsure`` marks people whose rows are not all mapped: they are not judged.
        """
        people = unsure.size
        nonbank = counted & nonbank_category
        in_post = np.bincount(person[nonbank], minlength=people) > 0
        candidate = counted & (nonbank | ~in_post[person])
        n_candidates = np.bincount(person[candidate], minlength=people)
        n_primary = np.bincount(person[candidate & is_primary], minlength=people)
        ambiguous = (n_candidates >= 2) & (n_primary != 1) & ~unsure
        if ambiguous.any():
            self._ambiguous(person, candidate & ambiguous[person], n_primary)
        chosen = candidate & ((n_candidates[person] == 1) | is_primary)
        rows = np.flatnonzero(chosen)
        return rows, in_post

    def _ambiguous(self, person: np.ndarray, rows_mask: np.ndarray, n_primary: np.ndarray) -> None:
        export = self.export
        positions = np.flatnonzero(rows_mask)
        order = np.argsort(person[positions], kind="stable")
        _, starts = np.unique(person[positions][order], return_index=True)
        groups = np.split(positions[order], starts[1:])
        groups.sort(key=lambda g: int(g[0]))
        heading = export.headings["primary"]
        fix = (
            "a person has exactly one primary assignment in ESR: check these rows' "
            f"'{heading}' values, and that the report was run for one date (31 March)"
        )
        for group in groups[:MAX_AMBIGUOUS_SHOWN]:
            rows = export.rows[group].tolist()
            flagged = int(n_primary[person[group[0]]])
            state = "none is" if flagged == 0 else f"{flagged} are"
            self.problems.append(
                Problem(
                    file=export.file,
                    problem=f"rows {', '.join(map(str, rows))} are counted assignments of the "
                    f"same person, and {state} marked primary",
                    fix=fix,
                    row=rows[0],
                    column=heading,
                )
            )
        if len(groups) > MAX_AMBIGUOUS_SHOWN:
            self.problems.append(
                Problem(
                    file=export.file,
                    problem=f"{len(groups) - MAX_AMBIGUOUS_SHOWN:,} more people with the same "
                    "problem",
                    fix=fix,
                    column=heading,
                )
            )

    def _summary(
        self,
        status: Coded,
        category: Coded,
        by_status: np.ndarray,
        by_category: np.ndarray,
        all_people: int,
        people: int,
        bank_only: int,
    ) -> ImportSummary:
        export = self.export
        n = len(export)
        excluded = by_status | by_category
        excluded_values = {
            "assignment status": _value_counts(status, by_status),
            "assignment category": _value_counts(category, by_category),
        }
        secondary = int((~excluded).sum()) - people
        without = all_people - people
        lines = [
            f"{plural(n, 'assignment row')} → {plural(people, 'person', 'people')}; "
            f"{bank_only:,} bank-only; {plural(secondary, 'secondary assignment')} dropped",
            f"{plural(people - bank_only, 'person', 'people')} in post counted in the headcount; "
            f"{plural(bank_only, 'bank-only person', 'bank-only people')} marked bank and left "
            "out of it (WRES counts staff in post).",
            "Each person's band, staff group and ethnicity come from their primary assignment.",
        ]
        for reason, values in excluded_values.items():
            if values:
                listed = "; ".join(f"{v or '(blank)'}: {c:,}" for v, c in values.items())
                lines.append(f"Assignment rows left out by {reason}: {listed}.")
        if without:
            lines.append(
                f"{plural(without, 'person', 'people')} with no counted assignment left out."
            )
        if export.skipped_blank:
            lines.append(f"{plural(export.skipped_blank, 'blank row')} skipped.")
        return ImportSummary(
            kind="esr",
            output=OUTPUT,
            source=export.name,
            source_format=export.format,
            mapping=Path(self.params_file).name,
            columns=dict(export.headings),
            counts={
                "assignment_rows": n,
                "blank_rows_skipped": export.skipped_blank,
                "excluded_rows": int(excluded.sum()),
                "people": people,
                "people_in_post": people - bank_only,
                "bank_only_people": bank_only,
                "secondary_assignments_dropped": secondary,
                "people_without_counted_assignment": without,
            },
            lines=lines,
            excluded={k: v for k, v in excluded_values.items() if v},
        )


def _value_counts(coded: Coded, mask: np.ndarray) -> dict[str, int]:
    """Rows per distinct value among the masked rows (value text -> count), by value."""
    counts = np.bincount(coded.codes[mask], minlength=len(coded.values))
    return {coded.values[i]: int(counts[i]) for i in np.flatnonzero(counts)}


@dataclass(frozen=True)
class _Sorted:
    """People in the order of their pseudonym keys."""

    order: np.ndarray  # person codes, in key order
    keys: np.ndarray  # their keys (uint64, ascending)
    ids: pa.Array  # their staff_ids


def _in_key_order(keys: np.ndarray, pool: ThreadPoolExecutor | None = None) -> _Sorted:
    """Sort distinct 64-bit keys (as ``np.argsort`` would) and make their staff_ids.

    Two cheap passes for random keys such as hashes: numpy radix-sorts the top 16 bits,
    and then timsort has little left to do on the nearly sorted keys. The keys whose top
    bit is set are sorted, and their staff_ids made, on the ``pool`` meanwhile."""
    top = (keys >> np.uint64(48)).astype(np.uint16)
    by_top = np.argsort(top, kind="stable")
    nearly = keys[by_top]
    half = int(np.count_nonzero(top < 1 << 15))

    def part(start: int, stop: int) -> tuple[np.ndarray, np.ndarray, pa.Array]:
        order = np.argsort(nearly[start:stop], kind="stable")
        ordered = nearly[start:stop][order]
        return by_top[start:stop][order], ordered, prefixed_hex(ordered, "S")

    upper = pool.submit(part, half, keys.size) if pool else None
    parts = [part(0, half), upper.result() if upper else part(half, keys.size)]
    return _Sorted(
        np.concatenate([p[0] for p in parts]),
        np.concatenate([p[1] for p in parts]),
        pa.concat_arrays([p[2] for p in parts]),
    )


class _Pseudonyms:
    """Every person's pseudonym, worked out on a pool of two threads while the rows are
    mapped: one hashes the people (mostly holding the GIL, so a second would not help),
    then each sorts half of the keys. The numbers hashed are the distinct people's, or,
    ``each_row``, every row's (a person's rows hash alike)."""

    def __init__(
        self,
        numbers: pa.Array | np.ndarray,
        salt: Salt,
        pool: ThreadPoolExecutor,
        each_row: bool = False,
    ):
        self.each_row = each_row
        self._sorted = pool.submit(lambda: _in_key_order(_person_digests(numbers, salt), pool))

    def staff_ids(self, person: np.ndarray, rows: np.ndarray) -> tuple[pa.Array, np.ndarray]:
        """(staff_ids of the people of ``rows``, one row each, sorted; the order that sorts
        the rows).

        Placing each row's position by what was hashed for it and reading the positions
        back in key order sorts them in one linear pass, with no second sort."""
        selected = rows if self.each_row else person[rows]
        people = self._sorted.result()
        position = np.full(people.order.size, -1, dtype=np.int64)
        position[selected] = np.arange(selected.size)
        ordered = position[people.order]
        taken = ordered >= 0
        keys = people.keys[taken]
        if np.any(keys[1:] == keys[:-1]):
            raise InputError(
                Problem(
                    "staff_id",
                    "two people got the same pseudonym (a one-in-billions coincidence)",
                    "report this; it cannot be fixed by changing the export",
                )
            )
        ids = people.ids if taken.all() else people.ids.filter(pa.array(taken))
        return ids, ordered[taken]


def _person_digests(people: pa.Array | np.ndarray, salt: Salt) -> np.ndarray:
    return digests(person_texts(people), salt, PERSON_DOMAIN)


def read_esr(source: Path, params: EsrParams, params_file: str) -> Export:
    """The columns of an ESR export that the mapping names."""
    wanted = columns_wanted(params.columns, ESR_OPTIONAL)
    return read_export(
        source,
        wanted,
        header_row=params.header_row,
        sheet=params.sheet,
        section=params_file,
        encoded=[role for role in wanted if role != "person"],
    )


def esr_workforce(
    source: Path, params: EsrParams, params_file: str, salt: Salt
) -> tuple[FileContent, ImportSummary]:
    """workforce.csv (bytes) and the import summary from one ESR export; nothing written."""
    export = read_esr(source, params, params_file)
    return _Convert(export, params, params_file).run(salt)


def import_esr(
    source: Path,
    org: str,
    year: int,
    *,
    data_dir: Path,
    params_dir: Path,
    mapping: Path | None = None,
    salt_file: Path | None = None,
) -> ImportResult:
    """Read an ESR export and write data/<org>/<year>/workforce.csv and its summary.

    Nothing is written unless the whole export maps: the previous files stay otherwise.
    """
    folder = check_destination(data_dir, org, year)
    path = params_path("esr", params_dir, mapping)
    params = load_import_params(EsrParams, path)
    salt = load_salt(params_dir, salt_file)
    data, summary = esr_workforce(source, params, display_path(path), salt)
    notes = [note for note in [salt.save_if_new()] if note]
    written = write_import(folder, OUTPUT, data, summary)
    return ImportResult(written, summary, notes)
