"""wres-analysis: the Workforce Race Equality Standard report as a tested pipeline."""

__version__ = "0.1.0"
