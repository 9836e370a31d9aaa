"""English words naming the rows of a refused import (a coordinator's, outside their area)."""

MESSAGES: dict[str, str] = {
    "importscope.where.file": "{file}, row {row}",
    "importscope.where.tab": "{file}, sheet «{tab}», row {row}",
    "importscope.row": "{where} — {municipality}",
    "importscope.more": "; and {n} more rows",
}
