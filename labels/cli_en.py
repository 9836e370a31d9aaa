"""English messages of the command line."""

MESSAGES: dict[str, str] = {
    "cli.error": "Error: {message}",
    "cli.internal_error": "Internal error (please report): {error}",
    "cli.bad_date": "invalid date '{value}': expected YYYY-MM-DD or DD.MM.YYYY",
    "cli.bad_value": "invalid value: {error}",
    "cli.file_not_found": "file or folder not found: {path}",
    "cli.file_error": "cannot read or write a file: {error}",
    "cli.seed.country_needs_out": (
        "The country size (~40,000 schools) is meant for benchmarks: give --out DIR to write "
        "its files, or --db FILE explicitly to load them into a store."
    ),
    "cli.seed.files_written": "Files written: {n} to {out}",
    "cli.app.loading_demo": "The store is empty: loading the demo region ({size})…",
    "cli.export.done": "Export written: {out}",
    "cli.template.done": "Templates written ({n} files) to {out}",
    "cli.identify.done": "Schools: {n}; table written to {out}",
    "cli.pair.done": "Pairs suggested: {paired}; unpaired: {unpaired}; plan written to {out}",
    "cli.pair.candidates": "Candidates considered: {n}; written to {out}",
    "cli.coverage.done": "Municipalities: {n}; coverage table written to {out}",
    "cli.import.nothing": "Nothing to import: the files are empty",
    "cli.import.summary": "Added: {added}; changed: {changed}; unchanged: {unchanged}",
    "cli.import.line": "  {kind}: +{added} added, {changed} changed, {unchanged} unchanged",
}
