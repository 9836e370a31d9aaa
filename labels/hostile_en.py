"""English messages for hostile and broken input: limits, invisible characters, file formats."""

MESSAGES: dict[str, str] = {
    "hostile.value.not_finite": "the number “{value}” is too large: at most 1.7e308 in size",
    "hostile.value.int_range": (
        "the whole number “{value}” is out of range (from {low} to {high})"
    ),
    "hostile.text.too_long": "a text of {n} characters is too long: at most {limit} characters",
    "hostile.text.id_too_long": (
        "a code or name of {n} characters is too long: at most {limit} characters"
    ),
    "hostile.text.control": (
        "the value holds the control character {char} (character {pos}), which cannot be "
        "stored or exported to Excel; remove it"
    ),
    "hostile.text.invisible": (
        "the value holds the invisible character {char} ({name}, character {pos}): it makes the "
        "value look like another one without being equal to it; remove the character"
    ),
    "hostile.file.too_large": (
        "the file of {size} MB is too large: at most {limit} MB (setting "
        "SCHOOLNET_MAX_UPLOAD_MB); split the data into several files"
    ),
    "hostile.xlsx.unzipped_too_large": (
        "the Excel book unzips to {size} MB, more than allowed ({limit} MB): this is not an "
        "ordinary table; split the data into several books"
    ),
    "hostile.xlsx.cell_too_large": (
        "the Excel book (part {part}) holds a cell longer than allowed: at most {limit} "
        "characters per cell; the file was not read"
    ),
    "hostile.xlsx.formula": (
        "the cell holds a formula without a saved value: open the book in Excel, let it "
        "recalculate and save it (or replace the formulas by values)"
    ),
    "hostile.csv.utf16": (
        "the file is UTF-16 without a byte order mark: save it from Excel as "
        "“CSV UTF-8 (comma delimited)”"
    ),
    "hostile.csv.cell_too_large": (
        "a cell is longer than allowed: at most {limit} characters (perhaps a quote is not closed)"
    ),
    "hostile.csv.unclosed_quote": (
        "the quote opened in row {row} is not closed before the end of the file: check the "
        "quotes in that row"
    ),
    "hostile.csv.bad_quote": (
        'other characters follow a closing quote: a quote inside a value must be doubled (“""”)'
    ),
    "hostile.csv.mixed_delimiter": (
        "the row is delimited by “{found}” but the header row by “{expected}”: use one "
        "delimiter in the whole file"
    ),
    "hostile.csv.nul": (
        "the file holds zero bytes: it is not a text CSV (perhaps an Excel book or a UTF-16 "
        "file with the wrong extension)"
    ),
    "hostile.csv.is_xlsx": (
        "the .csv file is really an Excel book (.xlsx): upload it as .xlsx or save the sheet "
        "as “CSV UTF-8”"
    ),
    "hostile.xlsx.ole": (
        "this is an old-format Excel book (.xls) or a password-protected one: remove the "
        "password and save it as .xlsx"
    ),
    "hostile.neo4j.userinfo": (
        "the Neo4j address “{uri}” holds a user name and password: remove them from the "
        "address and set NEO4J_USER and NEO4J_PASSWORD"
    ),
    "hostile.csv.line_too_long": (
        "the file runs more than {limit} MB without a line break: this is not a table; check "
        "that you upload the right file"
    ),
    "hostile.upload.limit": (
        "A file of at most {mb} MB; an Excel book (.xlsx) or a UTF-8 CSV. Split larger files."
    ),
    "hostile.xlsx.ratio": (
        "the Excel book (part {part}) grows more than {ratio} times when unzipped: only "
        "artificial files (“zip bombs”) compress like that; the file was not read"
    ),
}
