"""Travel times between schools for the pairing: a lookup of minutes by pair of schools.

Internal to :mod:`analysis.pairing`. The ``travel_times`` sheet gives minutes between two
schools by road or by public transport, in either direction. For a pair of schools the time
used is, per way of travelling, the longer of the two directions when both are given (a visit
is a round trip), then the chosen way (``travel_mode``): ``road``, ``public_transport``, or
``fastest`` (the shorter of the two). A pair without a time falls back on the straight-line
distance.

Examples
--------
>>> tt = pd.DataFrame({"school_id": ["a", "b", "a"], "other_school_id": ["b", "a", "b"],
...     "mode": ["road", "road", "public_transport"], "minutes": [30.0, 40.0, 35.0]})
>>> table = travel_table(tt, {"a": 0, "b": 1}, 2, "fastest")
>>> minutes, mode = lookup(table, np.array([0, 1]), np.array([1, 0]))
>>> minutes.tolist(), [MODES[i] for i in mode]
([35.0, 35.0], ['public_transport', 'public_transport'])
>>> lookup(travel_table(tt, {"a": 0, "b": 1}, 2, "road"), np.array([1]), np.array([0]))[0]
array([40.])
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

__all__ = ["MODES", "TRAVEL_CHOICES", "TravelTable", "lookup", "travel_table"]

MODES = ("road", "public_transport")
TRAVEL_CHOICES = ("fastest", *MODES)


@dataclass(frozen=True)
class TravelTable:
    """Sorted pair keys (``a * n + b``, both directions) with their minutes and way code."""

    keys: np.ndarray
    minutes: np.ndarray
    mode: np.ndarray
    n: int

    def pairs(self) -> tuple[np.ndarray, np.ndarray]:
        """Every (a, b) with a time, as school numbers."""
        return self.keys // max(self.n, 1), self.keys % max(self.n, 1)


def _empty(n: int) -> TravelTable:
    return TravelTable(np.zeros(0, np.int64), np.zeros(0), np.zeros(0, np.int64), n)


def travel_table(
    travel: pd.DataFrame | None, pos: dict[str, int], n: int, choice: str = "fastest"
) -> TravelTable:
    """The lookup of the schools numbered by ``pos`` (rows with unknown schools are ignored)."""
    if travel is None or not len(travel):
        return _empty(n)
    a = travel["school_id"].astype(str).map(pos)
    b = travel["other_school_id"].astype(str).map(pos)
    mode = travel["mode"].fillna("road").astype(str) if "mode" in travel else "road"
    df = pd.DataFrame(
        {"a": a, "b": b, "mode": mode, "minutes": pd.to_numeric(travel["minutes"], "coerce")}
    ).dropna()
    df = df[(df["a"] != df["b"]) & (df["minutes"] > 0) & df["mode"].isin(MODES)]
    if choice != "fastest":
        df = df[df["mode"] == choice]
    if not len(df):
        return _empty(n)
    a_n, b_n = df["a"].to_numpy(dtype=np.int64), df["b"].to_numpy(dtype=np.int64)
    df = df.assign(
        lo=np.minimum(a_n, b_n), hi=np.maximum(a_n, b_n), code=df["mode"].map(MODES.index)
    )
    per_mode = df.groupby(["lo", "hi", "code"], as_index=False)["minutes"].max()
    best = pd.DataFrame(per_mode).sort_values(by=["lo", "hi", "minutes", "code"])
    best = best.drop_duplicates(["lo", "hi"])
    lo_a, hi_a = best["lo"].to_numpy(), best["hi"].to_numpy()
    keys = np.concatenate([lo_a * n + hi_a, hi_a * n + lo_a])
    minutes = np.tile(best["minutes"].to_numpy(dtype=float), 2)
    code = np.tile(best["code"].to_numpy(dtype=np.int64), 2)
    order = np.argsort(keys)
    return TravelTable(keys[order], minutes[order], code[order], n)


def lookup(table: TravelTable, a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Minutes (NaN without a time) and way code (-1) of each pair ``(a[i], b[i])``."""
    want = np.asarray(a, dtype=np.int64) * table.n + np.asarray(b, dtype=np.int64)
    if not len(table.keys):
        return np.full(len(want), np.nan), np.full(len(want), -1, dtype=np.int64)
    at = np.clip(np.searchsorted(table.keys, want), 0, len(table.keys) - 1)
    hit = table.keys[at] == want
    return np.where(hit, table.minutes[at], np.nan), np.where(hit, table.mode[at], -1)
