"""`--format rka`: a budget as SIPD's RKA lines, in CSV or an Excel workbook."""
