"""A synthetic workforce.csv: exact headline totals, band texture from a seeded generator.

Headcount, BME and Unknown totals are fixed by the profile (so figures such as the model
organisation's 3.4% hold for any seed); the generator decides how they spread over bands
and ethnic categories. Everything is vectorised: a million staff take a second or two.

Each person has an eight-digit ESR person number, and ``staff_id`` is its salted hash under
the public `EXAMPLE_SALT`, exactly as `wres import esr` computes it, so that importing the
ESR-format export (`synth.esr`) gives back this very file. Rows are sorted by staff_id, as
the importer writes them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..importers.pseudonym import PERSON_DOMAIN, Salt, digests, person_key, prefixed_hex
from .counts import allocate, jittered
from .ethnicity import CODE_GROUP_INDEX, CODES, code_weights, render, sample_codes, with_subcodes
from .profiles import SEED_SENIOR_BANDS, OrgProfile

WORKFORCE_COLUMNS: tuple[str, ...] = ("staff_id", "ethnic_category", "pay_band", "clinical", "bank")
# The salt of the example organisations' staff_ids. Public on purpose (the data is
# invented): never use it for real data. `wres import esr` takes it from $WRES_IMPORT_SALT.
EXAMPLE_SALT = "wres-analysis synthetic example data: a public salt, never for real data"
PERSON_NUMBER_DIGITS = 8


@dataclass(frozen=True)
class Staffing:
    """Headcount in post (bank excluded) per ethnic code index: the flows' denominators."""

    code_counts: np.ndarray

    @property
    def group_counts(self) -> np.ndarray:
        """Headcount per WRES group, in the order White, BME, Unknown."""
        return np.bincount(CODE_GROUP_INDEX, weights=self.code_counts, minlength=3).astype(int)

    def in_group(self, group: int) -> np.ndarray:
        """Headcount per code, zero outside `group` (for splitting a group's count by code)."""
        return np.where(np.equal(CODE_GROUP_INDEX, group), self.code_counts, 0)


def group_mixes(profile: OrgProfile) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The organisation's code probabilities for White, BME and Unknown."""
    return (
        code_weights(profile.white_mix),
        code_weights(profile.bme_mix),
        code_weights(profile.unknown_mix),
    )


def cell_counts(profile: OrgProfile, year: int, rng: np.random.Generator) -> np.ndarray:
    """Headcount per (cell, group) as a (cells x 3) array: White, BME, Unknown columns."""
    weights = np.array([c.weight for c in profile.cells], dtype=float)
    bme_rel = np.array([c.bme_rel for c in profile.cells], dtype=float)
    total = round(profile.headcount.at(year))
    anchor = profile.anchors.get(year)
    bme = anchor.bme if anchor else round(total * profile.bme_pct.at(year) / 100)
    unknown = round(total * profile.unknown_pct.at(year) / 100)

    in_post = np.zeros(weights.size, dtype=np.int64)
    bme_cells = np.zeros(weights.size, dtype=np.int64)
    if anchor:
        senior = np.array([c.band in SEED_SENIOR_BANDS for c in profile.cells])
        pools = [(senior, anchor.senior_total, anchor.senior_bme)]
        pools.append((~senior, total - anchor.senior_total, bme - anchor.senior_bme))
    else:
        pools = [(np.ones(weights.size, dtype=bool), total, bme)]
    for mask, pool_total, pool_bme in pools:
        n = allocate(pool_total, jittered(rng, weights[mask], 0.08))
        in_post[mask] = n
        bme_cells[mask] = allocate(pool_bme, jittered(rng, n * bme_rel[mask], 0.15), caps=n)
    room = in_post - bme_cells
    unknown_cells = allocate(unknown, jittered(rng, room, 0.25), caps=room)
    white_cells = in_post - bme_cells - unknown_cells
    return np.column_stack([white_cells, bme_cells, unknown_cells])


def _person_numbers(rng: np.random.Generator, n: int) -> np.ndarray:
    """Distinct random ESR person numbers, zero-padded to eight digits (or more when huge)."""
    width = max(6, len(str(10 * n)))
    numbers = rng.choice(10**width - 1, size=n, replace=False) + 1
    return np.strings.zfill(numbers.astype(str), max(PERSON_NUMBER_DIGITS, width))


def example_staff_ids(person_numbers: np.ndarray) -> np.ndarray:
    """The staff_id `wres import esr` gives each person number under `EXAMPLE_SALT`."""
    salt = Salt(EXAMPLE_SALT.encode("utf-8"), "the example salt")
    hashes = digests([person_key(str(p)) for p in person_numbers], salt, PERSON_DOMAIN)
    return prefixed_hex(hashes, "S").to_numpy(zero_copy_only=False)


@dataclass(frozen=True)
class People:
    """Everyone in the synthetic ESR (in post and bank-only), in person-number order.

    ``frame`` holds workforce.csv's columns; ``numbers`` the ESR person numbers and
    ``codes`` the ethnic code indices, row for row.
    """

    frame: pd.DataFrame
    numbers: np.ndarray
    codes: np.ndarray

    def workforce_csv_frame(self) -> pd.DataFrame:
        """workforce.csv as written: sorted by staff_id (as the importer sorts it)."""
        return self.frame.sort_values("staff_id", kind="stable").reset_index(drop=True)


def workforce(
    profile: OrgProfile, year: int, rng: np.random.Generator, subcode_rng: np.random.Generator
) -> tuple[People, Staffing]:
    """Everyone's workforce.csv row (a few bank-only) and the in-post staffing.

    ``subcode_rng`` alone decides which values are written as two-character sub-codes, so
    that the other draws (and every other file) are as before sub-codes were added.
    """
    counts = cell_counts(profile, year, rng)
    n_cells = counts.shape[0]
    flat = counts.ravel()
    cell_of = np.repeat(np.repeat(np.arange(n_cells), 3), flat)
    group_of = np.repeat(np.tile(np.arange(3), n_cells), flat)
    codes = np.empty(cell_of.size, dtype=np.int64)
    for group, mix in enumerate(group_mixes(profile)):
        mask = group_of == group
        codes[mask] = sample_codes(rng, int(mask.sum()), mix)
    staffing = Staffing(np.bincount(codes, minlength=len(CODES)))

    in_post = cell_of.size
    n_bank = max(1, round(in_post * profile.bank_share)) if in_post else 0
    bank_from = rng.integers(0, max(in_post, 1), size=n_bank)
    cell_of = np.concatenate([cell_of, cell_of[bank_from]])
    codes = np.concatenate([codes, codes[bank_from]])
    bank = np.concatenate([np.zeros(in_post, bool), np.ones(n_bank, bool)])

    numbers = _person_numbers(rng, cell_of.size)
    order = np.argsort(numbers, kind="stable")
    bands = np.array([c.band for c in profile.cells], dtype=object)
    types = np.array([c.staff_type for c in profile.cells], dtype=object)
    texts = with_subcodes(subcode_rng, codes, render(rng, codes, profile.esr_share))
    frame = pd.DataFrame(
        {
            "staff_id": example_staff_ids(numbers[order]),
            "ethnic_category": texts[order],
            "pay_band": bands[cell_of[order]],
            "clinical": types[cell_of[order]],
            "bank": np.where(bank[order], "true", "false"),
        },
        columns=list(WORKFORCE_COLUMNS),
    )
    return People(frame, numbers[order].astype(object), codes[order]), staffing
