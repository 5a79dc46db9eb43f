"""Planning on top of the engine: compare scenarios, fit a budget ceiling, project years ahead.
Pure functions: scenarios and rate tables in, integer-Rupiah results out."""
