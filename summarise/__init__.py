"""summarise: structured, checkable summaries of 巡察/巡视整改 notices."""

__version__ = "0.1.0"
SCHEMA_VERSION = "1.0"
