"""What the notebooks show: tables, charts and sentences built from a figures record.

`notebook.SectionContext` is the one object a section notebook loads; `tables`, `charts`
and `narrative` hold one module per report area; `format` rounds and words numbers,
`record_view` reads the record, `indicator_terms` names the indicators and groups,
`messages` and `commentary` write the key messages and the analysts' commentary.
"""
