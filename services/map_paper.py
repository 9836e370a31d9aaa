"""The coverage map on paper: a PNG or PDF for reports (matplotlib, no browser, no tiles).

The same :class:`services.maps.ShadedMap` as the app's map: the municipalities shaded by the
measure with their legend, the title, the region and the date, the schools as dots (ШНОР
without a partner ringed) and the working pairs as lines. Without boundaries the schools are
coloured by their municipality's class instead, and the page says so.
"""

from __future__ import annotations

import datetime as dt
import io
import math
from collections.abc import Sequence
from typing import Any

from analysis.settings import AnalysisSettings
from graph.store import Store
from labels import t
from services.coverage import map_data
from services.errors import UserError
from services.maps import ShadedMap, shaded_map

__all__ = ["FORMATS", "map_image", "small_multiples_png"]

FORMATS = ("png", "pdf")


def _rgb(c: Sequence[int]) -> tuple[float, float, float]:
    return (c[0] / 255, c[1] / 255, c[2] / 255)


def _rings(geom: dict[str, Any]) -> list[list[list[list[float]]]]:
    polys = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
    return list(polys)


def _draw(ax: Any, shaded: ShadedMap, schools: Any, links: Any, *, dots: float = 9.0) -> None:
    from matplotlib.patches import PathPatch
    from matplotlib.path import Path as MplPath

    colour = dict(zip(shaded.table["municipality"], shaded.table["rgb"], strict=True))
    lats: list[float] = []
    for muni, geom in shaded.outlines.items():
        for poly in _rings(geom):
            path = MplPath.make_compound_path(*[MplPath(ring, closed=True) for ring in poly])
            patch = PathPatch(
                path,
                facecolor=_rgb(colour.get(muni, [215, 215, 215])),
                edgecolor="#555555",
                linewidth=0.6,
            )
            ax.add_patch(patch)
            lats += [p[1] for p in poly[0]]
    if links is not None and len(links):
        for row in links.itertuples(index=False):
            ax.plot(
                [row.tutor_lon, row.mentee_lon],
                [row.tutor_lat, row.mentee_lat],
                color="#2c7a2c",
                linewidth=0.7,
                alpha=0.8,
                zorder=3,
            )
    pts = schools.dropna(subset=["lat", "lon"]) if schools is not None else None
    if pts is not None and len(pts):
        face: list[Any]
        if shaded.has_boundaries:
            face = ["#d62728" if low else "#444444" for low in pts["is_low"]]
        else:
            face = [_rgb(colour.get(m, [215, 215, 215])) for m in pts["municipality"]]
        alone = pts["is_low_without_partner"].astype(bool).to_numpy()
        ax.scatter(
            pts["lon"], pts["lat"], s=dots, c=face, edgecolors="white", linewidths=0.3, zorder=4
        )
        if alone.any():
            ax.scatter(
                pts["lon"][alone],
                pts["lat"][alone],
                s=dots * 3.2,
                facecolors="none",
                edgecolors="black",
                linewidths=0.7,
                zorder=5,
            )
        lats += pts["lat"].tolist()
    mid = sum(lats) / len(lats) if lats else 55.0
    ax.set_aspect(1 / max(0.2, math.cos(math.radians(mid))))
    ax.autoscale_view()
    ax.set_axis_off()


def _legend(ax: Any, shaded: ShadedMap, *, size: float = 8.0, inside: bool = False) -> None:
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles: list[Any] = [
        Patch(facecolor=_rgb(rgb), edgecolor="#555555", label=text) for text, rgb in shaded.legend
    ]
    handles += [
        Line2D([], [], marker="o", linestyle="", color="#d62728", label=t("maps.paper.low")),
        Line2D(
            [],
            [],
            marker="o",
            linestyle="",
            markerfacecolor="none",
            color="black",
            markersize=8,
            label=t("maps.paper.alone"),
        ),
        Line2D([], [], color="#2c7a2c", label=t("maps.paper.pair")),
    ]
    if inside:
        ax.legend(
            handles=handles[: len(shaded.legend)],
            loc="upper left",
            bbox_to_anchor=(1.0, 1.0),
            frameon=False,
            fontsize=size,
        )
        return
    ax.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(1.0, 1.0),
        frameon=False,
        fontsize=size,
        title=shaded.title,
        title_fontsize=size,
    )


def _date(day: dt.date) -> str:
    return day.strftime("%d.%m.%Y")


def map_image(
    store: Store,
    measure: str = "active_pair",
    fmt: str = "png",
    settings: AnalysisSettings | None = None,
    as_of: dt.date | None = None,
    scheme: str = "quantiles",
) -> bytes:
    """The shaded map as PNG or PDF bytes: map, legend, title, region and date."""
    from matplotlib.figure import Figure

    if fmt not in FORMATS:
        raise UserError(t("maps.paper.bad_format", fmt=fmt, allowed=", ".join(FORMATS)))
    shaded = shaded_map(store, measure, settings, as_of, scheme)
    data = map_data(store, settings, shaded.as_of)
    fig = Figure(figsize=(11.7, 8.3), dpi=150)  # A4 landscape
    ax = fig.add_axes((0.03, 0.08, 0.68, 0.80))
    _draw(ax, shaded, data.schools, data.links)
    _legend(ax, shaded, size=9)
    heading = shaded.title if shaded.region is None else f"{shaded.title}. {shaded.region}"
    fig.suptitle(heading, x=0.03, y=0.965, ha="left", fontsize=15, fontweight="bold")
    fig.text(0.03, 0.905, t("maps.paper.as_of", date=_date(shaded.as_of)), fontsize=10)
    notes = [t("maps.paper.source")]
    if not shaded.has_boundaries:
        notes.insert(0, t("maps.no_boundaries"))
    elif shaded.without_boundary:
        notes.insert(0, t("maps.paper.without", n=len(shaded.without_boundary)))
    fig.text(0.03, 0.03, "\n".join(notes), fontsize=8, color="#444444", va="bottom")
    buf = io.BytesIO()
    fig.savefig(buf, format=fmt, metadata=_metadata(fmt, heading))
    return buf.getvalue()


def _metadata(fmt: str, title: str) -> dict[str, Any]:
    # Fixed metadata: the same map gives the same file (no creation time).
    if fmt == "pdf":
        return {"Title": title, "Creator": "schoolnet", "CreationDate": None}
    return {"Title": title, "Software": "schoolnet"}


def small_multiples_png(
    store: Store,
    measures: Sequence[str] | None = None,
    settings: AnalysisSettings | None = None,
    as_of: dt.date | None = None,
) -> bytes:
    """One small map per measure, on the same fixed classes (20 % steps) so they compare."""
    from matplotlib.figure import Figure

    from services.maps import measure_codes

    codes = list(measures or measure_codes())
    cols = 2
    rows = math.ceil(len(codes) / cols)
    fig = Figure(figsize=(11.0, 4.6 * rows), dpi=110)
    data = None
    for i, code in enumerate(codes):
        shaded = shaded_map(store, code, settings, as_of, scheme="fixed")
        if data is None:
            data = map_data(store, settings, shaded.as_of)
        ax = fig.add_subplot(rows, cols, i + 1)
        _draw(ax, shaded, data.schools, None, dots=3.0)
        _legend(ax, shaded, size=7, inside=True)
        ax.set_title(shaded.title, fontsize=10, loc="left")
        if i == 0:
            fig.suptitle(
                t("maps.paper.as_of", date=_date(shaded.as_of)), x=0.02, ha="left", fontsize=10
            )
    fig.subplots_adjust(left=0.01, right=0.85, top=0.92, bottom=0.02, wspace=0.35, hspace=0.15)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", metadata={"Software": "schoolnet"})
    return buf.getvalue()
