"""A ``NetworkView`` on a page: the capped, offline vis.js picture and what it leaves out."""

from __future__ import annotations

from typing import Any

import streamlit as st

from app_streamlit.components.graph_view import MAX_DRAWN_NODES, network_html
from labels import t

__all__ = ["show_network"]


def show_network(view: Any, *, height: int = 560, max_nodes: int = MAX_DRAWN_NODES) -> None:
    """Draw ``view`` (nodes, edges, truncated, total_nodes) with a note when it is capped."""
    if not view.nodes:
        st.caption(t("ui.graph.empty"))
        return
    shown = sum(1 for n in view.nodes if n.get("label") != "More")
    if view.truncated or len(view.nodes) > max_nodes:
        st.warning(
            t("ui.graph.truncated", shown=min(shown, max_nodes), total=max(view.total_nodes, shown))
        )
    # The page is built by network_html with every text from the data escaped (see there).
    st.iframe(network_html(view.nodes, view.edges, height, max_nodes), height=height + 40)
    st.caption(t("ui.graph.hint"))
