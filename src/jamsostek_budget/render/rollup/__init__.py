"""A rollup of a province's scenarios: the report (every format), JSON and CSV."""
