"""The quarterly report to Kemendagri (SE Mendagri 842.2/5193/SJ): the report, JSON and CSV."""
