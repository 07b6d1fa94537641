"""Synthetic ESR workforce exports: what an analyst gets out of ESR, one row per assignment.

Built from the same people as the synthetic workforce.csv (`synth.workforce.People`), with
what makes real exports hard: several assignments for some people (a bank post, a second
post, a secondment out), bank-only people, excluded people (seconded out), ethnicity
sub-codes, pay bands in every form ESR uses (``NHS|XR05|Review Body Band 5``,
``Band 8 - Range A``), medical grades by name, staff groups joined to a role by a pipe,
and headings that differ between organisations. Importing it with `wres import esr`, the
shipped params/import/esr.yaml and the example salt gives back workforce.csv byte for byte.

The ethnic origin is each person's workforce.csv value, so it mixes ESR text and bare
codes where that file does (a real ESR export always has text).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .workforce import People

FILE_NAME = "esr_workforce.csv"
AFC_FORMS = ("plain", "range", "review", "agenda", "pipe")


@dataclass(frozen=True)
class Layout:
    """One organisation's report: its headings and the forms its values take."""

    person: str = "Employee Number"
    primary: str = "Primary Assignment"
    yes_no: tuple[str, str] = ("Yes", "No")
    status: str = "Assignment Status"
    active: str = "Active Assignment"
    category: str = "Assignment Category"
    band: str = "Pay Band"
    band_forms: tuple[str, ...] = AFC_FORMS
    group_roles: bool = False  # "Nursing and Midwifery Registered|Staff Nurse"


LAYOUTS: dict[str, Layout] = {
    "EXCCG": Layout(band_forms=("review", "range")),
    "LTCCG": Layout(
        primary="Primary Assignment Flag",
        yes_no=("Y", "N"),
        status="Status",
        active="Active",
        category="Employee Category",
        band_forms=("plain",),
    ),
    "EXHOSP": Layout(person="Person Number", band="Grade", band_forms=("pipe",), group_roles=True),
    "EXMHCT": Layout(category="Asg Type Of Contract", band="Pay Scale", group_roles=True),
}
SCALE_LAYOUT = Layout(person="Person Number", band="Grade", group_roles=True)

CLINICAL_GROUPS: dict[str, tuple[float, str]] = {
    "Nursing and Midwifery Registered": (0.45, "Staff Nurse"),
    "Additional Clinical Services": (0.25, "Healthcare Assistant"),
    "Allied Health Professionals": (0.15, "Physiotherapist"),
    "Add Prof Scientific and Technic": (0.08, "Pharmacist"),
    "Healthcare Scientists": (0.05, "Biomedical Scientist"),
    "Students": (0.02, "Student Nurse"),
}
NON_CLINICAL_GROUPS: dict[str, tuple[float, str]] = {
    "Administrative and Clerical": (0.75, "Administrator"),
    "Estates and Ancillary": (0.25, "Porter"),
}
MEDICAL_GROUP = "Medical and Dental"
MEDICAL_GRADES: dict[str, tuple[str, ...]] = {
    "Medical: Consultant": ("Consultant",),
    "Medical: Non-consultant career grade": (
        "Specialty Doctor",
        "Associate Specialist",
        "Staff Grade",
    ),
    "Medical: Trainee grade": (
        "Foundation Year 1",
        "Foundation Year 2",
        "Core Trainee",
        "Specialty Registrar",
    ),
}
IN_POST_STATUSES: dict[str, float] = {
    "active": 0.95,  # the layout's word for an active assignment
    "Acting Up": 0.02,
    "Internal Secondment": 0.02,
    "Suspend Assignment": 0.01,
}
BANK_POST_SHARE = 0.05  # people in post who also hold a bank post
SECOND_POST_SHARE = 0.02  # ... or a second substantive post
SECONDED_OUT_SHARE = 0.005  # ... or a secondary assignment seconded out (excluded)
SECOND_BANK_SHARE = 0.3  # bank-only people with two bank posts
EXCLUDED_PEOPLE_SHARE = 0.003  # people whose only post is seconded out: not in workforce.csv
SECONDED_OUT = ("Out on External Secondment - Paid", "Out on External Secondment - Unpaid")


def _afc_text(band: str, form: str) -> str:
    """One Agenda for Change band in one of ESR's forms."""
    number, letter = band.removeprefix("Band ")[0], band.removeprefix("Band ")[1:].upper()
    plain = f"Band {number}{letter}"
    ranged = f"Band {number} - Range {letter}" if letter else plain
    return {
        "plain": plain,
        "range": ranged,
        "review": f"Review Body {ranged}",
        "agenda": f"Agenda for Change {plain}",
        "pipe": f"NHS|XR{int(number):02d}{letter}|Review Body {ranged}",
    }[form]


def band_forms(band: str, layout: Layout) -> tuple[str, ...]:
    """Every text this organisation's export may use for a contract band."""
    if band.startswith("Band "):
        return tuple(dict.fromkeys(_afc_text(band, form) for form in layout.band_forms))
    if band in MEDICAL_GRADES:
        names = MEDICAL_GRADES[band]
        if "pipe" in layout.band_forms:
            return tuple(f"NHS|XM{i:02d}|{name}" for i, name in enumerate(names, start=1))
        return names
    if band == "VSM":
        return ("NHS|VSM|Very Senior Manager",) if "pipe" in layout.band_forms else ("VSM",)
    return (band,)  # "Other": the contract's own word


def _pick(rng: np.random.Generator, options: dict[str, tuple[float, str]], n: int) -> np.ndarray:
    names = list(options)
    weights = np.array([w for w, _ in options.values()])
    return np.array(names, dtype=object)[rng.choice(len(names), size=n, p=weights / weights.sum())]


def _band_texts(rng: np.random.Generator, bands: np.ndarray, layout: Layout) -> np.ndarray:
    out = np.empty(bands.size, dtype=object)
    for band in sorted(set(bands.tolist())):
        rows = np.flatnonzero(bands == band)
        forms = np.array(band_forms(band, layout), dtype=object)
        out[rows] = forms[rng.integers(0, forms.size, size=rows.size)]
    return out


def _staff_groups(
    rng: np.random.Generator, bands: np.ndarray, clinical: np.ndarray, layout: Layout
) -> np.ndarray:
    medical = np.array([b.startswith("Medical") for b in bands], dtype=bool) | (
        (bands == "Other") & (clinical == "clinical")
    )
    groups = np.where(
        clinical == "clinical",
        _pick(rng, CLINICAL_GROUPS, bands.size),
        _pick(rng, NON_CLINICAL_GROUPS, bands.size),
    )
    groups[medical] = MEDICAL_GROUP
    if layout.group_roles:
        roles = {MEDICAL_GROUP: "Doctor"}
        for table in (CLINICAL_GROUPS, NON_CLINICAL_GROUPS):
            roles.update({group: role for group, (_, role) in table.items()})
        with_role = rng.random(bands.size) < 0.5
        groups = np.array(
            [f"{g}|{roles[g]}" if r else g for g, r in zip(groups, with_role, strict=True)],
            dtype=object,
        )
    return groups


def _categories(rng: np.random.Generator, bands: np.ndarray) -> np.ndarray:
    draw = rng.random(bands.size)
    out = np.where(draw < 0.9, "Permanent", "Fixed Term Temp").astype(object)
    medical = np.array([b.startswith("Medical") for b in bands], dtype=bool)
    out[medical & (draw >= 0.9)] = "Locum"
    out[bands == "Medical: Trainee grade"] = "Fixed Term Temp"
    return out


def _statuses(rng: np.random.Generator, n: int, layout: Layout) -> np.ndarray:
    names = [layout.active if s == "active" else s for s in IN_POST_STATUSES]
    p = np.array(list(IN_POST_STATUSES.values()))
    return np.array(names, dtype=object)[rng.choice(len(names), size=n, p=p / p.sum())]


def _excluded_numbers(rng: np.random.Generator, taken: np.ndarray, n: int) -> np.ndarray:
    """Person numbers for people not in post, distinct from everyone else's."""
    width = len(taken[0]) if taken.size else 8
    used = {int(x) for x in taken}
    drawn = [int(x) for x in rng.choice(10**width - 1, size=4 * n + 8, replace=False) + 1]
    fresh = [x for x in drawn if x not in used][:n]
    return np.array([str(x).zfill(width) for x in fresh], dtype=object)


def esr_export(people: People, layout: Layout, rng: np.random.Generator) -> pd.DataFrame:
    """The ESR export of these people: one row per assignment, sorted by assignment number."""
    wf = people.frame
    n = len(wf)
    bands = wf["pay_band"].to_numpy(dtype=object)
    clinical = wf["clinical"].to_numpy(dtype=object)
    bank = wf["bank"].to_numpy() == "true"
    person = np.arange(n)

    # the primary assignment of everyone in workforce.csv
    parts = [
        {
            "person": person,
            "primary": np.ones(n, bool),
            "status": np.where(bank, layout.active, _statuses(rng, n, layout)),
            "category": np.where(bank, "Bank", _categories(rng, bands)),
            "band": _band_texts(rng, bands, layout),
            "group": _staff_groups(rng, bands, clinical, layout),
            "wte": np.where(bank, "0", np.where(rng.random(n) < 0.7, "1", "0.6")),
        }
    ]
    # secondary assignments, which the importer must drop
    draw = rng.random(n)
    seconded = (draw >= BANK_POST_SHARE) & (draw < BANK_POST_SHARE + SECONDED_OUT_SHARE)
    kinds = (
        (~bank & (draw < BANK_POST_SHARE), "Bank", layout.active),
        (~bank & (draw >= 1 - SECOND_POST_SHARE), "Permanent", layout.active),
        (~bank & seconded, "Permanent", SECONDED_OUT[0]),
        (bank & (draw < SECOND_BANK_SHARE), "Bank", layout.active),
    )
    other_bands = np.array([f"Band {b}" for b in range(2, 7)], dtype=object)
    for mask, category, status in kinds:
        who = np.flatnonzero(mask)
        extra_bands = other_bands[rng.integers(0, other_bands.size, size=who.size)]
        parts.append(
            {
                "person": who,
                "primary": np.zeros(who.size, bool),
                "status": np.full(who.size, status, dtype=object),
                "category": np.full(who.size, category, dtype=object),
                "band": _band_texts(rng, extra_bands, layout),
                "group": _staff_groups(rng, extra_bands, clinical[who], layout),
                "wte": np.full(who.size, "0" if category == "Bank" else "0.4", dtype=object),
            }
        )
    rows = {key: np.concatenate([part[key] for part in parts]) for key in parts[0]}
    numbers = people.numbers[rows["person"]]
    ethnicity = wf["ethnic_category"].to_numpy(dtype=object)[rows["person"]]

    # people seconded out of the organisation: in ESR, not in post
    n_out = max(1, round(n * EXCLUDED_PEOPLE_SHARE)) if n else 0
    out_numbers = _excluded_numbers(rng, people.numbers, n_out)
    out_bands = other_bands[rng.integers(0, other_bands.size, size=n_out)]
    out_clinical = np.full(n_out, "non-clinical", dtype=object)
    numbers = np.concatenate([numbers, out_numbers])
    ethnicity = np.concatenate([ethnicity, np.full(n_out, "Z", dtype=object)])
    rows = {
        "person": np.concatenate([rows["person"], n + np.arange(n_out)]),
        "primary": np.concatenate([rows["primary"], np.ones(n_out, bool)]),
        "status": np.concatenate([rows["status"], np.full(n_out, SECONDED_OUT[1], object)]),
        "category": np.concatenate([rows["category"], np.full(n_out, "Permanent", object)]),
        "band": np.concatenate([rows["band"], _band_texts(rng, out_bands, layout)]),
        "group": np.concatenate(
            [rows["group"], _staff_groups(rng, out_bands, out_clinical, layout)]
        ),
        "wte": np.concatenate([rows["wte"], np.full(n_out, "1", dtype=object)]),
    }

    # number each person's assignments in a random order, so the primary is not always -1
    shuffle = rng.random(rows["person"].size)
    order = np.lexsort((shuffle, numbers))
    sorted_numbers = numbers[order]
    starts = np.r_[0, np.flatnonzero(sorted_numbers[1:] != sorted_numbers[:-1]) + 1]
    suffix = np.arange(order.size) - np.repeat(starts, np.diff(np.r_[starts, order.size]))
    yes, no = layout.yes_no
    assignment = [f"{p}-{s + 1}" for p, s in zip(sorted_numbers, suffix, strict=True)]
    return pd.DataFrame(
        {
            layout.person: sorted_numbers,
            "Assignment Number": assignment,
            layout.primary: np.where(rows["primary"][order], yes, no),
            layout.status: rows["status"][order],
            layout.category: rows["category"][order],
            "Staff Group": rows["group"][order],
            layout.band: rows["band"][order],
            "Ethnic Origin": ethnicity[order],
            "Contracted Wte": rows["wte"][order],
        }
    )
