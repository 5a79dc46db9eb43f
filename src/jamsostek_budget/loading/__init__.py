"""Reading data files: YAML with positions, rate and scenario files into validated models, every
problem located at file, line and column."""
