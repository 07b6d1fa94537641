"""Importers: raw exports (ESR, recruitment, staff survey, board) into the data contract.

`wres import esr|recruitment|survey|board FILE --org ORG --year YEAR` (`commands`) reads
an export (`reading`: CSV with pyarrow, spreadsheets with python-calamine), maps every
value through params/import/<kind>.yaml (`mapping`; unmapped values are reported all at
once by `unmapped`, never guessed), replaces identifiers by salted hashes (`pseudonym`),
and writes the contract file and its summary (`output`, `summary`) or nothing at all.
`import_summaries(data_dir, org, year)` gives the summaries for the methodology appendix.

Kept free of heavy imports: `wres --help` loads `commands` through this package.
"""

from __future__ import annotations

from .summary import ImportSummary, import_summaries

__all__ = ["ImportSummary", "import_summaries"]
