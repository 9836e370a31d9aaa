"""The interactive network picture: a ``NetworkView`` drawn by vis.js through pyvis.

Three things matter more here than looks:

* **No internet needed.** pyvis's own template pulls Bootstrap from a CDN whatever
  ``cdn_resources`` says, so the page is rendered from our template below, which inlines the
  vis-network script and stylesheet that ship inside the pyvis package.
* **Nothing from the data reaches HTML unescaped.** Node and edge data go into the page as JSON
  through Jinja's ``tojson`` (which escapes ``<``, ``>``, ``&`` and ``'``), tooltips are plain
  text (vis-network 9 shows a string title with ``innerText``) and the legend is autoescaped.
* **Large views stay usable.** pyvis's ``add_edge`` scans every edge already added (quadratic),
  so the node and edge lists are built in bulk and assigned at once; the number of nodes drawn
  is capped and whatever does not fit is shown as one «ещё N …» node per kind; physics stops
  once the layout has settled.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Sequence
from typing import Any

import jinja2
import pyvis
from pyvis.network import Network

from labels import t
from services.api import more_nodes

__all__ = [
    "KIND_STYLE",
    "MAX_DRAWN_NODES",
    "STATUS_COLOURS",
    "legend_items",
    "network_html",
    "vis_data",
]

# The most nodes a picture draws, whatever the service returned (vis.js physics and the
# browser slow down well below a thousand).
MAX_DRAWN_NODES = 400

# kind → (vis.js shape, colour when the node has no status, size)
KIND_STYLE: dict[str, tuple[str, str, int]] = {
    "Curator": ("star", "#6f42c1", 26),
    "School": ("dot", "#7f8c8d", 18),
    "Partnership": ("diamond", "#9e9e9e", 13),
    "Teacher": ("dot", "#9ec5e8", 8),
    "Association": ("triangle", "#f0ad4e", 13),
    "Event": ("square", "#5bc0de", 9),
    "More": ("box", "#e0e0e0", 12),
}
# School status and partnership activity → colour.
STATUS_COLOURS: dict[str, str] = {
    "low": "#d62728",
    "strong": "#2ca02c",
    "resilient": "#17becf",
    "regular": "#7f8c8d",
    "insufficient_data": "#c7c7c7",
    "active": "#2ca02c",
    "dormant": "#ff7f0e",
    "not_started": "#9e9e9e",
}
_STATUS_PREFIX = {"School": "status.", "Partnership": "activity."}
_LABEL_CHARS = 28

_TEMPLATE = """<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
{#- vis-network is inlined from pyvis's own copy: the picture works without internet. -#}
<style>{% include 'lib/vis-9.1.2/vis-network.css' %}</style>
<script>{% include 'lib/vis-9.1.2/vis-network.min.js' %}</script>
<style>
  body { margin: 0; font-family: "Source Sans Pro", "DejaVu Sans", sans-serif; font-size: 13px; }
  #legend { display: flex; flex-wrap: wrap; gap: 4px 14px; padding: 4px 2px 6px 2px; }
  #legend span.item { display: inline-flex; align-items: center; gap: 5px; white-space: nowrap; }
  #legend span.sw { display: inline-block; width: 11px; height: 11px; border-radius: 50%;
                    border: 1px solid #666; }
  #legend span.sw.square { border-radius: 1px; }
  #mynetwork { width: 100%; height: {{ height }}px; border: 1px solid #ddd; background: #fff; }
  div.vis-tooltip { white-space: pre-line; max-width: 360px; font-family: inherit; }
</style>
</head>
<body>
<div id="legend">
{%- for item in legend %}
  <span class="item"><span class="sw{{ ' square' if item.square else '' }}"
    style="background: {{ item.color|e }}"></span>{{ item.text|e }}</span>
{%- endfor %}
</div>
<div id="mynetwork"></div>
<script>
  {#- tojson escapes <, >, & and ' so that no text from the data can leave this script. -#}
  var nodes = new vis.DataSet({{ nodes|tojson }});
  var edges = new vis.DataSet({{ edges|tojson }});
  var options = {{ options|tojson }};
  var container = document.getElementById("mynetwork");
  var network = new vis.Network(container, {nodes: nodes, edges: edges}, options);
  // Physics only lays the picture out; stopping it afterwards keeps large views responsive.
  network.once("stabilizationIterationsDone", function () {
    network.setOptions({physics: false});
    network.fit();
  });
  // Drawn inside a hidden tab the canvas starts with no width: refit once it is shown.
  if (window.ResizeObserver) {
    new ResizeObserver(function () { network.redraw(); network.fit(); }).observe(container);
  }
</script>
</body>
</html>
"""

_ENV = jinja2.Environment(
    loader=jinja2.ChoiceLoader(
        [
            jinja2.DictLoader({"schoolnet_network.html": _TEMPLATE}),
            jinja2.FileSystemLoader(os.path.join(os.path.dirname(pyvis.__file__), "templates")),
        ]
    ),
    autoescape=True,
)


def _short(text: str) -> str:
    return text if len(text) <= _LABEL_CHARS else text[: _LABEL_CHARS - 1] + "…"


def _status_text(kind: str, status: str | None) -> str:
    if not status or kind not in _STATUS_PREFIX:
        return ""
    key = _STATUS_PREFIX[kind] + status
    text = t(key)
    return status if text == key else text


def _vis_node(node: dict[str, Any]) -> dict[str, Any]:
    kind = str(node.get("label") or "")
    shape, colour, size = KIND_STYLE.get(kind, ("dot", "#bbbbbb", 10))
    status = node.get("status")
    colour = STATUS_COLOURS.get(str(status), colour) if status else colour
    name = str(node.get("title") or node.get("id"))
    status_text = _status_text(kind, status)
    tooltip = "\n".join(part for part in (f"{t('label.' + kind)}: {name}", status_text) if part)
    return {
        "id": str(node["id"]),
        "label": _short(name),
        "title": tooltip,
        "shape": shape,
        "color": colour,
        "size": size,
        "font": {"size": 14 if kind in ("Curator", "School", "More") else 10},
    }


def vis_data(
    nodes: Sequence[dict[str, Any]],
    edges: Sequence[dict[str, Any]],
    max_nodes: int = MAX_DRAWN_NODES,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], int]:
    """vis.js node and edge lists for a view, at most ``max_nodes`` nodes (plus summaries).

    Nodes beyond the cap (the service lists them nearest first) are replaced by one
    «ещё N …» node per kind, linked to the first node. Returns the nodes, the edges and how
    many nodes were folded away.

    Examples
    --------
    >>> ns = [{"id": f"School:{i}", "label": "School", "title": f"Школа {i}", "status": "low"}
    ...       for i in range(5)]
    >>> es = [{"source": "School:0", "target": f"School:{i}", "type": "X"} for i in range(1, 5)]
    >>> vn, ve, hidden = vis_data(ns, es, max_nodes=3)
    >>> [n["id"] for n in vn], len(ve), hidden
    (['School:0', 'School:1', 'School:2', 'More:School'], 3, 2)
    """
    kept = list(nodes[:max_nodes])
    folded = Counter(str(n.get("label")) for n in nodes[max_nodes:])
    more, more_edges = (
        more_nodes(str(kept[0]["id"]), {f"More:{k}": (k, n) for k, n in folded.items()})
        if folded and kept
        else ([], [])
    )
    vis_nodes = [_vis_node(n) for n in [*kept, *more]]
    ids = {n["id"] for n in vis_nodes}
    vis_edges = [
        {
            "from": str(e["source"]),
            "to": str(e["target"]),
            "title": _edge_title(str(e.get("type", ""))),
        }
        for e in [*edges, *more_edges]
        if str(e["source"]) in ids and str(e["target"]) in ids
    ]
    return vis_nodes, vis_edges, sum(folded.values())


def _edge_title(edge_type: str) -> str:
    key = f"ui.edge.{edge_type}"
    text = t(key)
    return "" if text == key else text


def legend_items(nodes: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """The legend of a picture: each kind present, then each status colour present."""
    kinds = [k for k in KIND_STYLE if any(n.get("label") == k for n in nodes)]
    items: list[dict[str, Any]] = []
    for kind in kinds:
        shape, colour, _ = KIND_STYLE[kind]
        if kind in _STATUS_PREFIX:
            continue
        items.append({"text": t(f"label.{kind}"), "color": colour, "square": shape != "dot"})
    for kind in _STATUS_PREFIX:
        present = {n.get("status") for n in nodes if n.get("label") == kind and n.get("status")}
        for status, colour in STATUS_COLOURS.items():
            if status in present:
                items.append(
                    {
                        "text": f"{t('label.' + kind)}: {_status_text(kind, status)}",
                        "color": colour,
                        "square": kind != "School",
                    }
                )
        if kind in kinds and not present:
            items.append(
                {
                    "text": t(f"label.{kind}"),
                    "color": KIND_STYLE[kind][1],
                    "square": kind != "School",
                }
            )
    return items


def _options(n_nodes: int) -> dict[str, Any]:
    return {
        "physics": {
            "enabled": True,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -45, "springLength": 90},
            "stabilization": {"enabled": True, "iterations": 200 if n_nodes < 150 else 120},
        },
        "interaction": {"hover": True, "tooltipDelay": 120},
        "edges": {"smooth": False, "color": {"color": "#b0b0b0"}, "width": 1},
        "nodes": {"borderWidth": 1},
    }


def network_html(
    nodes: Sequence[dict[str, Any]],
    edges: Sequence[dict[str, Any]],
    height: int = 560,
    max_nodes: int = MAX_DRAWN_NODES,
) -> str:
    """A self-contained HTML page drawing the view (for ``st.components.v1.html``)."""
    vis_nodes, vis_edges, _ = vis_data(nodes, edges, max_nodes)
    net = Network(height=f"{height}px", width="100%", cdn_resources="in_line")
    # Bulk assignment: pyvis's add_node/add_edge re-scan their lists on every call.
    net.nodes = vis_nodes
    net.edges = vis_edges
    net.options = _options(len(vis_nodes))
    return _ENV.get_template("schoolnet_network.html").render(
        nodes=net.nodes,
        edges=net.edges,
        options=net.options,
        height=height,
        legend=legend_items(nodes),
    )
