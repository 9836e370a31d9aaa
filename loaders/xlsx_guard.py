"""Look inside an XLSX workbook before it is parsed: refuse what would inflate without bound.

An XLSX file is a zip of XML parts. A small file can unzip to gigabytes ("zip bomb"), and one
cell can hold a gigabyte of text; the XML parser would build it in memory before anyone could
refuse it. :func:`check_workbook` reads the zip's directory (the declared sizes bound what
zipfile will inflate: a part longer than declared fails its CRC check) and streams every part
once in fixed blocks, so its memory is one block whatever the file holds:

- the parts together unzip to at most :data:`~loaders.limits.MAX_UNZIPPED_MB` megabytes;
- no part over a megabyte unzips to more than :data:`MAX_RATIO` times its compressed size
  (Apache POI's default rule, ``ZipSecureFile``: real tables compress 5–30 times, bombs
  hundreds or thousands of times);
- no part holds a run of more than :data:`~loaders.limits.MAX_XML_RUN` bytes without markup,
  i.e. no text longer than a cell may be (a block with no ``<`` at all is such a run);
- it notes which worksheets hold formulas (``<f>``), so the reader can look for formulas
  whose value was never computed (files written by scripts, not by Excel).

Examples
--------
>>> import io, zipfile
>>> buf = io.BytesIO()
>>> with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
...     z.writestr("xl/worksheets/sheet1.xml", "<c><is><t>" + "x" * 3_000_000 + "</t></is></c>")
>>> check_workbook(buf.getvalue()).problem
('ratio', 'xl/worksheets/sheet1.xml')
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field

from loaders.limits import MAX_UNZIPPED_MB, MAX_XML_RUN

__all__ = ["WorkbookCheck", "check_workbook"]

_FORMULA_TAGS = (b"<f>", b"<f ", b"<f/")
MAX_RATIO = 100
"""Largest unzipped / compressed size of a part (Apache POI refuses below 1 %)."""
_RATIO_FROM = 1 << 20  # small parts (styles, a few cells) may compress better
# Parts that are not XML (pictures, macros, printer settings): never parsed as text.
_BINARY = (".bin", ".png", ".jpeg", ".jpg", ".gif", ".emf", ".wmf", ".tif", ".tiff", ".bmp")


@dataclass
class WorkbookCheck:
    """What the guard found: ``problem`` is None, ``("unzipped", megabytes)``,
    ``("ratio", part name)``, ``("cell", part name)`` or ``("zip", error text)``;
    ``formula_parts`` the worksheet parts holding formulas."""

    problem: tuple[str, str | int] | None = None
    formula_parts: set[str] = field(default_factory=set)
    unzipped_bytes: int = 0


def _scan(zf: zipfile.ZipFile, info: zipfile.ZipInfo, out: WorkbookCheck) -> bool:
    """Stream one part; False when it holds too long a text."""
    sheet = info.filename.startswith("xl/worksheets/")
    tail = b""
    with zf.open(info) as part:
        while block := part.read(MAX_XML_RUN):
            if b"<" not in block:
                return False
            if sheet and info.filename not in out.formula_parts:
                window = tail + block
                if any(tag in window for tag in _FORMULA_TAGS):
                    out.formula_parts.add(info.filename)
                tail = block[-2:]
    return True


def check_workbook(data: bytes) -> WorkbookCheck:
    """Check a workbook's bytes as described in the module docstring; nothing is parsed."""
    out = WorkbookCheck()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
            out.unzipped_bytes = sum(i.file_size for i in infos)
            if out.unzipped_bytes > MAX_UNZIPPED_MB * 1024 * 1024:
                out.problem = ("unzipped", -(-out.unzipped_bytes // (1024 * 1024)))
                return out
            for info in infos:
                if info.file_size > _RATIO_FROM and info.file_size > MAX_RATIO * info.compress_size:
                    out.problem = ("ratio", info.filename)
                    return out
            for info in infos:
                if info.is_dir() or info.filename.lower().endswith(_BINARY):
                    continue
                if not _scan(zf, info, out):
                    out.problem = ("cell", info.filename)
                    return out
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError) as exc:
        out.problem = ("zip", str(exc))
    except (EOFError, ValueError, RuntimeError) as exc:  # truncated or encrypted members
        out.problem = ("zip", str(exc))
    return out
