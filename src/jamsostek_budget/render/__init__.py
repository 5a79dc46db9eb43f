"""Renderers: a command's result in, text, a rich renderable or bytes out. They never print, never
write a file and compute nothing: every figure they show comes from the result object.

One module or subpackage per command, with its formats:
    estimate/   report (the Report every text format draws), outcomes (coverage and benefits
                sections), jsonout, csvout
    roster      the roster command's `input` in its JSON (the rest is the estimate's)
    compare/    report, jsonout, csvout
    fit/        report, jsonout, csvout
    project/    report, jsonout, csvout
    rates       the rates in force on a day: report and JSON
    cities      the bundled scenarios: report and JSON
Shared building blocks:
    shared/     labels (words, money, numbers), rate_labels, sections (the format-neutral Report),
                figures (what a report's figure is, for the workbook's formulas), table (rich),
                markdown, html, charts (terminal bars), svg_chart, words (--words), provenance
                (the sections every report ends with)
    xlsx/       the Excel workbook as bytes: workbook, sheet, summary, lines, rates, formulas
                (the summary's figures over the lines and rates sheets), phrases
"""
