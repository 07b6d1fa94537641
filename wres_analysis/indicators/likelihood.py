"""Indicators 2, 3 and 4: relative likelihoods between White and BME staff.

Orientation follows NHS England's definitions (wres-domain.md):
- 2: White appointed-from-shortlisting rate / BME rate (>1: White favoured)
- 3: BME disciplinary-entry rate / White rate (>1: BME disadvantaged)
- 4: White training-access rate / BME rate (>1: White favoured)
Unknown ethnicity is left out of both rates; its counts are still reported.
"""

from __future__ import annotations

import pandas as pd

from .common import band_flag, group_sums, rate, relative_likelihood

METHOD_TEXT = {
    "mean_entries_current_headcount": (
        "two-year rolling average: mean of {years} entries per group, divided by the "
        "{year} headcount per group"
    ),
    "pooled": "two-year pooled: entries in {years} divided by the headcounts of {years} per group",
    "single": "single year {year} (no previous year's data; see caveat)",
}


def _group_blocks(
    count_name: str, counts: dict, denominator_name: str, denominators: dict
) -> dict[str, dict]:
    """White and BME blocks of a count, its denominator and their rate (unknowns left out)."""
    return {
        key: {
            count_name: counts[group],
            denominator_name: denominators[group],
            "rate": rate(counts[group], denominators[group]),
        }
        for key, group in (("white", "White"), ("bme", "BME"))
    }


def _compare(blocks: dict, numerator: str, denominator: str, band: tuple[float, float]) -> dict:
    rl, note = relative_likelihood(
        blocks[numerator]["rate"],
        blocks[denominator]["rate"],
        numerator_label=_label(numerator),
        denominator_label=_label(denominator),
    )
    out = {**blocks, "relative_likelihood": rl, **band_flag(rl, band)}
    if note:
        out["note"] = note
    return out


def _label(key: str) -> str:
    return {"white": "White", "bme": "BME"}[key]


GroupTotals = dict[str, float]  # White / BME / Unknown -> total (see common.group_sums)


def indicator_2(recruitment: pd.DataFrame, band: tuple[float, float]) -> dict:
    """Relative likelihood of White applicants being appointed from shortlisting vs BME."""
    return likelihood_2(
        group_sums(recruitment, "shortlisted"), group_sums(recruitment, "appointed"), band
    )


def likelihood_2(
    shortlisted: GroupTotals, appointed: GroupTotals, band: tuple[float, float]
) -> dict:
    """Indicator 2 from the per-group totals of shortlisted and appointed applicants."""
    blocks = _group_blocks("appointed", appointed, "shortlisted", shortlisted)
    result = _compare(blocks, "white", "bme", band)
    result["unknown"] = {"shortlisted": shortlisted["Unknown"], "appointed": appointed["Unknown"]}
    return result


def indicator_3(
    disciplinary: pd.DataFrame,
    workforce: pd.DataFrame,
    year: int,
    band: tuple[float, float],
    method: str = "mean_entries_current_headcount",
    previous_disciplinary: pd.DataFrame | None = None,
    previous_workforce: pd.DataFrame | None = None,
) -> dict:
    """Relative likelihood of BME staff entering the formal disciplinary process vs White.

    Two-year rolling average of this year and the previous one (method per params).
    Without the previous year's file it falls back to the single year and says so.
    """
    return likelihood_3(
        group_sums(disciplinary, "entered"),
        group_sums(workforce),
        year,
        band,
        method,
        previous_entered=None
        if previous_disciplinary is None
        else group_sums(previous_disciplinary, "entered"),
        previous_headcount=None if previous_workforce is None else group_sums(previous_workforce),
    )


def likelihood_3(
    entered: GroupTotals,
    headcount: GroupTotals,
    year: int,
    band: tuple[float, float],
    method: str = "mean_entries_current_headcount",
    previous_entered: GroupTotals | None = None,
    previous_headcount: GroupTotals | None = None,
) -> dict:
    """Indicator 3 from per-group totals of entries and headcounts (previous year's if any)."""
    caveat = None
    by_year = {
        str(year): {"white": entered["White"], "bme": entered["BME"], "unknown": entered["Unknown"]}
    }
    use_previous = previous_entered is not None and (
        method != "pooled" or previous_headcount is not None
    )
    if use_previous:
        prev_entered = previous_entered
        by_year[str(year - 1)] = {
            "white": prev_entered["White"],
            "bme": prev_entered["BME"],
            "unknown": prev_entered["Unknown"],
        }
        years = [year - 1, year]
        if method == "pooled":
            prev_headcount = previous_headcount
            entered = {g: entered[g] + prev_entered[g] for g in entered}
            headcount = {g: headcount[g] + prev_headcount[g] for g in headcount}
        else:
            entered = {g: (entered[g] + prev_entered[g]) / 2 for g in entered}
        method_text = METHOD_TEXT[method].format(years=f"{year - 1} and {year}", year=year)
    else:
        years = [year]
        method_text = METHOD_TEXT["single"].format(year=year)
        missing = "disciplinary.csv" if previous_entered is None else "workforce.csv"
        caveat = (
            f"Single year only: no {year - 1} {missing} was supplied, so the two-year rolling "
            "average could not be formed. Treat this figure with extra care."
        )
    entered = {group: float(count) for group, count in entered.items()}
    blocks = _group_blocks("entered", entered, "headcount", headcount)
    result = _compare(blocks, "bme", "white", band)
    result.update(
        {
            "unknown": {"entered": float(entered["Unknown"]), "headcount": headcount["Unknown"]},
            "method": method_text,
            "method_key": method if use_previous else "single",
            "years": years,
            "entered_by_year": by_year,
            "caveat": caveat,
        }
    )
    return result


def indicator_4(training: pd.DataFrame, workforce: pd.DataFrame, band: tuple[float, float]) -> dict:
    """Relative likelihood of White staff accessing non-mandatory training and CPD vs BME."""
    return likelihood_4(group_sums(training, "accessed"), group_sums(workforce), band)


def likelihood_4(accessed: GroupTotals, headcount: GroupTotals, band: tuple[float, float]) -> dict:
    """Indicator 4 from per-group totals of staff accessing training and of headcount."""
    blocks = _group_blocks("accessed", accessed, "headcount", headcount)
    result = _compare(blocks, "white", "bme", band)
    result["unknown"] = {"accessed": accessed["Unknown"], "headcount": headcount["Unknown"]}
    return result
