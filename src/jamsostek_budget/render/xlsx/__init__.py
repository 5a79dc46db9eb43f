"""`--format xlsx`: the Excel workbook, built in memory and returned as bytes (see workbook)."""
