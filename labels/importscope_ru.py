"""Russian words naming the rows of a refused import (a coordinator's, outside their area)."""

MESSAGES: dict[str, str] = {
    "importscope.where.file": "{file}, строка {row}",
    "importscope.where.tab": "{file}, лист «{tab}», строка {row}",
    "importscope.row": "{where} — {municipality}",
    "importscope.more": "; и ещё строк: {n}",
}
