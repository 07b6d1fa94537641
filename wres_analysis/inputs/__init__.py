"""The data contract: the extract files an organisation supplies, read and validated.

`loading.load_extracts` reads data/<org>/<year>/*.csv (with `csvio`, into the text
`columns`), checks them against `schemas` and standardises them (`standard`); `ethnicity`
and `bands` hold the code lists; `extracts` is the validated result as DataFrames
(docs/data-contract.md). `loading.read_validated` gives the same without DataFrames.
"""
