"""Pay bands and staff types of the data contract, in report order."""

from __future__ import annotations

BANDS: tuple[str, ...] = (
    *(f"Band {n}" for n in range(1, 8)),
    "Band 8a",
    "Band 8b",
    "Band 8c",
    "Band 8d",
    "Band 9",
    "VSM",
    "Medical: Consultant",
    "Medical: Non-consultant career grade",
    "Medical: Trainee grade",
    "Other",
)
STAFF_TYPES: tuple[str, ...] = ("clinical", "non-clinical")

# Leadership bands for Model Employer targets (AfC 8a and above, VSM).
SENIOR_BANDS: tuple[str, ...] = ("Band 8a", "Band 8b", "Band 8c", "Band 8d", "Band 9", "VSM")

BAND_RANK: dict[str, int] = {band: i for i, band in enumerate(BANDS)}
