"""Building blocks every command's renderers share: words, the format-neutral Report, and the
formats that draw it (terminal table, Markdown, HTML, charts)."""
