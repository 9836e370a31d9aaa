"""Карта покрытия: municipalities shaded by a coverage measure, schools and pairs on top.

A click on a municipality filters the page to it; the map goes to paper (PNG/PDF) and the
small multiples show every measure side by side. Without boundaries: the schools only, with a
note on how to add them.
"""

from __future__ import annotations

import streamlit as st

from app_streamlit import map_state, state
from app_streamlit.components.choropleth import AREAS_LAYER, areas_layer, shading_legend_html
from app_streamlit.components.completeness import explain
from app_streamlit.components.empty_store import require_data
from app_streamlit.components.map_view import (
    MAX_POINTS,
    MUNICIPALITY_LAYER,
    aggregated,
    coverage_deck,
    legend_html,
    share_legend_html,
)
from app_streamlit.components.tables import (
    filter_frame,
    options_of,
    percent_columns,
    present,
    value_label,
)
from labels import t

st.title(t("ui.page.coverage"))
require_data()
explain("coverage")

data = state.map_data()
schools = data.schools

# A click on a municipality (see the chart below) becomes the municipality filter.
if "map_pick" in st.session_state:
    st.session_state["map_muni"] = [st.session_state.pop("map_pick")]

m1, m2 = st.columns([3, 1.2])
measure = m1.selectbox(
    t("maps.ui.measure"),
    map_state.measure_codes(),
    format_func=map_state.measure_title,
    key="map_measure",
)
scheme = m2.radio(
    t("maps.ui.scheme"),
    ["quantiles", "fixed"],
    format_func=lambda s: t(f"maps.ui.scheme.{s}"),
    horizontal=True,
    key="map_scheme",
)

c1, c2, c3 = st.columns([2, 2, 1.4])
munis = c1.multiselect(
    t("ui.filter.municipality"),
    options_of(schools["municipality"]),
    key="map_muni",
    placeholder=t("ui.filter.any"),
)
statuses = c2.multiselect(
    t("ui.col.status"),
    options_of(schools["status"]),
    format_func=lambda s: value_label("status.", s),
    key="map_status",
    placeholder=t("ui.filter.any"),
)
if st.session_state.get("map_picked") not in munis:
    st.session_state.pop("map_picked", None)  # cleared by hand: the same click works again
only_alone = c3.toggle(t("ui.map.only_alone"), key="map_alone")
show_links = c3.toggle(t("ui.map.show_links"), value=True, key="map_links")

points = filter_frame(schools, {"municipality": munis, "status": statuses})
if only_alone:
    points = points[points["is_low_without_partner"].astype(bool)]
links = data.links
if munis and {"tutor_school_id", "mentee_school_id"} <= set(links.columns):
    ids = set(points["school_id"])
    links = links[links["tutor_school_id"].isin(ids) | links["mentee_school_id"].isin(ids)]

shaded = map_state.shaded_map(measure, scheme=scheme)
selected = munis[0] if len(munis) == 1 else None
under = [areas_layer(shaded, selected)] if shaded.has_boundaries else []

n_alone = int(points["is_low_without_partner"].astype(bool).sum())
n_missing = int(points[["lat", "lon"]].isna().any(axis=1).sum())
st.caption(t("ui.map.summary", n=len(points), alone=n_alone, links=len(links)))
if n_missing:
    st.caption(t("ui.map.no_coordinates", n=n_missing))
if not shaded.has_boundaries:
    st.info(t("maps.no_boundaries"))
elif shaded.without_boundary:
    st.caption(t("maps.ui.without", names=", ".join(shaded.without_boundary[:30])))
if selected:
    st.caption(t("maps.ui.selected", municipality=selected))
many = aggregated(points)
if many:
    st.info(t("scale.map.aggregated", n=len(points), limit=MAX_POINTS))

style = map_state.basemap_style()
deck = coverage_deck(points, links, map_style=style, show_links=show_links, under=under)
event = st.pydeck_chart(
    deck,
    height=560,
    on_select="rerun",
    selection_mode="single-object",
    key="map_chart",
)
picked = None
objects = event.selection.get("objects") or {}
for obj in [*(objects.get(AREAS_LAYER) or []), *(objects.get(MUNICIPALITY_LAYER) or [])]:
    picked = (obj.get("properties") or obj).get("municipality")
if picked and picked != st.session_state.get("map_picked"):
    st.session_state["map_picked"] = picked
    st.session_state["map_pick"] = picked
    st.rerun()
if shaded.has_boundaries:
    st.html(shading_legend_html(shaded))
st.html(share_legend_html() if many else legend_html())
if style is None:
    st.caption(t("maps.tiles.none"))

d1, d2, _ = st.columns([1, 1, 2])
d1.download_button(
    t("maps.ui.download_png"),
    data=lambda: map_state.map_image(measure, "png", scheme=scheme),
    file_name=f"karta_{measure}.png",
    mime="image/png",
    key="map_png",
)
d2.download_button(
    t("maps.ui.download_pdf"),
    data=lambda: map_state.map_image(measure, "pdf", scheme=scheme),
    file_name=f"karta_{measure}.pdf",
    mime="application/pdf",
    key="map_pdf",
)

with st.expander(t("maps.ui.values")):
    values = shaded.table[["municipality", "value", "numerator", "denominator"]]
    if munis:
        values = values[values["municipality"].isin(munis)]
    st.dataframe(
        values.rename(
            columns={
                "value": t("maps.col.value"),
                "numerator": t("maps.col.numerator"),
                "denominator": t("maps.col.denominator"),
            }
        ),
        hide_index=True,
        width="stretch",
        column_config={t("maps.col.value"): st.column_config.NumberColumn(format="percent")},
    )

if st.toggle(t("maps.ui.multiples"), key="map_multiples", help=t("maps.ui.multiples_help")):
    st.image(map_state.small_multiples(), width="stretch")

st.subheader(t("ui.coverage.table"))
table = state.coverage_table()
shown = table if not munis else table[table["municipality"].isin([*munis, table.iloc[-1, 0]])]
st.dataframe(present(shown), hide_index=True, width="stretch", column_config=percent_columns(shown))
st.download_button(
    t("ui.coverage.download"),
    data=lambda: state.coverage_xlsx(table),  # made when pressed
    file_name="pokrytie_po_municipalitetam.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    key="coverage_download",
)
