"""Participant rosters: read a CSV or Excel list of named participants, check every row, and cost
the accepted ones with the same rules as a headcount scenario. Imported only by the roster
command (polars is large), so the other commands stay quick."""
