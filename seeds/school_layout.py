"""The schools of each municipality as drafts: level, elite or not, place and a Russian name.

Names follow real practice: «МБОУ "СОШ № 3" г. Озёрска» in towns, «МКОУ "Ивановская СОШ"» in
villages; town schools are numbered with gaps, as they are after decades of mergers.
"""

from __future__ import annotations

import bisect
import collections
import itertools
from dataclasses import dataclass

import numpy as np

from seeds.names import VILLAGE_ROOTS, genitive_town, village_forms
from seeds.places import offset

__all__ = [
    "BASIC",
    "CITY",
    "EVENING",
    "LEVELS",
    "OTHER",
    "PRIMARY",
    "SECONDARY",
    "SETTLEMENTS",
    "TOWN",
    "VILLAGE",
    "Draft",
    "city_schools",
    "district_schools",
    "pick",
    "school_ids",
    "small_district_schools",
]

LEVELS: tuple[str, ...] = ("primary", "basic", "secondary", "evening", "other")
SETTLEMENTS: tuple[str, ...] = ("city", "town", "village")
PRIMARY, BASIC, SECONDARY, EVENING, OTHER = range(5)
CITY, TOWN, VILLAGE = range(3)

# Shares of levels by settlement type (primary, basic, secondary, evening, other).
_LEVEL_MIX = {
    CITY: (0.03, 0.03, 0.84, 0.03, 0.07),
    TOWN: (0.07, 0.08, 0.76, 0.05, 0.04),
    VILLAGE: (0.13, 0.34, 0.51, 0.0, 0.02),
}


@dataclass
class Draft:
    """One school while the layout is drawn."""

    muni: int
    settlement: int
    level: int
    elite: bool
    lat: float
    lon: float
    name: str


def pick(rng: np.random.Generator, weights: tuple[float, ...]) -> int:
    """An index drawn with probability proportional to ``weights`` (one cheap draw)."""
    cum = list(itertools.accumulate(weights))
    return min(bisect.bisect_right(cum, rng.random() * cum[-1]), len(cum) - 1)


def _pick_level(rng: np.random.Generator, settlement: int) -> int:
    return pick(rng, _LEVEL_MIX[settlement])


_OWNER = {
    CITY: (("МБОУ", "МАОУ", "МКОУ"), (0.7, 0.25, 0.05)),
    TOWN: (("МБОУ", "МАОУ", "МКОУ"), (0.75, 0.1, 0.15)),
    VILLAGE: (("МКОУ", "МБОУ", "МАОУ"), (0.45, 0.5, 0.05)),
}
_SHORT = {PRIMARY: "НОШ", BASIC: "ООШ", SECONDARY: "СОШ"}


def _owner(rng: np.random.Generator, settlement: int) -> str:
    names, p = _OWNER[settlement]
    return names[pick(rng, p)]


def _urban_schools(
    rng: np.random.Generator,
    muni: int,
    stem: str,
    settlement: int,
    levels: list[tuple[int, bool]],
    lat0: float,
    lon0: float,
    radius: float,
) -> list[Draft]:
    """Schools of one town or city, numbered as they are in Russian towns."""
    where = f"г. {genitive_town(stem)}"
    plain = [k for k, (lv, el) in enumerate(levels) if lv in _SHORT and not el]
    numbers = iter(sorted(rng.choice(round(len(plain) * 1.3) + 2, len(plain), replace=False) + 1))
    gymnasia = iter(range(1, len(levels) + 1))
    lyceums = iter(range(1, len(levels) + 1))
    evening_no = iter(range(1, len(levels) + 1))
    other_no = iter(range(1, len(levels) + 1))
    drafts = []
    for lv, el in levels:
        owner = _owner(rng, settlement)
        if el:
            kind = "Гимназия" if rng.random() < 0.55 else "Лицей"
            no = next(gymnasia) if kind == "Гимназия" else next(lyceums)
            title = f'{owner} "{kind} № {no}" {where}'
        elif lv in _SHORT:
            extra = (
                " с углублённым изучением отдельных предметов"
                if lv == SECONDARY and rng.random() < 0.06
                else ""
            )
            title = f'{owner} "{_SHORT[lv]} № {next(numbers)}{extra}" {where}'
        elif lv == EVENING:
            title = f'{owner} "Вечерняя (сменная) общеобразовательная школа № {next(evening_no)}"'
            title += f" {where}"
        else:
            kind = ("Центр образования", "Школа-интернат", "Кадетская школа")[pick(rng, (1, 1, 1))]
            if kind == "Школа-интернат":
                owner = "ГБОУ"
            title = f'{owner} "{kind} № {next(other_no)}" {where}'
        lat, lon = offset(rng, lat0, lon0, 0.0, radius)
        drafts.append(Draft(muni, settlement, lv, el, lat, lon, title))
    return drafts


def _village_school(
    rng: np.random.Generator, muni: int, root: str, level: int, lat: float, lon: float
) -> Draft:
    forms = village_forms(root)
    village, adjective = forms[pick(rng, (0.4, 0.3, 0.2, 0.1))]
    owner = _owner(rng, VILLAGE)
    if level == OTHER:
        title = f'{owner} "{adjective} школа-интернат"'
    elif rng.random() < 0.7:
        title = f'{owner} "{adjective} {_SHORT.get(level, "СОШ")}"'
    else:
        title = f'{owner} "{_SHORT.get(level, "СОШ")} {village}"'
    return Draft(muni, VILLAGE, level, False, lat, lon, title)


def _village_roots(rng: np.random.Generator, n: int) -> list[str]:
    roots = [VILLAGE_ROOTS[i] for i in rng.permutation(len(VILLAGE_ROOTS))]
    while len(roots) < n:  # a very large district: «Новоивановская» and the like
        roots += ["Ново" + r[0].lower() + r[1:] for r in roots[: n - len(roots)]]
    return roots[:n]


def city_schools(
    rng: np.random.Generator,
    muni: int,
    stem: str,
    n: int,
    lat0: float,
    lon0: float,
    radius: float,
) -> list[Draft]:
    levels = []
    for _ in range(n):
        lv = _pick_level(rng, CITY)
        levels.append((lv, lv == SECONDARY and rng.random() < 0.2))
    return _urban_schools(rng, muni, stem, CITY, levels, lat0, lon0, radius)


def district_schools(
    rng: np.random.Generator,
    muni: int,
    stem: str,
    n: int,
    lat0: float,
    lon0: float,
    cell_km: float,
) -> list[Draft]:
    """A rural district: a centre town with a few schools and villages with one school each."""
    n_town = max(1, min(n, round(n * rng.uniform(0.15, 0.3))))
    levels = []
    evening_done = False
    for _ in range(n_town):
        lv = _pick_level(rng, TOWN)
        if lv == EVENING and evening_done:
            lv = SECONDARY
        evening_done |= lv == EVENING
        levels.append((lv, lv == SECONDARY and rng.random() < 0.1))
    drafts = _urban_schools(rng, muni, stem, TOWN, levels, lat0, lon0, 3.0)
    r_max = min(55.0, 0.6 * cell_km)
    r_min = min(10.0, r_max / 3)
    for root in _village_roots(rng, n - n_town):
        lat, lon = offset(rng, lat0, lon0, r_min, r_max)
        drafts.append(_village_school(rng, muni, root, _pick_level(rng, VILLAGE), lat, lon))
    return drafts


def small_district_schools(
    rng: np.random.Generator, muni: int, stem: str, lat0: float, lon0: float
) -> list[Draft]:
    """Иволгинский-like: 6 schools in the centre town, 12 village schools."""
    town = [(SECONDARY, True), (SECONDARY, False), (SECONDARY, False), (SECONDARY, False)]
    town += [(PRIMARY, False), (EVENING, False)]
    drafts = _urban_schools(rng, muni, stem, TOWN, town, lat0, lon0, 3.0)
    village_levels = [SECONDARY] * 9 + [BASIC] * 3
    village_levels = [village_levels[i] for i in rng.permutation(len(village_levels))]
    for root, lv in zip(_village_roots(rng, 12), village_levels, strict=True):
        lat, lon = offset(rng, lat0, lon0, 10.0, 45.0)
        drafts.append(_village_school(rng, muni, root, lv, lat, lon))
    return drafts


def school_ids(
    muni: np.ndarray, region: np.ndarray, region_code: np.ndarray, muni_region: np.ndarray
) -> np.ndarray:
    """«0301012»: region code, municipality number in the region, school number in it."""
    muni_no = np.zeros(len(muni_region), int)
    for r in np.unique(muni_region):
        idx = np.flatnonzero(muni_region == r)
        muni_no[idx] = np.arange(1, len(idx) + 1)
    ids = np.empty(len(muni), dtype=object)
    counter: collections.Counter[int] = collections.Counter()
    for k, (m, r) in enumerate(zip(muni.tolist(), region.tolist(), strict=True)):
        counter[m] += 1
        ids[k] = f"{region_code[r]:02d}{muni_no[m]:02d}{counter[m]:03d}"
    return ids
