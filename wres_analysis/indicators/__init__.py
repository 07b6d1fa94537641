"""The nine WRES indicators, each a pure function of validated extracts."""
