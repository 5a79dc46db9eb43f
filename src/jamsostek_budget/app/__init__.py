"""The application layer: one function per command, from inputs to a result and its problems."""
