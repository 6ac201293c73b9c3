/* partnergraph website behaviour: networks, year variants, search suggestions.
 * Plain ES2017, no framework, no request outside the page's own origin. Everything works from
 * a file saved to disk: data comes from <script type="application/json"> blocks or from
 * generated scripts next to the page, never from fetch() in the static site. */
(function () {
  "use strict";
  var doc = document.documentElement;
  doc.classList.add("js");
  var params = new URLSearchParams(window.location.search);
  var embed = params.get("embed") === "1";
  var mode = doc.getAttribute("data-mode") || "live";
  var body = document.body;
  var lang = body.getAttribute("data-lang") || "pl";

  window.pgNetworks = {};
  window.pgReady = null;

  /* -- static site: keep ?embed=1 on internal links ------------------------------------- */
  if (embed && mode === "static") {
    Array.prototype.forEach.call(document.querySelectorAll("a[href]"), function (a) {
      var href = a.getAttribute("href");
      if (!href || /^[a-z]+:/i.test(href) || href.charAt(0) === "#" || a.hasAttribute("data-full-page")) return;
      a.setAttribute("href", href + (href.indexOf("?") < 0 ? "?" : "&") + "embed=1");
    });
  }
  var full = document.querySelector("a[data-full-page]");
  if (full && mode === "static") {
    var clean = new URL(window.location.href);
    clean.searchParams.delete("embed");
    full.setAttribute("href", clean.toString());
  }

  /* -- labels: never on top of each other ------------------------------------------------
   * A label keeps LABEL_PX on screen at any zoom (its canvas font size is LABEL_PX / scale),
   * so overlaps depend on the zoom: after the layout settles and whenever the zoom changes,
   * candidates (nodes with a label, best "rank" first) are placed greedily and a label whose
   * box would overlap one already placed is hidden (its full name stays in the hover title).
   * Zooming in spreads the nodes under labels of the same size, so more of them appear. */
  var LABEL_PX = 13, LABEL_LINE = 1.25, LABEL_PAD = 3, LABEL_GAP = 3;
  var measurer = document.createElement("canvas").getContext("2d");
  function labelBox(text) {
    measurer.font = LABEL_PX + "px system-ui, sans-serif";
    var lines = text.split("\n"), width = 0;
    lines.forEach(function (line) { width = Math.max(width, measurer.measureText(line).width); });
    return { w: width + 2 * LABEL_PAD, h: lines.length * LABEL_PX * LABEL_LINE + 2 * LABEL_PAD };
  }
  function trackLabels(network, el, items) {
    var candidates = items.filter(function (n) { return n.label; }).map(function (n) {
      return { id: n.id, label: n.label, rank: n.rank === undefined ? 1e6 : n.rank, box: labelBox(n.label), inside: n.shape === "box" };
    });
    candidates.sort(function (a, b) { return a.rank - b.rank; });
    var placedScale = 0, shown = {}, timer = null, settled = false;
    function place() {
      timer = null;
      var scale = network.getScale();
      if (!(scale > 0)) return;
      var positions = network.getPositions(candidates.map(function (c) { return c.id; }));
      var taken = [], updates = [], count = 0;
      candidates.forEach(function (c) {
        var p = positions[c.id];
        if (!p) return;
        var node = network.body.nodes[c.id], size = node ? (node.options.size || 12) : 12;
        // screen pixels relative to the canvas origin: boxes there do not depend on the zoom;
        // below the symbol first, else above it (vis draws names below: font.vadjust lifts it)
        var cx = p.x * scale, r = size * scale, below = (p.y + size) * scale + 2;
        var tops = c.inside ? [p.y * scale - c.box.h / 2] : [below, (p.y - size) * scale - 2 - c.box.h];
        var free = false, lift = 0;
        for (var k = 0; k < tops.length && !free; k++) {
          var box = { l: cx - c.box.w / 2 - LABEL_GAP, r: cx + c.box.w / 2 + LABEL_GAP, t: tops[k] - LABEL_GAP, b: tops[k] + c.box.h + LABEL_GAP };
          free = taken.every(function (o) { return box.r <= o.l || box.l >= o.r || box.b <= o.t || box.t >= o.b; });
          if (free) {
            lift = k === 0 ? 0 : (tops[k] - below) / scale;
            // a labelled node's symbol is kept clear too, so that no later name hides it; the
            // symbols of unlabelled nodes are not, or a dense star would keep almost no name
            taken.push(box, { l: cx - r, r: cx + r, t: p.y * scale - r, b: p.y * scale + r });
            count++;
          }
        }
        updates.push({ id: c.id, label: free ? c.label : "", font: { size: LABEL_PX / scale, vadjust: lift } });
        shown[c.id] = free;
      });
      placedScale = scale;
      network.body.data.nodes.update(updates);
      el.setAttribute("data-labels", String(count));
      el.setAttribute("data-label-candidates", String(candidates.length));
    }
    function settle() {
      if (settled) return;
      settled = true;
      // a settled layout stays put, so the placed labels stay valid until the zoom changes
      network.setOptions({ physics: { enabled: false } });
      place();
    }
    network.on("afterDrawing", function () {
      if (!settled || timer !== null) return;
      var scale = network.getScale();
      if (Math.abs(scale - placedScale) > 0.02 * placedScale) timer = setTimeout(place, 80);
    });
    if (network.physics && network.physics.options && network.physics.options.enabled) {
      network.once("stabilizationIterationsDone", function () { setTimeout(settle, 0); });
      setTimeout(settle, 4000); // stabilisation is capped; this only guards a missed event
    } else {
      network.once("afterDrawing", function () { setTimeout(settle, 0); });
    }
    return { place: place, shown: shown };
  }
  window.pgTrackLabels = trackLabels;

  /* -- networks ------------------------------------------------------------------------- */
  function drawNetwork(el) {
    if (el.getAttribute("data-drawn") === "1" || typeof vis === "undefined") return null;
    el.setAttribute("data-drawn", "1");
    el.textContent = "";
    var data = JSON.parse(document.getElementById(el.getAttribute("data-network")).textContent);
    var urls = {};
    data.nodes.forEach(function (n) { if (n.url) urls[n.id] = n.url; });
    var started = performance.now();
    var network = new vis.Network(el, { nodes: data.nodes, edges: data.edges }, data.options);
    window.pgNetworks[el.id] = network;
    trackLabels(network, el, data.nodes);
    network.on("click", function (p) {
      if (p.nodes && p.nodes.length && urls[p.nodes[0]]) {
        window.location.href = withEmbed(urls[p.nodes[0]]);
      }
    });
    network.on("hoverNode", function (p) { el.style.cursor = urls[p.node] ? "pointer" : "default"; });
    network.on("blurNode", function () { el.style.cursor = "default"; });
    network.once("afterDrawing", function () {
      el.setAttribute("data-ready", "1");
      el.setAttribute("data-draw-ms", String(Math.round(performance.now() - started)));
      if (window.pgReady === null) window.pgReady = performance.now();
    });
    return network;
  }
  function withEmbed(url) {
    if (!embed || mode !== "static" || /[?&]embed=1/.test(url)) return url;
    return url + (url.indexOf("?") < 0 ? "?" : "&") + "embed=1";
  }
  Array.prototype.forEach.call(document.querySelectorAll("[data-network]"), function (el) {
    if (!el.hasAttribute("data-lazy") && !el.closest("[hidden]")) drawNetwork(el);
  });

  /* -- year variants ---------------------------------------------------------------------- */
  Array.prototype.forEach.call(document.querySelectorAll("form[data-variants]"), function (form) {
    var id = form.getAttribute("data-variants");
    var map = JSON.parse(document.getElementById(id + "-map").textContent);
    var select = document.getElementById(id + "-select");
    var range = document.getElementById(id + "-range");
    var output = document.getElementById(id + "-output");
    function show(key, push) {
      var index = map[key];
      if (index === undefined) return;
      Array.prototype.forEach.call(document.querySelectorAll('[data-variant-of="' + id + '"]'), function (section) {
        var on = String(index) === section.getAttribute("data-variant");
        section.hidden = !on;
        if (on) {
          Array.prototype.forEach.call(section.querySelectorAll("[data-network]"), function (el) {
            var net = drawNetwork(el);
            if (!net && window.pgNetworks[el.id]) { window.pgNetworks[el.id].redraw(); window.pgNetworks[el.id].fit(); }
          });
        }
      });
      select.value = key;
      if (key !== "all") range.value = key;
      output.textContent = key === "all" ? select.options[0].textContent : key;
      if (push) {
        var url = new URL(window.location.href);
        url.searchParams.set("at", key);
        window.history.replaceState(null, "", url.toString());
      }
    }
    select.addEventListener("change", function () { show(select.value, true); });
    range.addEventListener("input", function () { show(range.value, true); });
    form.addEventListener("submit", function (e) { e.preventDefault(); show(select.value, true); });
    var wanted = params.get("at");
    if (wanted && mode === "static") show(wanted.slice(0, 4) === "all" ? "all" : wanted.slice(0, 4), false);
  });

  /* -- search suggestions (ARIA combobox) ------------------------------------------------- */
  var foldMap = { "ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "æ": "ae", "Æ": "ae", "ß": "ss", "đ": "d", "Đ": "d" };
  function fold(text) {
    return text.replace(/[łŁøØæÆßđĐ]/g, function (c) { return foldMap[c]; })
      .normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/\s+/g, " ").trim();
  }
  function localSuggest(q, limit) {
    var index = window.PG_INDEX || [];
    var f = fold(q), hits = [];
    for (var i = 0; i < index.length && f; i++) {
      var item = index[i], key = item[4], score;
      if (key.indexOf(f) < 0) continue;
      var names = key.split(" | ");
      score = names.indexOf(f) >= 0 ? 100 : names.some(function (n) { return n.indexOf(f) === 0; }) ? 80 :
        (" " + key).indexOf(" " + f) >= 0 ? 60 : 40;
      hits.push({ uid: item[0], label: item[1], name: lang === "en" && item[3] ? item[3] : item[2], url: (body.getAttribute("data-root") || "") + item[5], score: score });
    }
    hits.sort(function (a, b) { return b.score - a.score || a.name.length - b.name.length || (a.uid < b.uid ? -1 : 1); });
    return Promise.resolve(hits.slice(0, limit));
  }
  function suggest(q, limit) {
    var url = body.getAttribute("data-suggest-url");
    if (mode === "live" && url) {
      return fetch(url + "?q=" + encodeURIComponent(q) + "&lang=" + lang + "&limit=" + limit + (embed ? "&embed=1" : ""))
        .then(function (r) { return r.ok ? r.json() : []; })
        .catch(function () { return []; });
    }
    return localSuggest(q, limit);
  }
  function combobox(input) {
    var list = document.getElementById(input.getAttribute("aria-controls"));
    var hidden = input.getAttribute("data-target") ? document.getElementById(input.getAttribute("data-target")) : null;
    var items = [], active = -1, timer = null, seq = 0;
    function close() { list.hidden = true; input.setAttribute("aria-expanded", "false"); input.removeAttribute("aria-activedescendant"); active = -1; }
    function choose(item) {
      if (hidden) {
        hidden.value = item.uid; input.value = item.name; close();
        input.dispatchEvent(new CustomEvent("pg-chosen", { bubbles: true }));
      } else {
        window.location.href = withEmbed(item.url);
      }
    }
    function render() {
      list.textContent = "";
      items.forEach(function (item, i) {
        var li = document.createElement("li");
        li.id = input.id + "-opt-" + i;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", i === active ? "true" : "false");
        li.setAttribute("data-uid", item.uid);
        var name = document.createElement("span"); name.textContent = item.name;
        var label = document.createElement("span"); label.className = "muted"; label.textContent = item.label;
        li.appendChild(name); li.appendChild(label);
        li.addEventListener("mousedown", function (e) { e.preventDefault(); choose(item); });
        list.appendChild(li);
      });
      list.hidden = items.length === 0;
      input.setAttribute("aria-expanded", items.length ? "true" : "false");
      if (active >= 0) input.setAttribute("aria-activedescendant", input.id + "-opt-" + active);
      else input.removeAttribute("aria-activedescendant");
    }
    input.addEventListener("input", function () {
      if (hidden) hidden.value = "";
      clearTimeout(timer);
      var q = input.value, mine = ++seq;
      if (!fold(q)) { items = []; render(); return; }
      timer = setTimeout(function () {
        suggest(q, 12).then(function (found) { if (mine === seq) { items = found; active = -1; render(); } });
      }, 120);
    });
    input.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown" && items.length) { active = (active + 1) % items.length; render(); e.preventDefault(); }
      else if (e.key === "ArrowUp" && items.length) { active = (active - 1 + items.length) % items.length; render(); e.preventDefault(); }
      else if (e.key === "Escape") { close(); }
      else if (e.key === "Enter" && active >= 0 && !list.hidden) { e.preventDefault(); choose(items[active]); }
    });
    input.addEventListener("blur", function () { setTimeout(close, 150); });
  }
  Array.prototype.forEach.call(document.querySelectorAll("input[data-suggest]"), combobox);

  /* -- static site: search results page from the baked index ------------------------------ */
  var form = document.querySelector("form[data-search-form]");
  if (form && mode === "static" && params.get("q")) {
    var q = params.get("q");
    var input = form.querySelector("input[name=q]");
    input.value = q;
    localSuggest(q, 50).then(function (hits) {
      var section = document.getElementById("search-results");
      var ul = section.querySelector("[data-hits]");
      ul.textContent = "";
      hits.forEach(function (h) {
        var li = document.createElement("li"), a = document.createElement("a"), s = document.createElement("span");
        a.href = withEmbed(h.url); a.textContent = h.name; s.className = "muted"; s.textContent = " " + h.label + " · " + h.uid;
        li.appendChild(a); li.appendChild(s); ul.appendChild(li);
      });
      if (!hits.length) { var li = document.createElement("li"); li.textContent = "— " + q; ul.appendChild(li); }
      section.hidden = false;
    });
  }

  window.pgFold = fold;
  window.pgSuggest = suggest;
})();

/* -- static site: connection paths computed in the browser ---------------------------------
 * The live app asks the query layer; a static site has no server, so the path page loads the
 * graph baked into site/graph.js and runs Yen's k shortest simple paths (unweighted, edge
 * direction ignored, at most 6 hops), ordered like the query layer: by length, then by uids. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-path-form]");
  if (!form || document.documentElement.getAttribute("data-mode") !== "static" || !window.PG_GRAPH) return;
  var G = window.PG_GRAPH, lang = document.body.getAttribute("data-lang") || "pl";
  var root = document.body.getAttribute("data-root") || "";
  var names = JSON.parse(document.getElementById("pg-relation-names").textContent);
  var styles = JSON.parse(document.getElementById("pg-label-styles").textContent);
  var index = {}, adj = [];
  G.n.forEach(function (n, i) { index[n[0]] = i; adj.push({}); });
  G.e.forEach(function (e, i) {
    var a = e[0], b = e[1];
    if (a === b) return;
    (adj[a][b] = adj[a][b] || []).push(i);
    (adj[b][a] = adj[b][a] || []).push(i);
  });
  var MAX_HOPS = 6;
  function bfs(s, t, blockedNodes, blockedEdges) {
    var prev = {}, seen = {}, queue = [s], depth = {};
    seen[s] = true; depth[s] = 0;
    while (queue.length) {
      var u = queue.shift();
      if (u === t) break;
      if (depth[u] >= MAX_HOPS) continue;
      var next = Object.keys(adj[u]).map(Number).sort(function (x, y) { return G.n[x][0] < G.n[y][0] ? -1 : 1; });
      for (var i = 0; i < next.length; i++) {
        var v = next[i];
        if (seen[v] || blockedNodes[v] || blockedEdges[u + ">" + v]) continue;
        seen[v] = true; prev[v] = u; depth[v] = depth[u] + 1; queue.push(v);
      }
    }
    if (!seen[t]) return null;
    var path = [t];
    while (path[0] !== s) path.unshift(prev[path[0]]);
    return path;
  }
  function key(p) { return p.map(function (i) { return G.n[i][0]; }).join("\u0000"); }
  function better(a, b) { return a.length - b.length || (key(a) < key(b) ? -1 : 1); }
  function yen(s, t, k) {
    var first = bfs(s, t, {}, {});
    if (!first) return [];
    var found = [first], candidates = [], seenKeys = {};
    seenKeys[key(first)] = true;
    while (found.length < k) {
      var last = found[found.length - 1];
      for (var i = 0; i < last.length - 1; i++) {
        var spur = last[i], rootPath = last.slice(0, i + 1), blockedEdges = {}, blockedNodes = {};
        found.forEach(function (p) {
          if (p.length > i && key(p.slice(0, i + 1)) === key(rootPath)) {
            blockedEdges[p[i] + ">" + p[i + 1]] = true; blockedEdges[p[i + 1] + ">" + p[i]] = true;
          }
        });
        rootPath.slice(0, -1).forEach(function (n) { blockedNodes[n] = true; });
        var spurPath = bfs(spur, t, blockedNodes, blockedEdges);
        if (spurPath) {
          var total = rootPath.slice(0, -1).concat(spurPath);
          if (total.length - 1 <= MAX_HOPS && !seenKeys[key(total)]) { seenKeys[key(total)] = true; candidates.push(total); }
        }
      }
      if (!candidates.length) break;
      candidates.sort(better);
      found.push(candidates.shift());
    }
    return found.sort(better);
  }
  function nodeName(i) { return lang === "en" && G.n[i][2] ? G.n[i][2] : G.n[i][1]; }
  // like the server's wrap_label: whole words on lines of about 22 characters, never cut
  function wrapped(text) {
    var lines = [], line = "";
    text.split(/\s+/).forEach(function (word) {
      if (line && (line + " " + word).length > 22) { lines.push(line); line = word; } else { line = line ? line + " " + word : word; }
    });
    if (line) lines.push(line);
    return lines.join("\n");
  }
  function link(i) {
    var a = document.createElement("a");
    a.href = root + G.n[i][3]; a.textContent = nodeName(i);
    return a;
  }
  var colours = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9"];
  function run(fromUid, toUid, k) {
    var out = document.getElementById("path-results");
    out.textContent = "";
    var s = index[fromUid], t = index[toUid];
    if (s === undefined || t === undefined) return;
    var paths = yen(s, t, k);
    if (!paths.length) {
      var none = document.createElement("p"); none.className = "notice";
      none.textContent = out.getAttribute("data-none"); out.appendChild(none); return;
    }
    var canvas = document.createElement("div");
    canvas.className = "net-canvas"; canvas.id = "pathnet"; canvas.setAttribute("role", "img");
    canvas.setAttribute("aria-label", out.getAttribute("data-caption"));
    out.appendChild(canvas);
    var visNodes = {}, visEdges = [];
    paths.forEach(function (p, r) {
      var h = document.createElement("h3");
      var sw = document.createElement("span"); sw.className = "path-swatch"; sw.style.background = colours[r % colours.length];
      h.appendChild(sw); h.appendChild(document.createTextNode(out.getAttribute("data-path").replace("{n}", r + 1) + " (" + (p.length - 1) + ")"));
      out.appendChild(h);
      var ol = document.createElement("ol"); ol.className = "hops";
      for (var i = 0; i < p.length - 1; i++) {
        var li = document.createElement("li"), a = p[i], b = p[i + 1];
        li.appendChild(link(a)); li.appendChild(document.createTextNode(" → ")); li.appendChild(link(b));
        var facts = adj[a][b].map(function (ei) {
          var e = G.e[ei], forward = e[0] === a;
          var text = (forward ? "" : "← ") + (names[e[2]] || e[2]);
          if (e[3] || e[4]) text += " (" + (e[3] || "…") + " – " + (e[4] || "…") + ")";
          if (e[5]) text += " [" + e[5] + "]";
          if (!visEdges.some(function (x) { return x.id === ei; })) {
            visEdges.push({ id: ei, from: G.n[e[0]][0], to: G.n[e[1]][0], color: colours[r % colours.length], width: 2, arrows: "to", title: names[e[2]] || e[2] });
          }
          return text;
        });
        li.appendChild(document.createTextNode(": " + facts.join("; ")));
        ol.appendChild(li);
      }
      out.appendChild(ol);
      p.forEach(function (i) {
        var style = styles[G.n[i][4]] || ["#777777", "dot"];
        visNodes[i] = { id: G.n[i][0], label: wrapped(nodeName(i)), title: nodeName(i), rank: (i === s || i === t) ? 0 : 1 + r, url: root + G.n[i][3], shape: style[1],
          color: { background: style[0], border: "#222222" }, size: (i === s || i === t) ? 18 : 12,
          borderWidth: (i === s || i === t) ? 4 : 1 };
      });
    });
    if (typeof vis !== "undefined") {
      var nodes = Object.keys(visNodes).map(function (k) { return visNodes[k]; });
      var net = new vis.Network(canvas, { nodes: nodes, edges: visEdges }, { physics: { stabilization: { iterations: 150 } }, interaction: { hover: true } });
      window.pgNetworks.pathnet = net;
      if (window.pgTrackLabels) window.pgTrackLabels(net, canvas, nodes);
      net.on("click", function (e) { if (e.nodes.length) { var n = visNodes[index[e.nodes[0]]]; if (n) window.location.href = n.url; } });
      net.once("afterDrawing", function () { canvas.setAttribute("data-ready", "1"); });
    }
  }
  function resolve(inputName) {
    var hidden = form.querySelector("input[name=" + inputName + "]");
    if (hidden.value) return hidden.value;
    var typed = form.querySelector("input[name=" + inputName + "_q]").value;
    var f = window.pgFold ? window.pgFold(typed) : typed.toLowerCase();
    if (!f) return "";
    var hit = (window.PG_INDEX || []).find(function (row) { return row[4].split(" | ").indexOf(f) >= 0; }) ||
      (window.PG_INDEX || []).find(function (row) { return row[4].indexOf(f) >= 0; });
    return hit ? hit[0] : "";
  }
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var from = resolve("from"), to = resolve("to"), k = Number(form.querySelector("select[name=k]").value);
    var url = new URL(window.location.href);
    url.searchParams.set("from", from); url.searchParams.set("to", to); url.searchParams.set("k", String(k));
    window.history.replaceState(null, "", url.toString());
    run(from, to, k);
  });
  var params = new URLSearchParams(window.location.search);
  if (params.get("from") && params.get("to")) {
    var fromUid = params.get("from"), toUid = params.get("to");
    form.querySelector("input[name=from]").value = fromUid;
    form.querySelector("input[name=to]").value = toUid;
    if (index[fromUid] !== undefined) form.querySelector("input[name=from_q]").value = nodeName(index[fromUid]);
    if (index[toUid] !== undefined) form.querySelector("input[name=to_q]").value = nodeName(index[toUid]);
    run(fromUid, toUid, Number(params.get("k") || 3));
  }
})();
