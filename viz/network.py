"""Drawing a view (viz/views.py) as one self-contained HTML file with pyvis: vis-network inline, no CDN, a legend
with counts and type filters, search by name, a note when the view was reduced; and the views of a whole corpus,
which share one copy of vis-network written beside them.

Every piece of document text reaches the page either through pyvis's JSON (Jinja's `tojson` escapes `<`, `>`,
`&`, `'`) or through `html.escape`; tooltips are plain strings, which vis-network 9 shows with `innerText`.
"""

from __future__ import annotations

import functools
import html
import json
import math
import re
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pyvis.network import Network

from graph import view_cypher as q
from graph.store import GraphStore
from loaders.files import write_text
from viz.labels import labelled, lang, t
from viz.sources import SourceLines
from viz.supervision import STATUS_COLOURS, status_label
from viz.views import (
    DEPARTMENT_KINDS,
    MAX_NODES,
    View,
    chain_view,
    collaboration_view,
    department_view,
    document_view,
    folding,
    jurisdiction_view,
)

if TYPE_CHECKING:
    import jinja2  # pyvis's template engine

FONT = "'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', sans-serif"
# kind -> (legend label key (viz/labels.py), colour, vis shape)
NODE_STYLE: dict[str, tuple[str, str, str]] = {
    "document": ("node.document", "#2b6cb0", "diamond"),
    "upstream": ("node.upstream", "#805ad5", "triangle"),
    "department": ("node.department", "#dd6b20", "dot"),
    "former": ("node.former", "#a0aec0", "dot"),
    "task": ("node.task", "#38a169", "square"),
    "indicator": ("node.indicator", "#d69e2e", "triangleDown"),
}
# role -> (legend label key, colour, width, dashed, arrow)
EDGE_STYLE: dict[str, tuple[str, str, float, bool, bool]] = {
    "lead": ("edge.lead", "#c53030", 3.0, False, False),
    "responsible": ("edge.responsible", "#dd6b20", 1.6, False, False),
    "support": ("edge.support", "#718096", 1.0, True, False),
    "task": ("edge.task", "#9ac7a8", 1.0, False, False),
    "indicator": ("edge.indicator", "#e2c275", 1.0, False, False),
    "implements": ("edge.implements", "#6b46c1", 2.2, False, True),
    "cites": ("edge.cites", "#9f7aea", 1.2, True, True),
    "titled_after": ("edge.titled_after", "#9f7aea", 1.2, True, True),
    "issued": ("edge.issued", "#2b6cb0", 1.2, True, True),
    "succeeded": ("edge.succeeded", "#a0aec0", 1.2, True, True),
    "shares": ("edge.shares", "#a0aec0", 1.0, False, False),
}
# collaboration views colour departments by community (0 = the largest); smaller ones beyond the palette share grey
COMMUNITY_COLOURS = (
    "#4e79a7",
    "#f28e2b",
    "#e15759",
    "#76b7b2",
    "#59a14f",
    "#edc948",
    "#b07aa1",
    "#ff9da7",
    "#9c755f",
    "#17becf",
)
OTHER_COMMUNITY = "#bab0ac"


def community_colour(group: int) -> str:
    return COMMUNITY_COLOURS[group] if group < len(COMMUNITY_COLOURS) else OTHER_COMMUNITY


LABELLED_UP_TO = 150  # nodes: every node of a view this size or smaller is labelled
TASK_LABELS_UP_TO = 60  # in larger views, tasks only while this few: more would cover the canvas (text in tooltips)
_CDN = re.compile(r"<(?:link|script)\b[^>]*\b(?:href|src)\s*=\s*[\"']https?://[^>]*>(?:\s*</script>)?", re.S)
_EMPTY_HEADING = re.compile(r"<center>\s*<h1>\s*</h1>\s*</center>")


def node_size(kind: str, weight: float, peak: float, focus: bool) -> float:
    if kind in DEPARTMENT_KINDS:
        size = 10 + 26 * math.sqrt(weight / peak) if peak > 0 else 14
    else:
        size = {"document": 22, "upstream": 16, "task": 7, "indicator": 6}.get(kind, 10)
    return round(size * (1.5 if focus else 1), 1)


def statused(view: View) -> bool:
    """Whether the view's tasks are coloured by their latest status: once any of them was reported on."""
    return any(n.status for n in view.nodes if n.kind == "task")


def node_records(view: View) -> list[dict[str, Any]]:
    """The nodes as handed to pyvis (`Network.add_node` keyword arguments, with `n_id`)."""
    peak = max((n.weight for n in view.nodes if n.kind in DEPARTMENT_KINDS), default=0.0)
    task_labels = len(view.nodes) <= LABELLED_UP_TO or sum(n.kind == "task" for n in view.nodes) <= TASK_LABELS_UP_TO
    records = []
    by_status = statused(view)
    for n in view.nodes:
        _, colour, shape = NODE_STYLE[n.kind]
        if n.group is not None:
            colour = community_colour(n.group)
        if by_status and n.kind == "task":
            colour = STATUS_COLOURS[n.status or "unreported"]
        label = n.label if (n.kind != "task" or task_labels or n.focus) else " "
        records.append(
            {
                "n_id": n.id,
                "label": label,
                "shape": shape,
                "color": colour,
                "title": n.tooltip + (f"\n{t('view.open')}" if n.link else ""),  # plain text, never HTML
                "link": n.link,
                "size": node_size(n.kind, n.weight, peak, n.focus),
                "borderWidth": 4 if n.focus else 1,
                "font": {"size": 18 if n.focus else (12 if n.kind in ("task", "indicator") else 14)},
                "kind": n.kind,
                "search": n.name,
                "weight": n.weight,
            }
        )
    return records


def edge_records(view: View) -> list[dict[str, Any]]:
    """The edges as handed to pyvis (`Network.add_edge` keyword arguments, with `source` and `to`)."""
    records = []
    for e in view.edges:
        text, colour, width, dashed, arrow = EDGE_STYLE[e.role]
        records.append(
            {
                "source": e.source,
                "to": e.target,
                "title": labelled(text, e.detail) if e.detail else t(text),
                "color": colour,
                "width": round(width + 2 * math.log2(e.weight), 1) if e.role == "shares" and e.weight > 1 else width,
                "dashes": dashed,
                "arrows": "to" if arrow else "",
                "role": e.role,
            }
        )
    return records


def options(view: View) -> dict[str, Any]:
    """vis-network options: forceAtlas2 with a bounded stabilisation, fitted; the page turns physics off after it."""
    size = len(view.nodes)
    return {
        "nodes": {"font": {"face": FONT, "strokeWidth": 3, "strokeColor": "#ffffff"}},
        "edges": {"smooth": False, "color": {"inherit": False}, "selectionWidth": 2},
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": size > 200},
        "layout": {"randomSeed": 7, "improvedLayout": size <= 100},
        "physics": {
            "enabled": True,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {
                "gravitationalConstant": -60,
                "centralGravity": 0.02,
                "springLength": 70,
                "springConstant": 0.06,
                "damping": 0.5,
                "avoidOverlap": 0.6,
            },
            "minVelocity": 1.0,
            "maxVelocity": 60,
            "timestep": 0.45,
            "stabilization": {
                "enabled": True,
                "iterations": min(600, 200 + 2 * size),
                "updateInterval": 25,
                "fit": True,
            },
        },
    }


def build_network(view: View) -> Network:
    net = Network(height="calc(100vh - 58px)", width="100%", directed=True, cdn_resources="in_line", heading="")
    for record in node_records(view):
        net.add_node(**record)
    for record in edge_records(view):
        net.add_edge(**record)
    net.options = options(view)
    return net


def _html_lang() -> str:
    return "zh-CN" if lang() == "zh" else "en"


def _legend(view: View) -> str:
    counts = view.counts()
    rows = []
    for kind, count in counts.items():
        text, colour, shape = NODE_STYLE[kind]
        rows.append(
            f'<li><label><input type="checkbox" checked data-kind="{html.escape(kind)}"> '
            f'<span class="pg-swatch pg-{html.escape(shape)}" style="--c:{html.escape(colour)}"></span>'
            f"{html.escape(t(text))} <b>{count}</b></label></li>"
        )
    for number, names in enumerate(view.communities):
        if number == len(COMMUNITY_COLOURS):  # the small ones left share one colour
            rest = view.communities[number:]
            rows.append(
                f'<li><span class="pg-swatch pg-dot" style="--c:{OTHER_COMMUNITY}"></span>'
                f"{html.escape(t('view.community', n=f'{number + 1}–{len(view.communities)}'))} "
                f"<b>{sum(len(g) for g in rest)}</b></li>"
            )
            break
        members = "、".join(names[:3]) + ("…" if len(names) > 3 else "")
        rows.append(
            f'<li title="{html.escape("、".join(names))}"><span class="pg-swatch pg-dot" '
            f'style="--c:{community_colour(number)}"></span>{html.escape(t("view.community", n=number + 1))} '
            f"<b>{len(names)}</b> <small>{html.escape(members)}</small></li>"
        )
    if statused(view):  # the tasks' colour says their latest status
        tasks = [n for n in view.nodes if n.kind == "task"]
        rows.append(f"<li><small>{html.escape(t('view.status'))}</small></li>")
        for status, colour in STATUS_COLOURS.items():
            n = sum(1 for x in tasks if (x.status or "unreported") == status)
            if n:
                rows.append(
                    f'<li class="pg-status"><span class="pg-swatch pg-square" style="--c:{html.escape(colour)}"></span>'
                    f"{html.escape(status_label(status))} <b>{n}</b></li>"
                )
    roles = list(dict.fromkeys(e.role for e in view.edges))
    for role in roles:
        text, colour, width, dashed, arrow = EDGE_STYLE[role]
        style = f"border-top:{max(1.0, width):.0f}px {'dashed' if dashed else 'solid'} {colour}"
        rows.append(
            f'<li class="pg-edge"><span class="pg-line" style="{html.escape(style)}"></span>'
            f"{html.escape(t(text))}{' →' if arrow else ''} <b>{sum(1 for e in view.edges if e.role == role)}</b></li>"
        )
    return (
        f'<aside id="pg-legend" aria-label="{t("view.legend")}"><details open><summary>{t("view.legend")} '
        f"<small>{t('view.untick')}</small></summary><ul>{''.join(rows)}</ul>"
        f"<p>{html.escape(t('view.size', by=t(view.ranked_by)))}</p>"
        + (f"<p>{html.escape(t('view.communities'))}</p>" if view.communities else "")
        + "</details></aside>"
    )


def _header(view: View) -> str:
    note = f'<div id="pg-note" role="note">{html.escape(view.note)}</div>' if view.note else ""
    return (
        '<header id="pg-bar">'
        f'<h1 id="pg-title">{html.escape(view.title)}</h1>'
        f'<span id="pg-summary">{t("view.summary", nodes=len(view.nodes), edges=len(view.edges))}</span>'
        f'<input id="pg-search" type="search" list="pg-names" placeholder="{t("view.search")}"'
        f' aria-label="{t("view.search_label")}" autocomplete="off">'
        f'<button id="pg-search-go" type="button">{t("view.find")}</button>'
        '<span id="pg-search-result" role="status"></span>'
        '</header><datalist id="pg-names"></datalist>'
        f"{note}{_legend(view)}"
    )


_HEAD = """<title>{title}</title>
<script>
window.policygraphView = {{errors: [], settled: false}};
window.addEventListener("error", function (e) {{
  window.policygraphView.errors.push(String(e.message || (e.target && e.target.tagName) || e.type));
}}, true);
</script>
<style>
html, body {{ margin: 0; padding: 0; font-family: {font}; background: #fff; }}
#pg-bar {{ display: flex; align-items: center; gap: 10px; height: 52px; padding: 0 12px; border-bottom: 1px solid #ddd;
  background: #f7fafc; box-sizing: border-box; }}
#pg-title {{ font-size: 17px; margin: 0; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; max-width: 46vw; }}
#pg-summary {{ color: #555; font-size: 13px; white-space: nowrap; }}
#pg-search {{ flex: 0 1 300px; font: inherit; font-size: 14px; padding: 4px 8px; }}
#pg-search-go {{ white-space: nowrap; font: inherit; font-size: 14px; }}
#pg-search-result {{ font-size: 13px; color: #2b6cb0; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }}
#mynetwork {{ float: none !important; border: 0 !important; }}
.card {{ width: 100%; }}
#pg-note {{ position: fixed; top: 60px; left: 12px; z-index: 10; background: #fff3cd; border: 1px solid #e0c060;
  padding: 4px 10px; font-size: 13px; border-radius: 4px; }}
#pg-legend {{ position: fixed; top: 60px; right: 12px; z-index: 10; background: rgba(255,255,255,.94); border: 1px solid #ccc;
  border-radius: 6px; padding: 6px 12px; font-size: 13px; max-height: calc(100vh - 80px); overflow: auto; }}
#pg-legend summary {{ font-size: 14px; font-weight: bold; margin: 2px 0 4px; cursor: pointer; }}
#pg-legend small {{ font-weight: normal; color: #777; }}
#pg-legend ul {{ list-style: none; margin: 0; padding: 0; }}
#pg-legend li {{ margin: 3px 0; white-space: nowrap; }}
#pg-legend p {{ margin: 4px 0 0; color: #777; font-size: 12px; }}
.pg-swatch {{ display: inline-block; width: 12px; height: 12px; background: var(--c); margin: 0 6px -1px 2px; }}
.pg-dot {{ border-radius: 50%; }}
.pg-diamond {{ transform: rotate(45deg) scale(.85); }}
.pg-triangle {{ background: none; width: 0; height: 0; border: 7px solid transparent; border-bottom: 12px solid var(--c);
  border-top: 0; }}
.pg-triangleDown {{ background: none; width: 0; height: 0; border: 7px solid transparent; border-top: 12px solid var(--c);
  border-bottom: 0; }}
.pg-line {{ display: inline-block; width: 26px; height: 0; margin: 0 6px 4px 2px; }}
div.vis-tooltip {{ white-space: pre-wrap; max-width: 460px; font-family: {font}; font-size: 13px; line-height: 1.45; }}
</style>
"""

_SCRIPT = """<script>
(function () {
  var pg = window.policygraphView;
  var list = document.getElementById("pg-names");
  nodes.get().slice(0, 3000).forEach(function (n) {
    var option = document.createElement("option");
    option.value = n.search;  // text, never markup
    list.appendChild(option);
  });
  // the physics keeps nodes apart, not their labels: once drawn (label sizes known), labels that overlap push
  // their nodes apart, along the axis where they overlap least, until none does (or 80 rounds)
  function separateLabels() {
    var boxes = [];
    Object.keys(network.body.nodes).forEach(function (id) {
      var n = network.body.nodes[id], size = n.labelModule && n.labelModule.size;
      if (!n.options.label || !String(n.options.label).trim() || !size || !size.width || n.options.hidden) { return; }
      boxes.push({id: id, x: n.x, y: n.y, dx: size.left - n.x, dy: size.top - n.y, w: size.width, h: size.height});
    });
    var gap = 2;
    for (var round = 0; round < 80; round++) {
      var moved = false;
      for (var i = 0; i < boxes.length; i++) {
        for (var j = i + 1; j < boxes.length; j++) {
          var a = boxes[i], b = boxes[j];
          var ox = Math.min(a.x + a.dx + a.w, b.x + b.dx + b.w) - Math.max(a.x + a.dx, b.x + b.dx) + gap;
          var oy = Math.min(a.y + a.dy + a.h, b.y + b.dy + b.h) - Math.max(a.y + a.dy, b.y + b.dy) + gap;
          if (ox <= 0 || oy <= 0) { continue; }
          moved = true;
          if (ox < oy) {
            var sx = (a.x + a.dx + a.w / 2 <= b.x + b.dx + b.w / 2 ? 1 : -1) * ox / 2;
            a.x -= sx; b.x += sx;
          } else {
            var sy = (a.y + a.dy + a.h / 2 <= b.y + b.dy + b.h / 2 ? 1 : -1) * oy / 2;
            a.y -= sy; b.y += sy;
          }
        }
      }
      if (!moved) { break; }
    }
    boxes.forEach(function (box) { network.moveNode(box.id, box.x, box.y); });
    pg.labelRounds = round;
  }
  function done() {
    if (pg.settled) { return; }
    network.fit();
    var bar = document.getElementById("loadingBar");  // pyvis's progress overlay: gone at once, not faded
    if (bar) { bar.style.display = "none"; }
    pg.settled = true;
    document.body.setAttribute("data-settled", "true");
  }
  function settle() {
    if (pg.stopped) { return; }
    pg.stopped = true;
    network.setOptions({physics: {enabled: false}});
    network.once("afterDrawing", function () { separateLabels(); done(); });
    network.redraw();
    setTimeout(done, 3000);  // no frame drawn (a hidden tab): settled as laid out
  }
  network.once("stabilizationIterationsDone", settle);
  setTimeout(settle, 20000);  // whatever the physics does, the layout stops moving
  var result = document.getElementById("pg-search-result");
  pg.search = function (text) {
    var needle = String(text || "").trim().toLowerCase();
    if (!needle) { network.unselectAll(); result.textContent = ""; return []; }
    var hits = nodes.get({filter: function (n) {
      return !n.hidden && (n.search.toLowerCase().indexOf(needle) >= 0 || String(n.id).toLowerCase() === needle);
    }});
    hits.sort(function (a, b) {
      var ea = a.search.toLowerCase() === needle ? 0 : 1, eb = b.search.toLowerCase() === needle ? 0 : 1;
      return ea - eb || (b.weight || 0) - (a.weight || 0) || a.search.length - b.search.length;
    });
    var ids = hits.map(function (n) { return n.id; });
    network.selectNodes(ids);
    if (ids.length) {
      network.focus(ids[0], {scale: 1.1, animation: false});
      result.textContent = __FOUND__.replace("{n}", ids.length) + hits[0].search.slice(0, 40);
    } else {
      result.textContent = __NOT_FOUND__;
    }
    return ids;
  };
  var input = document.getElementById("pg-search");
  input.addEventListener("keydown", function (e) { if (e.key === "Enter") { pg.search(input.value); } });
  input.addEventListener("change", function () { pg.search(input.value); });
  document.getElementById("pg-search-go").addEventListener("click", function () { pg.search(input.value); });
  pg.filter = function (kind, shown) {
    nodes.update(nodes.get({filter: function (n) { return n.kind === kind; }}).map(function (n) {
      return {id: n.id, hidden: !shown};
    }));
  };
  network.on("doubleClick", function (params) {  // a department of a collaboration view: its own view
    var node = params.nodes.length ? nodes.get(params.nodes[0]) : null;
    if (node && node.link) { window.location.href = node.link; }
  });
  document.querySelectorAll("#pg-legend input[data-kind]").forEach(function (box) {
    box.addEventListener("change", function () { pg.filter(box.getAttribute("data-kind"), box.checked); });
  });
})();
</script>
"""


# vis-network as pyvis's template inlines it (lib/ path inside pyvis's templates) -> the file a folder of views shares
SHARED_LIBRARY = {
    "lib/vis-9.1.2/vis-network.min.js": ("vis-network.min.js", "<script>{}</script>", '<script src="{}"></script>'),
    "lib/vis-9.1.2/vis-network.css": ("vis-network.css", "<style>{}</style>", '<link rel="stylesheet" href="{}">'),
}


@functools.cache
def _templates() -> jinja2.Environment:
    """pyvis's template environment, made once: each Network makes its own, which compiles every template
    (vis-network's 500 kB among them) again for every page."""
    return Network().templateEnv


@functools.cache
def _library() -> tuple[tuple[str, str], ...]:
    return tuple((name, _templates().get_template(path).render()) for path, (name, _, _) in SHARED_LIBRARY.items())


def library_files() -> dict[str, str]:
    """The shared files (name -> text) exactly as the template inlines them."""
    return dict(_library())


def _share_library(page: str) -> str:
    """The inline vis-network script and stylesheet replaced by references to the files beside the page."""
    files = library_files()
    for name, inline, linked in SHARED_LIBRARY.values():
        block = inline.format(files[name])
        if block not in page:  # a pyvis whose template inlines it otherwise: say so rather than write a broken page
            raise RuntimeError(f"pyvis's template no longer inlines {name} as expected")
        page = page.replace(block, linked.format(name), 1)
    return page


def render_html(view: View, shared_library: bool = False) -> str:
    """The page: pyvis's template with vis-network inline (or, `shared_library`, referenced from the files
    `library_files` gives, beside the page), CDN references stripped, our header, legend and script."""
    net = build_network(view)
    nodes, edges, heading, height, width, opts = net.get_network_data()
    # rendered here rather than by `generate_html`: that one switches tooltips to `innerHTML` as soon as any
    # title contains "href" (document text may), which would run whatever markup a document holds
    page = (
        _templates()
        .get_template(net.path)
        .render(
            height=height,
            width=width,
            nodes=nodes,
            edges=edges,
            heading=heading,
            options=opts,
            physics_enabled=True,
            use_DOT=False,
            dot_lang=None,
            widget=False,
            bgcolor=net.bgcolor,
            conf=False,
            tooltip_link=False,
            neighborhood_highlight=False,
            select_menu=False,
            filter_menu=False,
            notebook=False,
            cdn_resources="in_line",
        )
    )
    page = _CDN.sub("", page)
    if shared_library:
        page = _share_library(page)
    page = _EMPTY_HEADING.sub("", page)
    page = page.replace("<html>", f'<!DOCTYPE html>\n<html lang="{_html_lang()}">', 1)
    head = _HEAD.format(title=html.escape(view.title), font=FONT)
    page = page.replace('<meta charset="utf-8">', '<meta charset="utf-8">\n' + head, 1)
    page = page.replace("<body>", "<body>\n" + _header(view), 1)
    script = _SCRIPT.replace("__FOUND__", json.dumps(t("view.found"), ensure_ascii=False))
    script = script.replace("__NOT_FOUND__", json.dumps(t("view.not_found"), ensure_ascii=False))
    page = page.replace("</body>", script + "</body>", 1)
    return page


def remote_references(page: str) -> list[str]:
    """Every http(s) URL a page would load (script/link/img src or href, CSS url()); empty for ours."""
    pattern = r"(?:\bsrc|\bhref)\s*=\s*[\"']?(https?://[^\"'\s>]+)|url\(\s*[\"']?(https?://[^)\"']+)|@import\s+[\"'](https?://[^\"']+)"
    return [next(g for g in m.groups() if g) for m in re.finditer(pattern, page)]


def write_view(view: View, path: Path, shared_library: bool = False) -> Path:
    return write_text(path, render_html(view, shared_library))


def slug(key: str) -> str:
    """A file name from a key: its characters kept (CJK too), separators and brackets made `-`."""
    text = re.sub(r"[\s/\\:#@〔〕\[\]()（）《》〈〉<>\"'|?*.,，、]+", "-", key.removeprefix("doc:")).strip("-")
    return text[:80] or "view"


def default_path(kind: str, subject: str, out_dir: Path = Path("out/views")) -> Path:
    return out_dir / f"{kind}-{slug(subject)}.html"


def _index(entries: Sequence[tuple[str, list[tuple[str, View]]]]) -> str:
    sections = []
    for heading, items in entries:
        if not items:
            continue
        rows = "".join(
            f'<li><a href="{html.escape(name)}">{html.escape(view.title)}</a> '
            f"<small>{t('view.nodes', n=len(view.nodes))}{html.escape(' — ' + view.note) if view.note else ''}</small></li>"
            for name, view in items
        )
        sections.append(f"<h2>{html.escape(heading)}</h2><ul>{rows}</ul>")
    return (
        f'<!DOCTYPE html>\n<html lang="{_html_lang()}"><head><meta charset="utf-8"><title>{t("view.index")}</title>'
        f"<style>body{{font-family:{FONT};margin:24px;max-width:960px}}li{{margin:4px 0}}small{{color:#666}}</style>"
        f"</head><body><h1>{t('view.index')}</h1>{''.join(sections)}</body></html>\n"
    )


def write_views(
    store: GraphStore,
    out_dir: Path,
    top_departments: int = 10,
    top_cited: int = 5,
    max_nodes: int = MAX_NODES,
    as_printed: bool = False,
) -> list[Path]:
    """The views of a whole corpus into `out_dir`/views/: one per document with tasks, the departments with the
    highest load, one per jurisdiction with departments, the chains of the most-cited policies, the vis-network
    script and stylesheet they all load (one copy, beside them: they travel as a folder), and index.html (last in
    the list) linking them. Departments are the bodies that exist now unless `as_printed`."""
    folder = out_dir / "views"
    lines = SourceLines.of(store)  # the sources where the graph records them
    folded = folding(store, as_printed)  # a former name is no top department of its own: its body is
    top = [
        r["id"]
        for r in store.read(q.TOP_DEPARTMENTS, {"limit": top_departments + len(folded)})
        if r["id"] not in folded
    ][:top_departments]
    places = [r["name"] for r in store.read(q.JURISDICTIONS_WITH_DEPARTMENTS)]
    collaborations = [collaboration_view(store, place, max_nodes, lines, as_printed) for place in places]
    # every department a collaboration view draws opens its own view, written beside it (hidden from the index)
    members = [n.id.removeprefix("department:") for view in collaborations for n in view.nodes]
    own = {key: department_view(store, key, max_nodes, lines, as_printed) for key in dict.fromkeys([*top, *members])}
    collaborations = [
        replace(
            view,
            nodes=tuple(
                replace(n, link=default_path("department", n.id.removeprefix("department:"), Path()).name)
                for n in view.nodes
            ),
        )
        for view in collaborations
    ]
    groups: list[tuple[str, list[View]]] = [
        (
            t("view.documents"),
            [document_view(store, r["id"], max_nodes, lines, as_printed) for r in store.read(q.DOCUMENTS_WITH_TASKS)],
        ),
        (t("view.top_departments", n=top_departments), [own[key] for key in top]),
        (t("view.collaborations"), collaborations),
        (t("view.all_departments"), [view for key, view in own.items() if key not in top]),
        (
            t("view.jurisdiction_tasks"),
            [jurisdiction_view(store, place, max_nodes, lines, as_printed) for place in places],
        ),
        (
            t("view.chains", n=top_cited),
            [
                chain_view(store, r["id"], max_nodes, lines, as_printed)
                for r in store.read(q.MOST_CITED, {"limit": top_cited})
            ],
        ),
    ]
    written: list[Path] = []
    entries: list[tuple[str, list[tuple[str, View]]]] = []
    for heading, views in groups:
        named = []
        for view in views:
            path = default_path(view.kind, view.subject, folder)
            written.append(write_view(view, path, shared_library=True))
            named.append((path.name, view))
        entries.append((heading, named))
    for name, text in library_files().items():  # one copy of vis-network for every view of the folder
        written.append(write_text(folder / name, text))
    written.append(write_text(folder / "index.html", _index(entries)))
    return written
