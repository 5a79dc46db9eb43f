"""The command line: typer commands that call the application layer and hand results to the
renderers; exit codes, output files, start-up."""
