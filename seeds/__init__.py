"""Deterministic demo data: a fictional region (or country) in the import format.

>>> from seeds import SIZES
>>> SIZES
('small', 'region', 'country')
"""

from seeds.demo import SHEET_COLUMNS, SIZES, DemoData, generate, write_csv, write_truth
from seeds.schools import SIZE_SPECS, SizeSpec

__all__ = [
    "SHEET_COLUMNS",
    "SIZES",
    "SIZE_SPECS",
    "DemoData",
    "SizeSpec",
    "generate",
    "write_csv",
    "write_truth",
]
