"""The data contract: the extract files an organisation supplies, read and validated.

`loading.load_extracts` reads data/<org>/<year>/*.csv (with `csvio`) and checks them
against `schemas`; `ethnicity` and `bands` hold the code lists; `extracts` is the validated
result that the indicators are computed from (docs/data-contract.md).
"""
