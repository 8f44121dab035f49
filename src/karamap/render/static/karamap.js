/* karamap map app: canvas events layer, time filter with histogram and playback, event list,
   legend and popups. Article text is untrusted: it only ever reaches the page through
   textContent (never innerHTML), and links only through an http(s) check. Dates are whole
   UTC days, so every viewer sees the same day wherever the browser's clock is set. */
window.karamapApp = function (map, data, opts) {
  "use strict";
  var DAY = 86400000;
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"];
  var MON = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  var ALWAYS_FROM = -2147483647, ALWAYS_TO = 2147483647;
  var GEO_WORDS = {1: "the place itself", 2: "near or part of the place", 3: "a larger region"};
  var S = data.S, ev = data.ev, n = ev.q.length, epoch = data.epoch;

  /* ---------- small helpers ---------- */
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function utc(d) { return new Date(d * DAY); }
  function fmtDay(d) { var t = utc(d); return t.getUTCDate() + " " + MONTHS[t.getUTCMonth()] + " " + t.getUTCFullYear(); }
  function fmtShort(d) { var t = utc(d); return t.getUTCDate() + " " + MON[t.getUTCMonth()] + " " + t.getUTCFullYear(); }
  function isoDay(d) { return utc(d).toISOString().slice(0, 10); }
  function parseDay(iso) {
    return Math.round(Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / DAY);
  }
  function dayOf(y, m, d) { return Math.round(Date.UTC(y, m, d) / DAY); }
  function fmtSpan(s, e, precision) {
    if (s === ALWAYS_FROM) return "undated";
    var a = utc(s), b = utc(e + 1);
    var wholeYear = a.getUTCMonth() === 0 && a.getUTCDate() === 1 && b.getUTCMonth() === 0 && b.getUTCDate() === 1;
    var wholeMonth = a.getUTCDate() === 1 && b.getUTCDate() === 1;
    if (wholeYear && b.getUTCFullYear() === a.getUTCFullYear() + 1) return String(a.getUTCFullYear());
    if (wholeMonth && dayOf(a.getUTCFullYear(), a.getUTCMonth() + 1, 1) === e + 1) {
      return MONTHS[a.getUTCMonth()] + " " + a.getUTCFullYear();
    }
    if (s === e) return fmtDay(s);
    if (wholeYear) return a.getUTCFullYear() + " – " + (b.getUTCFullYear() - 1);
    return fmtDay(s) + " – " + fmtDay(e);
  }
  function safeUrl(u) {
    if (typeof u !== "string") return null;
    u = u.trim();
    return /^https?:\/\/[^\s<>"]+$/i.test(u) ? u : null;
  }
  function str(i) { return i > 0 ? S[i] : ""; }
  function words(text, max) {
    if (text.length <= max) return text;
    var cut = text.slice(0, max), sp = cut.lastIndexOf(" ");
    return (sp > max * 0.6 ? cut.slice(0, sp) : cut) + "…";
  }

  /* ---------- events as typed arrays ---------- */
  var LAT = Float64Array.from(ev.y), LON = Float64Array.from(ev.x);
  var T = Int32Array.from(ev.t), START = new Int32Array(n), END = new Int32Array(n);
  var FLAGS = Int32Array.from(ev.f);
  for (var i = 0; i < n; i++) {
    if (ev.s[i] === null) { START[i] = ALWAYS_FROM; END[i] = ALWAYS_TO; }
    else { START[i] = ev.s[i] + epoch; END[i] = START[i] + ev.e[i]; }
  }
  function tp(i) { return FLAGS[i] & 3; }          // ACLED time precision 1..3
  function inferredTime(i) { return (FLAGS[i] >> 2) & 1; }
  function gp(i) { return (FLAGS[i] >> 3) & 3; }   // ACLED geo precision 1..3
  function statedPlace(i) { return (FLAGS[i] >> 5) & 1; }

  // A type may start hidden (statements: what was said, not what happened), until switched on in the legend.
  var types = data.types.map(function (t, k) {
    return {name: t[0], label: t[1], color: t[2], count: 0, on: !t[3], hidden: !!t[3], k: k};
  });
  for (i = 0; i < n; i++) types[T[i]].count++;

  /* ---------- time domain and bins ---------- */
  var lo = Infinity, hi = -Infinity;
  for (i = 0; i < n; i++) {
    if (START[i] === ALWAYS_FROM) continue;
    if (START[i] < lo) lo = START[i];
    if (END[i] > hi) hi = END[i];
  }
  var dated = lo !== Infinity;
  if (!dated) { lo = hi = Math.floor(Date.now() / DAY); }
  function floorTo(d, unit) {
    var t = utc(d);
    if (unit === "day") return d;
    if (unit === "week") return d - (((d + 3) % 7) + 7) % 7;  // weeks start on Monday
    if (unit === "month") return dayOf(t.getUTCFullYear(), t.getUTCMonth(), 1);
    return dayOf(t.getUTCFullYear(), 0, 1);
  }
  function nextEdge(d, unit) {
    var t = utc(d);
    if (unit === "day") return d + 1;
    if (unit === "week") return d + 7;
    if (unit === "month") return dayOf(t.getUTCFullYear(), t.getUTCMonth() + 1, 1);
    return dayOf(t.getUTCFullYear() + 1, 0, 1);
  }
  var dataLo = lo, dataHi = hi;
  // The histogram's domain: all the data, or the range the user zoomed the histogram to.
  var unit, edges, total, nbins, counts, maxCount, BIN = new Int32Array(n);
  function binOf(d) {
    var a = 0, b = nbins - 1;
    while (a < b) { var m = (a + b + 1) >> 1; if (edges[m] <= d) a = m; else b = m - 1; }
    return a;
  }
  function recount() {
    // Events per bin by their start, of the types shown; the scale stays that of all types.
    counts.fill(0);
    for (var e = 0; e < n; e++) if (BIN[e] >= 0 && types[T[e]].on) counts[BIN[e]]++;
  }
  function setDomain(a, b) {
    var span = b - a + 1;
    unit = span <= 62 ? "day" : span <= 548 ? "week" : span <= 5479 ? "month" : "year";
    edges = [floorTo(a, unit)];
    while (edges[edges.length - 1] <= b) edges.push(nextEdge(edges[edges.length - 1], unit));
    lo = edges[0];
    hi = edges[edges.length - 1] - 1;
    total = hi - lo + 1;
    nbins = edges.length - 1;
    counts = new Int32Array(nbins);
    for (var e = 0; e < n; e++) {
      BIN[e] = START[e] === ALWAYS_FROM || START[e] < lo || START[e] > hi ? -1 : binOf(START[e]);
    }
    var on = types.map(function (t) { var was = t.on; t.on = true; return was; });
    recount();
    maxCount = 1;
    for (var k = 0; k < nbins; k++) if (counts[k] > maxCount) maxCount = counts[k];
    types.forEach(function (t, k2) { t.on = on[k2]; });
    recount();
  }
  setDomain(dataLo, dataHi);
  var fullLo = lo, fullHi = hi;
  function fmtEdge(d) {
    var t = utc(d);
    if (unit === "year") return String(t.getUTCFullYear());
    if (unit === "month") return MON[t.getUTCMonth()] + " " + t.getUTCFullYear();
    return fmtShort(d);
  }

  var state = {from: lo, to: hi, playing: false, speed: 1, timer: null, selected: -1};
  var visible = new Int32Array(n), nvisible = 0;

  /* ---------- the canvas events layer ---------- */
  map.createPane("kmBase").style.zIndex = 150;
  map.createPane("kmLabels").style.zIndex = 160;   // under the online tiles (200)
  map.getPane("kmLabels").style.pointerEvents = "none";
  map.createPane("kmOutlines").style.zIndex = 390;
  map.createPane("kmPlaces").style.zIndex = 410;
  map.createPane("kmEvents").style.zIndex = 450;
  map.getPane("kmEvents").style.pointerEvents = "none";
  // Events come from gazetteer points, so many share a location: each distinct point is
  // projected once, and aggregation counts locations, not events, wherever it can.
  var LOC = new Int32Array(n), locIds = new Map(), nloc = 0, LOCX0 = [], LOCY0 = [];
  var PX = new Float64Array(n), PY = new Float64Array(n), SX = new Float32Array(n), SY = new Float32Array(n);
  for (i = 0; i < n; i++) {
    var lkey = Math.round(LAT[i] * 1e4) * 4e6 + Math.round(LON[i] * 1e4), l0 = locIds.get(lkey);
    if (l0 === undefined) {
      var p0 = map.project([LAT[i], LON[i]], 0);
      l0 = nloc++; locIds.set(lkey, l0); LOCX0.push(p0.x); LOCY0.push(p0.y);
    }
    LOC[i] = l0; PX[i] = LOCX0[l0]; PY[i] = LOCY0[l0];
  }
  locIds = null;
  var LOCX = Float64Array.from(LOCX0), LOCY = Float64Array.from(LOCY0);
  var LSX = new Float64Array(nloc), LSY = new Float64Array(nloc), LKEY = new Float64Array(nloc), KEYS = new Float64Array(n);
  // The top solid style at each location, and a stamp per location and style (up to 16 MB; else a Set).
  var LTOP = new Int32Array(nloc), stamp = 0;
  var STAMP = nloc * types.length * 3 <= (1 << 22) ? new Int32Array(nloc * types.length * 3) : null;
  LOCX0 = LOCY0 = null;

  /* ---------- aggregation: clusters on a grid fixed to the world, of the events that pass the filter ---------- */
  // With many events shown and the map zoomed out, events are counted in cells of CELL px
  // (a cluster: its number, a ring of its types' shares, at its events' mean position);
  // from SINGLE_ZOOM on, or with fewer than AGGREGATE_FROM events shown, every event is drawn.
  // The grid is fixed to the world, so panning moves clusters with the map and never regroups them.
  var CELL = 64, SINGLE_ZOOM = 10, AGGREGATE_FROM = 2000;
  var grids = {}, agg = null, aggDirty = true, aggZoom = null;
  function gridAt(zoom) {
    var g = grids[zoom];
    if (g) return g;
    var scale = Math.pow(2, zoom) / CELL, cellOf = new Int32Array(nloc), ids = new Map(), m = 0;
    for (var l = 0; l < nloc; l++) {
      var key = Math.floor(LOCX[l] * scale) * 67108864 + Math.floor(LOCY[l] * scale), c = ids.get(key);
      if (c === undefined) { c = m++; ids.set(key, c); }
      cellOf[l] = c;
    }
    var nt = types.length;
    g = grids[zoom] = {zoom: zoom, cellOf: cellOf, ncells: m, count: new Int32Array(m), first: new Int32Array(m),
      byType: new Int32Array(m * nt), locN: new Int32Array(nloc), cx: new Float64Array(m), cy: new Float64Array(m),
      x0: new Float64Array(m), x1: new Float64Array(m), y0: new Float64Array(m), y1: new Float64Array(m), cells: []};
    return g;
  }
  function aggregate() {
    // The clusters of the events shown now (time filter and legend), at the map's zoom; null: single events.
    aggDirty = false;
    var zoom = aggZoom = Math.round(map.getZoom());
    if (nvisible < AGGREGATE_FROM || zoom >= SINGLE_ZOOM) { agg = null; return; }
    var g = gridAt(zoom), nt = types.length, cellOf = g.cellOf, count = g.count, byType = g.byType, locN = g.locN;
    count.fill(0); byType.fill(0); locN.fill(0);
    var j, e, l, c;
    for (j = 0; j < nvisible; j++) {
      e = visible[j]; l = LOC[e]; c = cellOf[l];
      if (count[c]++ === 0) g.first[c] = e;
      byType[c * nt + T[e]]++;
      locN[l]++;
    }
    g.cx.fill(0); g.cy.fill(0); g.x0.fill(Infinity); g.y0.fill(Infinity); g.x1.fill(-Infinity); g.y1.fill(-Infinity);
    for (l = 0; l < nloc; l++) {
      if (!locN[l]) continue;
      c = cellOf[l];
      g.cx[c] += LOCX[l] * locN[l]; g.cy[c] += LOCY[l] * locN[l];
      if (LOCX[l] < g.x0[c]) g.x0[c] = LOCX[l];
      if (LOCX[l] > g.x1[c]) g.x1[c] = LOCX[l];
      if (LOCY[l] < g.y0[c]) g.y0[c] = LOCY[l];
      if (LOCY[l] > g.y1[c]) g.y1[c] = LOCY[l];
    }
    var cells = [];
    for (c = 0; c < g.ncells; c++) {
      if (!count[c]) continue;
      g.cx[c] /= count[c]; g.cy[c] /= count[c];
      cells.push(c);
    }
    // The smaller clusters first: a big one drawn last stays whole where two touch.
    cells.sort(function (a, b) { return count[a] - count[b]; });
    g.cells = cells;
    agg = g;
  }
  function clusterRadius(count) { return 9 + 5 * Math.log10(count); }
  function shortCount(k) {
    if (k < 1000) return String(k);
    if (k < 10000) return (Math.floor(k / 100) / 10) + "k";
    return Math.floor(k / 1000) + "k";
  }
  var drawnClusters = [];   // [x, y, radius, cell] on the screen, top last
  var RADIUS = 5.5, stacks = [], stackGrid = null, stackFirst = null, touched = [];
  var badges = {};
  function badge(label, ratio) {
    // The number of events stacked on one spot, as a dark pill with a white edge (cached).
    var key = label + "@" + ratio;
    if (badges[key]) return badges[key];
    var c = document.createElement("canvas"), g = c.getContext("2d");
    g.font = "600 10px system-ui, sans-serif";
    var w = Math.max(15, Math.ceil(g.measureText(label).width) + 7), h = 13;
    c.width = Math.ceil((w + 2) * ratio); c.height = Math.ceil((h + 2) * ratio);
    g = c.getContext("2d");
    g.scale(ratio, ratio);
    g.beginPath();
    if (g.roundRect) g.roundRect(1, 1, w, h, h / 2); else g.rect(1, 1, w, h);
    g.fillStyle = "#1d2731"; g.fill();
    g.lineWidth = 1; g.strokeStyle = "#ffffff"; g.stroke();
    g.font = "600 10px system-ui, sans-serif"; g.textAlign = "center"; g.textBaseline = "middle";
    g.fillStyle = "#ffffff"; g.fillText(label, 1 + w / 2, 1 + h / 2 + 0.5);
    return (badges[key] = c);
  }
  function drawOne(ctx, e, x, y) {
    // One event as the single-event view draws it: solid (a day), faded (a week or a range), hollow (coarser).
    var t = tp(e), color = types[T[e]].color;
    ctx.beginPath(); ctx.arc(x, y, RADIUS, 0, 2 * Math.PI);
    if (t >= 3) {
      ctx.lineWidth = 2.2; ctx.strokeStyle = color; ctx.globalAlpha = 0.95; ctx.stroke();
    } else {
      ctx.globalAlpha = t === 2 ? 0.45 : 0.9; ctx.fillStyle = color; ctx.fill();
      ctx.globalAlpha = t === 2 ? 0.6 : 1; ctx.lineWidth = 1; ctx.strokeStyle = "#ffffff"; ctx.stroke();
    }
    ctx.globalAlpha = 1;
  }
  var EventsLayer = L.Layer.extend({
    onAdd: function (m) {
      this._canvas = L.DomUtil.create("canvas", "km-events-canvas leaflet-zoom-hide");
      m.getPane("kmEvents").appendChild(this._canvas);
      m.on("moveend zoomend resize viewreset", this._reset, this);
      this._reset();
    },
    onRemove: function (m) {
      L.DomUtil.remove(this._canvas);
      m.off("moveend zoomend resize viewreset", this._reset, this);
      this._canvas = null;
    },
    _reset: function () {
      if (!this._canvas) return;
      var size = map.getSize(), r = window.devicePixelRatio || 1, c = this._canvas;
      c.width = Math.round(size.x * r); c.height = Math.round(size.y * r);
      c.style.width = size.x + "px"; c.style.height = size.y + "px";
      L.DomUtil.setPosition(c, map.containerPointToLayerPoint([0, 0]));
      this.redraw();
    },
    redraw: function () {
      var c = this._canvas;
      if (!c) return;
      var ctx = c.getContext("2d"), r = window.devicePixelRatio || 1;
      ctx.setTransform(r, 0, 0, r, 0, 0);
      ctx.clearRect(0, 0, c.width, c.height);
      var scale = map.getZoomScale(map.getZoom(), 0), origin = map.getPixelOrigin();
      var tl = map.containerPointToLayerPoint([0, 0]);
      var ox = origin.x + tl.x, oy = origin.y + tl.y, w = c.width / r, h = c.height / r;
      if (aggDirty || aggZoom !== Math.round(map.getZoom())) aggregate();
      stacks = [];
      drawnClusters = [];
      if (agg) this._clusters(ctx, scale, ox, oy, w, h);
      else this._events(ctx, r, scale, ox, oy, w, h);
      this._selected(ctx, scale, ox, oy);
    },
    _clusters: function (ctx, scale, ox, oy, w, h) {
      var g = agg, nt = types.length, cells = g.cells;
      ctx.textAlign = "center"; ctx.textBaseline = "middle";
      for (var k = 0; k < cells.length; k++) {
        var cell = cells[k], count = g.count[cell], x = g.cx[cell] * scale - ox, y = g.cy[cell] * scale - oy;
        var rad = count === 1 ? RADIUS : clusterRadius(count);
        if (x < -rad || y < -rad || x > w + rad || y > h + rad) continue;
        drawnClusters.push([x, y, rad, cell]);
        if (count === 1) { drawOne(ctx, g.first[cell], x, y); continue; }
        // A ring in the shares of the event types, a white disc with the number inside.
        var a = -Math.PI / 2;
        for (var t = 0; t < nt; t++) {
          var part = g.byType[cell * nt + t];
          if (!part) continue;
          var sweep = 2 * Math.PI * part / count;
          ctx.beginPath();
          ctx.moveTo(x, y);
          ctx.arc(x, y, rad, a, a + sweep);
          ctx.closePath();
          ctx.fillStyle = types[t].color; ctx.fill();
          a += sweep;
        }
        ctx.beginPath(); ctx.arc(x, y, rad - 4.5, 0, 2 * Math.PI);
        ctx.fillStyle = "rgba(255,255,255,0.93)"; ctx.fill();
        ctx.beginPath(); ctx.arc(x, y, rad, 0, 2 * Math.PI);
        ctx.lineWidth = 1; ctx.strokeStyle = "#ffffff"; ctx.stroke();
        ctx.font = (count >= 1000 ? "700 12px" : "700 11px") + " system-ui, sans-serif";
        ctx.fillStyle = "#1d2731"; ctx.fillText(shortCount(count), x, y + 0.5);
      }
    },
    _events: function (ctx, r, scale, ox, oy, w, h) {
      var nb = types.length * 3, buckets = [], k, j, b, seen = new Set(), topSolid = new Map(), keys = KEYS, l;
      for (k = 0; k < nb; k++) buckets.push([]);
      // Where each location falls on the screen, once per location (-1: off the screen).
      for (l = 0; l < nloc; l++) {
        var lx = LOCX[l] * scale - ox, ly = LOCY[l] * scale - oy;
        LSX[l] = lx; LSY[l] = ly; LTOP[l] = -1;
        LKEY[l] = lx < -10 || ly < -10 || lx > w + 10 || ly > h + 10 ? -1 : (Math.round(lx) + 16) * 8192 + Math.round(ly) + 16;
      }
      // Many events share a place. A marker identical to one already on the same pixel, or
      // under a solid marker drawn later on that pixel, adds nothing to the picture, only to
      // the time the browser takes to paint. The first pass keeps the first event of each
      // location and marker style (typed arrays: thousands of events a place cost no map
      // lookups) and the top solid style of each location; then the top solid marker of
      // each pixel is found, and the second pass draws what can still be seen.
      var firsts = [], slotSeen = STAMP ? null : new Set();
      stamp++;
      for (j = 0; j < nvisible; j++) {
        var e = visible[j], le = LOC[e], pixel = LKEY[le];
        SX[j] = LSX[le]; SY[j] = LSY[le];
        keys[j] = pixel;
        if (pixel < 0) continue;
        var t = tp(e), bucket = T[e] * 3 + (t >= 3 ? 2 : t === 2 ? 1 : 0), slot = le * nb + bucket;
        if (t <= 1 && T[e] * 3 > LTOP[le]) LTOP[le] = T[e] * 3;
        if (STAMP) { if (STAMP[slot] === stamp) continue; STAMP[slot] = stamp; }
        else { if (slotSeen.has(slot)) continue; slotSeen.add(slot); }
        firsts.push(j);
      }
      for (l = 0; l < nloc; l++) {
        if (LTOP[l] < 0) continue;
        var top = topSolid.get(LKEY[l]);
        if (top === undefined || LTOP[l] > top) topSolid.set(LKEY[l], LTOP[l]);
      }
      for (k = 0; k < firsts.length; k++) {
        j = firsts[k];
        var e2 = visible[j], t2 = tp(e2), bucket2 = T[e2] * 3 + (t2 >= 3 ? 2 : t2 === 2 ? 1 : 0);
        var cover = topSolid.get(keys[j]);
        if (cover !== undefined && bucket2 < cover) continue;
        var key = keys[j] * 64 + bucket2;
        if (seen.has(key)) continue;
        seen.add(key);
        buckets[bucket2].push(j);
      }
      for (k = 0; k < buckets.length; k++) {
        b = buckets[k];
        if (!b.length) continue;
        var color = types[(k / 3) | 0].color, style = k % 3;
        ctx.beginPath();
        for (j = 0; j < b.length; j++) {
          ctx.moveTo(SX[b[j]] + RADIUS, SY[b[j]]);
          ctx.arc(SX[b[j]], SY[b[j]], RADIUS, 0, 2 * Math.PI);
        }
        if (style === 2) {            // month or coarser: hollow ring, no false day
          ctx.lineWidth = 2.2; ctx.strokeStyle = color; ctx.globalAlpha = 0.95; ctx.stroke();
        } else {
          ctx.globalAlpha = style === 1 ? 0.45 : 0.9;  // a week or a range: faded
          ctx.fillStyle = color; ctx.fill();
          ctx.globalAlpha = style === 1 ? 0.6 : 1;
          ctx.lineWidth = 1; ctx.strokeStyle = "#ffffff"; ctx.stroke();
        }
      }
      ctx.globalAlpha = 1;
      // Events stacked on one spot: a badge with their number (the popup steps through them).
      // Counted on a grid of 4 px cells in typed arrays: a Map here cost more than the drawing.
      var gw = Math.ceil(w / 4) + 8, gh = Math.ceil(h / 4) + 8;
      if (!stackGrid || stackGrid.length < gw * gh) { stackGrid = new Int32Array(gw * gh); stackFirst = new Int32Array(gw * gh); }
      var multi = [];
      for (j = 0; j < nvisible; j++) {
        if (keys[j] < 0) continue;
        var cell = (Math.round(SY[j] / 4) + 4) * gw + Math.round(SX[j] / 4) + 4;
        var c0 = stackGrid[cell]++;
        if (c0 === 0) { stackFirst[cell] = j; touched.push(cell); }
        else if (c0 === 1) multi.push(cell);
      }
      // Each badge is a small image drawn once per number and then only copied: hundreds of
      // badges cost hundreds of copies, not hundreds of text layouts.
      multi.forEach(function (cell) {
        var f = stackFirst[cell], st = [SX[f], SY[f], stackGrid[cell]];
        stacks.push(st);
        var img = badge(st[2] > 999 ? "999+" : String(st[2]), r);
        ctx.drawImage(img, st[0] + RADIUS - 1, st[1] - RADIUS - 6, img.width / r, img.height / r);
      });
      for (j = 0; j < touched.length; j++) stackGrid[touched[j]] = 0;
      touched.length = 0;
    },
    _selected: function (ctx, scale, ox, oy) {
      var sel = state.selected;
      if (sel >= 0 && isVisible(sel)) {
        var sx = PX[sel] * scale - ox, sy = PY[sel] * scale - oy;
        ctx.beginPath(); ctx.arc(sx, sy, RADIUS + 4, 0, 2 * Math.PI);
        ctx.lineWidth = 3; ctx.strokeStyle = "#111111"; ctx.stroke();
        ctx.beginPath(); ctx.arc(sx, sy, RADIUS + 4, 0, 2 * Math.PI);
        ctx.lineWidth = 1.2; ctx.strokeStyle = "#ffffff"; ctx.stroke();
      }
    }
  });
  function isVisible(e) {
    return types[T[e]].on && START[e] <= state.to && END[e] >= state.from;
  }
  function clusterAt(point) {
    // The cluster under ``point`` (the top one): an index into drawnClusters, or -1.
    for (var k = drawnClusters.length - 1; k >= 0; k--) {
      var d = drawnClusters[k], dx = d[0] - point.x, dy = d[1] - point.y, reach = d[2] + 2;
      if (dx * dx + dy * dy < reach * reach) return k;
    }
    return -1;
  }
  function hitTest(point) {
    // The event under ``point``, -1 for none, -2 for a cluster of several (a click zooms into it).
    if (agg) {
      var k0 = clusterAt(point);
      return k0 < 0 ? -1 : agg.count[drawnClusters[k0][3]] === 1 ? agg.first[drawnClusters[k0][3]] : -2;
    }
    var best = -1, bestD = (RADIUS + 3) * (RADIUS + 3);
    for (var j = nvisible - 1; j >= 0; j--) {   // last drawn lies on top
      var dx = SX[j] - point.x, dy = SY[j] - point.y, d = dx * dx + dy * dy;
      if (d < bestD) { bestD = d; best = visible[j]; }
    }
    return best;
  }
  function hitsAt(point) {
    // Every event under the pointer, the top one first: events often share a place.
    var out = [], reach = (RADIUS + 3) * (RADIUS + 3);
    for (var j = nvisible - 1; j >= 0; j--) {
      var dx = SX[j] - point.x, dy = SY[j] - point.y;
      if (dx * dx + dy * dy < reach) out.push(visible[j]);
    }
    return out;
  }

  /* ---------- popups (DOM built with textContent only) ---------- */
  function row(parent, label, value) {
    if (!value) return;
    var r = el("div", "km-pop-row");
    r.appendChild(el("span", "km-pop-label", label + " "));
    r.appendChild(el("span", null, value));
    parent.appendChild(r);
  }
  function sourceBlock(parent, d) {
    var doc = data.docs[d];
    if (!doc) return;
    var box = el("div", "km-pop-source"), url = safeUrl(doc[1]);
    box.appendChild(el("span", "km-pop-label", "Source "));
    var title = doc[0] || doc[3] || "(untitled article)";
    if (url) {
      var a = el("a", null, title);
      a.href = url; a.target = "_blank"; a.rel = "noopener noreferrer nofollow";
      box.appendChild(a);
    } else {
      box.appendChild(el("span", "km-pop-title", title));
    }
    var bits = [];
    if (doc[3]) bits.push(doc[3]);
    if (doc[2]) bits.push(fmtDay(parseDay(doc[2])));
    if (bits.length) box.appendChild(el("span", "km-pop-muted", " · " + bits.join(", ")));
    if (!url && doc[1]) box.appendChild(el("div", "km-pop-muted km-pop-url", doc[1]));
    parent.appendChild(box);
  }
  function eventPopup(e) {
    var box = el("div", "km-pop"), t = types[T[e]];
    var head = el("div", "km-pop-head");
    var sw = el("span", "km-swatch"); sw.style.background = t.color;
    head.appendChild(sw); head.appendChild(el("strong", null, t.label));
    box.appendChild(head);
    var when = fmtSpan(START[e], END[e], str(ev.p[e]));
    var prec = str(ev.p[e]) || "unknown";
    row(box, "When", START[e] === ALWAYS_FROM ? "no date found (shown at every date)" :
      when + " (" + prec + " precision; " + (inferredTime(e) ? "inferred from the article" : "stated") + ")");
    row(box, "Where", (str(ev.pn[e]) || "unnamed place") + " (" + GEO_WORDS[gp(e)] + "; " +
      (statedPlace(e) ? "named in the sentence" : "inferred from the article") + ")");
    // Who acted and who was acted on, when the events carry them; else the parties named.
    var fields = data.fields || [], roles = false;
    fields.forEach(function (f) { if (f[0] === "Actor" && f[1][e]) roles = true; });
    if (!roles) row(box, "Actors", str(ev.a[e]));
    fields.forEach(function (f) { row(box, f[0], str(f[1][e])); });
    row(box, "According to", str(ev.at[e]));
    box.appendChild(el("blockquote", "km-pop-quote", ev.q[e]));
    sourceBlock(box, ev.d[e]);
    return box;
  }
  function placePopup(j) {
    var p = data.places[j], box = el("div", "km-pop");
    box.appendChild(el("div", "km-pop-head", p.name)).className = "km-pop-head km-pop-name";
    row(box, "Kind", p.feature + (p.country ? " · " + p.country : "") + (p.approx ? " · approximate position" : ""));
    row(box, "Mentions", p.n + (p.nd > 1 ? " in " + p.nd + " articles" : ""));
    row(box, "Named as", p.names);
    row(box, "Id", p.id);
    return box;
  }
  function regionPopup(rg) {
    var box = el("div", "km-pop");
    box.appendChild(el("div", "km-pop-head km-pop-name", rg.name));
    row(box, "Group of", rg.members.length + " places");
    var ul = el("ul", "km-pop-members");
    rg.members.forEach(function (m) { ul.appendChild(el("li", null, m[2])); });
    box.appendChild(ul);
    row(box, "Mentions", String(rg.n));
    return box;
  }
  // Pan clear of the title box and zoom buttons that float over the map's top left.
  var PAN = {autoPanPaddingTopLeft: L.point(70, 60), autoPanPaddingBottomRight: L.point(20, 20)};
  var popup = L.popup(L.extend({maxWidth: 360, minWidth: 220, className: "km-popup"}, PAN));
  function stackNav(group, k) {
    var nav = el("div", "km-pop-nav");
    var prev = el("button", "km-pop-step", "‹"), next = el("button", "km-pop-step", "›");
    prev.type = next.type = "button";
    prev.setAttribute("aria-label", "Previous event here");
    next.setAttribute("aria-label", "Next event here");
    prev.addEventListener("click", function () { openEvent(group[(k + group.length - 1) % group.length], false, group); });
    next.addEventListener("click", function () { openEvent(group[(k + 1) % group.length], false, group); });
    nav.appendChild(prev);
    nav.appendChild(el("span", "km-pop-count", (k + 1) + " of " + group.length + " events here"));
    nav.appendChild(next);
    L.DomEvent.disableClickPropagation(nav);
    return nav;
  }
  function fitPopup(p, widest) {
    // A popup never wider than the map (a phone): Leaflet cannot pan a wider one into view.
    var room = Math.max(160, map.getSize().x - 90);  // the content; the frame adds about 30 px
    p.options.maxWidth = Math.min(widest, room);
    p.options.minWidth = Math.min(220, room);
  }
  function openEvent(e, fly, group) {
    state.selected = e;
    fitPopup(popup, 360);
    var ll = L.latLng(LAT[e], LON[e]), content = eventPopup(e);
    if (group && group.length > 1) content.insertBefore(stackNav(group, group.indexOf(e)), content.firstChild);
    popup.setLatLng(ll).setContent(content);
    popup.options.autoPan = !fly;
    popup.openOn(map);
    if (fly) {
      // Panning for the popup would cut the flight short: pan once it has landed
      // (_adjustPan is Leaflet 1.9.3's own; karamap pins that version).
      map.once("moveend", function () {
        if (map.hasLayer(popup) && typeof popup._adjustPan === "function") {
          popup.options.autoPan = true;
          popup._adjustPan();
        }
      });
      // Close enough to see the event itself, not the cluster it would be counted in.
      map.flyTo(ll, Math.max(map.getZoom(), nvisible >= AGGREGATE_FROM ? SINGLE_ZOOM : 8), {duration: 0.6});
    }
    eventsLayer.redraw();
    list.markSelected();
  }
  function openCluster(cell) {
    var g = agg;
    if (g.count[cell] === 1) { openEvent(g.first[cell], false); return; }
    var zoom = Math.round(map.getZoom());
    var sw = map.unproject([g.x0[cell], g.y1[cell]], 0), ne = map.unproject([g.x1[cell], g.y0[cell]], 0);
    var target = Math.min(SINGLE_ZOOM, Math.max(zoom + 1, map.getBoundsZoom(L.latLngBounds(sw, ne).pad(0.2))));
    map.setView(map.unproject([g.cx[cell], g.cy[cell]], 0), target);
  }
  map.on("popupclose", function (ev2) {
    if (ev2.popup === popup) { state.selected = -1; eventsLayer.redraw(); list.markSelected(); }
  });

  // Places and groups lie under the events: an event under the pointer wins the click
  // (the map's own click handler opens it), else the place's popup opens.
  var infoPopup = L.popup(L.extend({maxWidth: 320, className: "km-popup"}, PAN));
  function openInfo(e, content) {
    if (map.hasLayer(eventsLayer) && hitTest(e.containerPoint) !== -1) return;
    fitPopup(infoPopup, 320);
    infoPopup.setLatLng(e.latlng).setContent(content).openOn(map);
  }

  /* ---------- base layers: countries, places, groups ---------- */
  function rings(flat) {
    var out = [];
    for (var k = 0; k < flat.length; k += 2) out.push([flat[k], flat[k + 1]]);
    return out;
  }
  function latlngs(poly) { return poly.map(function (p) { return p.map(rings); }); }
  var baseRenderer = L.canvas({pane: "kmBase", padding: 0.5});
  var basemap = L.featureGroup();
  data.basemap.forEach(function (c) {
    L.polygon(c.map(rings), {renderer: baseRenderer, pane: "kmBase", interactive: false, color: "#a9a293",
      weight: 0.7, fillColor: "#f3f0e8", fillOpacity: 1}).addTo(basemap);
  });
  /* Names on the basemap (countries, capitals, cities; data.labels: [lat, lon, name, kind,
     min zoom]), drawn on a canvas under the online tiles: when tiles load they cover the
     names, when they cannot load the basemap stays readable. Most important first; a name
     that would overlap one already drawn is skipped. */
  var LABELS = data.labels || [];
  var LPX = new Float64Array(LABELS.length), LPY = new Float64Array(LABELS.length);
  for (i = 0; i < LABELS.length; i++) {
    var lp = map.project([LABELS[i][0], LABELS[i][1]], 0);
    LPX[i] = lp.x; LPY[i] = lp.y;
  }
  var LABEL_FONTS = ["600 12px system-ui, sans-serif", "600 11.5px system-ui, sans-serif", "11px system-ui, sans-serif"];
  var LABEL_INK = ["#6d6657", "#2f3336", "#3f4448"];
  var labelsDrawn = [];
  var LabelsLayer = L.Layer.extend({
    onAdd: function (m) {
      this._canvas = L.DomUtil.create("canvas", "km-labels-canvas leaflet-zoom-hide");
      m.getPane("kmLabels").appendChild(this._canvas);
      m.on("moveend zoomend resize viewreset", this._reset, this);
      this._reset();
    },
    onRemove: function (m) {
      L.DomUtil.remove(this._canvas);
      m.off("moveend zoomend resize viewreset", this._reset, this);
      this._canvas = null;
      labelsDrawn = [];
    },
    _reset: function () {
      if (!this._canvas) return;
      var size = map.getSize(), r = window.devicePixelRatio || 1, c = this._canvas;
      c.width = Math.round(size.x * r); c.height = Math.round(size.y * r);
      c.style.width = size.x + "px"; c.style.height = size.y + "px";
      L.DomUtil.setPosition(c, map.containerPointToLayerPoint([0, 0]));
      var ctx = c.getContext("2d");
      ctx.setTransform(r, 0, 0, r, 0, 0);
      ctx.clearRect(0, 0, size.x, size.y);
      var zoom = map.getZoom(), scale = map.getZoomScale(zoom, 0), origin = map.getPixelOrigin();
      var tl = map.containerPointToLayerPoint([0, 0]), ox = origin.x + tl.x, oy = origin.y + tl.y;
      var boxes = [];
      labelsDrawn = [];
      ctx.textBaseline = "middle"; ctx.lineJoin = "round";
      for (var k = 0; k < LABELS.length; k++) {
        var lb = LABELS[k];
        if (lb[4] > zoom) continue;
        var x = LPX[k] * scale - ox, y = LPY[k] * scale - oy;
        if (x < -60 || y < -20 || x > size.x + 60 || y > size.y + 20) continue;
        var kind = lb[3];
        ctx.font = LABEL_FONTS[kind];
        var w = ctx.measureText(lb[2]).width, h = 14;
        // Countries are centred on their point; places sit to the right of a dot.
        var bx = kind === 0 ? x - w / 2 : x + 5, by = y - h / 2;
        var hit = false;
        for (var b = 0; b < boxes.length && !hit; b++) {
          var o = boxes[b];
          hit = bx < o[2] && bx + w > o[0] && by < o[3] && by + h > o[1];
        }
        if (hit) continue;
        boxes.push([bx - 3, by - 1, bx + w + 3, by + h + 1]);
        labelsDrawn.push(lb[2]);
        ctx.lineWidth = 3; ctx.strokeStyle = "rgba(255,255,255,0.9)";
        ctx.strokeText(lb[2], bx, y);
        ctx.fillStyle = LABEL_INK[kind];
        ctx.fillText(lb[2], bx, y);
        if (kind !== 0) {
          ctx.beginPath(); ctx.arc(x, y, kind === 1 ? 2.6 : 2, 0, 2 * Math.PI);
          ctx.fillStyle = LABEL_INK[kind]; ctx.fill();
        }
      }
    }
  });
  var labelsLayer = new LabelsLayer();

  var outlineRenderer = L.canvas({pane: "kmOutlines"}), placeRenderer = L.canvas({pane: "kmPlaces"});
  var places = L.featureGroup(), regions = L.featureGroup();
  var maxMentions = data.places.reduce(function (m, p) { return Math.max(m, p.n); }, 1);
  function placeRadius(count) {
    // Area grows with mentions; a corpus with very cited places is scaled down to its busiest.
    return Math.min(4 + 2.2 * Math.sqrt(count), 4 + 10 * Math.sqrt(count / maxMentions));
  }
  data.places.forEach(function (p, j) {
    if (p.geo) {
      L.polygon(latlngs(p.geo), {renderer: outlineRenderer, pane: "kmOutlines", color: "#2b5d8a",
        weight: 1.4, fillColor: "#4a86c5", fillOpacity: 0.07}).on("click", function (e) { openInfo(e, placePopup(j)); })
        .addTo(places);
    }
    var m = L.circleMarker([p.lat, p.lon], {renderer: placeRenderer, pane: "kmPlaces",
      radius: placeRadius(p.n), color: "#1f4e79", weight: 1.2,
      dashArray: p.approx ? "3 2" : null, fillColor: "#6fa8dc", fillOpacity: 0.5});
    m.on("click", function (e) { openInfo(e, placePopup(j)); });
    m.bindTooltip(el("span", null, p.name), {direction: "top"});
    m.addTo(places);
  });
  data.regions.forEach(function (rg) {
    var g = L.featureGroup();
    if (rg.hull) {
      L.polygon(latlngs(rg.hull), {renderer: outlineRenderer, pane: "kmOutlines", color: "#b35806",
        weight: 2, dashArray: "6 4", fillColor: "#fdb863", fillOpacity: 0.12}).addTo(g);
    }
    rg.members.forEach(function (mb) {
      L.circleMarker([mb[0], mb[1]], {renderer: placeRenderer, pane: "kmPlaces", radius: 5, color: "#b35806",
        weight: 1.5, fillColor: "#fdb863", fillOpacity: 0.9}).bindTooltip(el("span", null, mb[2] + " (" + rg.name + ")"))
        .addTo(g);
    });
    g.on("click", function (e) { openInfo(e, regionPopup(rg)); });
    g.addTo(regions);
  });

  var eventsLayer = new EventsLayer();
  basemap.addTo(map);
  labelsLayer.addTo(map);
  regions.addTo(map);
  places.addTo(map);
  eventsLayer.addTo(map);
  var baseLayers = {};
  if (opts.tiles) {
    baseLayers["OpenStreetMap tiles"] = opts.tiles;
    baseLayers["No tiles (country basemap)"] = L.layerGroup();
  }
  L.control.layers(baseLayers, {
    "Country outlines (Natural Earth)": basemap,
    "Country and city names (GeoNames)": labelsLayer,
    "Groups of places": regions,
    "Places (size: mentions)": places,
    "Events": eventsLayer
  }, {collapsed: true, position: "topright"}).addTo(map);
  if (opts.credit) map.attributionControl.addAttribution(opts.credit);
  // The scale at the bottom right, clear of the legend, wide enough for its longest label.
  L.control.scale({position: "bottomright", maxWidth: 130}).addTo(map);

  map.on("click", function (e) {
    if (!map.hasLayer(eventsLayer)) return;
    if (agg) {
      // A cluster opens into its events: the map zooms to them (a cluster of one opens its popup).
      var k = clusterAt(e.containerPoint);
      if (k >= 0) openCluster(drawnClusters[k][3]);
      return;
    }
    var hits = hitsAt(e.containerPoint);
    if (hits.length) openEvent(hits[0], false, hits);
  });
  var hoverPending = false, container = map.getContainer();
  map.on("mousemove", function (e) {
    if (hoverPending) return;
    hoverPending = true;
    requestAnimationFrame(function () {
      hoverPending = false;
      container.classList.toggle("km-over-event", map.hasLayer(eventsLayer) && hitTest(e.containerPoint) !== -1);
    });
  });

  /* ---------- legend ---------- */
  // On a phone the bottom corners belong to the credits and the scale: the legend goes under the zoom buttons.
  var legend = L.control({position: (window.matchMedia && window.matchMedia("(max-width: 760px)").matches)
    ? "topleft" : "bottomleft"});
  legend.onAdd = function () {
    var outer = el("details", "km-legend leaflet-bar");
    outer.open = true;
    outer.appendChild(el("summary", "km-legend-title", "Events by type"));
    var box = el("div", "km-legend-body");
    outer.appendChild(box);
    types.forEach(function (t) {
      if (!t.count) return;
      var b = el("button", "km-legend-item");
      b.type = "button";
      b.setAttribute("aria-pressed", t.on ? "true" : "false");
      b.classList.toggle("km-off", !t.on);
      b.title = (t.hidden ? "Statements are hidden at first: show or hide " : "Show or hide ") + t.label;
      var sw = el("span", "km-swatch"); sw.style.background = t.color;
      b.appendChild(sw); b.appendChild(el("span", null, t.label)); b.appendChild(el("span", "km-legend-n", t.count));
      b.addEventListener("click", function () {
        t.on = !t.on; b.setAttribute("aria-pressed", t.on ? "true" : "false");
        b.classList.toggle("km-off", !t.on); recount(); drawBars(); apply();
      });
      box.appendChild(b);
    });
    var key = el("div", "km-legend-key");
    var keys = [["km-key-day", "exact day"], ["km-key-week", "week or a range (faded)"],
      ["km-key-month", "month or coarser (hollow)"], ["km-key-place", "place (size: mentions)"],
      ["km-key-group", "group of places"]];
    // A map that can aggregate says what a cluster is.
    if (n >= AGGREGATE_FROM) keys.push(["km-key-cluster", "cluster: its number of events, ringed in their types"]);
    keys.forEach(function (k) {
      var it = el("div", "km-key-item"); it.appendChild(el("span", "km-key " + k[0])); it.appendChild(el("span", null, k[1]));
      key.appendChild(it);
    });
    box.appendChild(key);
    L.DomEvent.disableClickPropagation(outer);
    L.DomEvent.disableScrollPropagation(outer);
    return outer;
  };
  legend.addTo(map);

  /* ---------- the time filter ---------- */
  var ui = {
    hist: document.getElementById("km-hist"), bars: document.getElementById("km-bars"),
    sel: document.getElementById("km-sel"), from: document.getElementById("km-from"),
    to: document.getElementById("km-to"), axis: document.getElementById("km-axis"),
    range: document.getElementById("km-range"), play: document.getElementById("km-play"),
    speed: document.getElementById("km-speed"), reset: document.getElementById("km-reset"),
    zoom: document.getElementById("km-zoom"),
    unit: document.getElementById("km-unit"), count: document.getElementById("km-count"),
    list: document.getElementById("km-list"), spacer: document.getElementById("km-list-spacer"),
    title: document.getElementById("km-title"), note: document.getElementById("km-note"),
    empty: document.getElementById("km-empty"), listToggle: document.getElementById("km-list-toggle"),
    sideClose: document.getElementById("km-side-close")
  };
  function setNote(text) { if (ui.note) ui.note.textContent = text; }
  var barEls = [];
  function buildBars() {
    while (ui.bars.firstChild) ui.bars.removeChild(ui.bars.firstChild);
    while (ui.axis.firstChild) ui.axis.removeChild(ui.axis.firstChild);
    barEls = [];
    for (var k = 0; k < nbins; k++) {
      var bar = el("div", "km-bar");
      bar.style.left = ((edges[k] - lo) / total * 100) + "%";
      bar.style.width = ((edges[k + 1] - edges[k]) / total * 100) + "%";
      bar.appendChild(el("div", "km-bar-fill"));
      bar.dataset.bin = String(k);
      ui.bars.appendChild(bar);
      barEls.push(bar);
    }
    var ticks = Math.min(nbins, 6);
    for (k = 0; k < ticks; k++) {
      var k2 = Math.round(k * nbins / ticks), tick = el("span", "km-tick", fmtEdge(edges[k2]));
      tick.style.left = ((edges[k2] - lo) / total * 100) + "%";
      ui.axis.appendChild(tick);
    }
    ui.unit.textContent = "events per " + unit;
    [ui.from, ui.to].forEach(function (h) {
      h.setAttribute("aria-valuemin", String(lo));
      h.setAttribute("aria-valuemax", String(hi));
    });
    var zoomed = lo !== fullLo || hi !== fullHi;
    ui.zoom.textContent = zoomed ? "Full span" : "Zoom to range";
    ui.zoom.setAttribute("aria-pressed", zoomed ? "true" : "false");
    drawBars();
  }
  function drawBars() {
    for (var k = 0; k < nbins; k++) {
      barEls[k].firstChild.style.height = (counts[k] ? Math.max(4, counts[k] / maxCount * 100) : 0) + "%";
      barEls[k].title = fmtEdge(edges[k]) + ": " + counts[k] + " events";
    }
  }
  buildBars();
  ui.bars.addEventListener("click", function (e) {
    var b = e.target.closest(".km-bar");
    if (!b) return;
    var k = +b.dataset.bin;
    setRange(edges[k], edges[k + 1] - 1);
  });
  ui.zoom.addEventListener("click", function () {
    // Zoom the histogram (and the handles' track) to the selected range, or back out.
    stop();
    if (lo !== fullLo || hi !== fullHi) setDomain(dataLo, dataHi);
    else if (state.from !== lo || state.to !== hi) setDomain(state.from, state.to);
    else return;
    buildBars();
    setRange(clamp(state.from, lo, hi), clamp(state.to, lo, hi));
  });

  function frac(edge) { return (edge - lo) / total * 100; }
  function clamp(v, a, b) { return v < a ? a : v > b ? b : v; }
  function setRange(from, to) {
    from = clamp(Math.round(from), lo, hi);
    to = clamp(Math.round(to), from, hi);
    state.from = from; state.to = to;
    apply();
  }
  var ON = new Uint8Array(types.length);
  function apply() {
    var f = state.from, t = state.to, m = 0;
    for (var k = 0; k < types.length; k++) ON[k] = types[k].on ? 1 : 0;
    for (var e = 0; e < n; e++) {
      if (ON[T[e]] && START[e] <= t && END[e] >= f) visible[m++] = e;
    }
    nvisible = m;
    aggDirty = true;
    if (state.selected >= 0 && !isVisible(state.selected)) map.closePopup(popup);
    eventsLayer.redraw();
    drawFilter();
    list.update();
  }
  function drawFilter() {
    var a = frac(state.from), b = frac(state.to + 1);
    ui.from.style.left = a + "%"; ui.to.style.left = b + "%";
    ui.sel.style.left = a + "%"; ui.sel.style.width = (b - a) + "%";
    for (var k = 0; k < nbins; k++) {
      barEls[k].classList.toggle("km-bar-out", edges[k + 1] - 1 < state.from || edges[k] > state.to);
    }
    ui.from.setAttribute("aria-valuenow", String(state.from));
    ui.from.setAttribute("aria-valuetext", fmtDay(state.from));
    ui.to.setAttribute("aria-valuenow", String(state.to));
    ui.to.setAttribute("aria-valuetext", fmtDay(state.to));
    var full = state.from <= fullLo && state.to >= fullHi;
    var text = dated ? (state.from === state.to ? "On " + fmtDay(state.from) : "From " + fmtDay(state.from) + " to " + fmtDay(state.to)) : "No dated events";
    var short = dated ? (state.from === state.to ? fmtShort(state.from) : fmtShort(state.from) + " – " + fmtShort(state.to)) : "Undated";
    // The long form, and a short one that narrow screens show instead (CSS picks).
    while (ui.range.firstChild) ui.range.removeChild(ui.range.firstChild);
    ui.range.appendChild(el("span", "km-range-long", text + (full && dated ? " (all dates)" : "")));
    ui.range.appendChild(el("span", "km-range-short", short + (full && dated ? " (all)" : "")));
    ui.count.textContent = nvisible + " of " + n + " events";
    if (ui.listToggle) ui.listToggle.textContent = "List (" + nvisible + ")";
    if (ui.empty) {
      ui.empty.hidden = nvisible > 0;
      ui.empty.textContent = nvisible > 0 ? "" : dated ? "No events " + (state.from === state.to ? "on " + fmtDay(state.from)
        : "between " + fmtDay(state.from) + " and " + fmtDay(state.to)) + ". Widen the range, or press Reset." : "No events.";
    }
  }
  [[ui.from, "from"], [ui.to, "to"]].forEach(function (h) {
    var handle = h[0], which = h[1];
    handle.addEventListener("pointerdown", function (e) {
      e.preventDefault(); stop(); handle.focus();
      handle.setPointerCapture(e.pointerId);
      handle.classList.add("km-dragging");
      var pending = false, last = null;
      function move(ev2) {
        last = ev2;
        if (pending) return;
        pending = true;
        requestAnimationFrame(function () {
          pending = false;
          var rect = ui.hist.getBoundingClientRect();
          var edge = lo + Math.round(clamp((last.clientX - rect.left) / rect.width, 0, 1) * total);
          if (which === "from") setRange(Math.min(edge, state.to), state.to);
          else setRange(state.from, Math.max(edge - 1, state.from));
        });
      }
      function up() {
        handle.removeEventListener("pointermove", move);
        handle.removeEventListener("pointerup", up);
        handle.removeEventListener("pointercancel", up);
        handle.classList.remove("km-dragging");
      }
      handle.addEventListener("pointermove", move);
      handle.addEventListener("pointerup", up);
      handle.addEventListener("pointercancel", up);
    });
    handle.addEventListener("keydown", function (e) {
      // Arrow keys move the handle one bin (Shift: one day); PageUp/Down ten bins; Home/End the ends.
      var edge = which === "from" ? state.from : state.to + 1, next = null, k;
      var up = e.key === "ArrowRight" || e.key === "ArrowUp", down = e.key === "ArrowLeft" || e.key === "ArrowDown";
      if (up || down) {
        if (e.shiftKey) next = edge + (up ? 1 : -1);
        else {
          k = binOf(clamp(edge, lo, hi));
          if (up) next = edges[Math.min(nbins, edges[k] > edge ? k : k + 1)];
          else next = edges[k] < edge ? edges[k] : edges[Math.max(0, k - 1)];
        }
      } else if (e.key === "PageUp" || e.key === "PageDown") {
        k = binOf(clamp(edge, lo, hi));
        next = edges[clamp(k + (e.key === "PageUp" ? 10 : -10), 0, nbins)];
      } else if (e.key === "Home") next = lo;
      else if (e.key === "End") next = hi + 1;
      if (next === null) return;
      e.preventDefault(); stop();
      if (which === "from") setRange(clamp(next, lo, state.to), state.to);
      else setRange(state.from, clamp(next - 1, state.from, hi));
    });
  });

  /* playback: the window keeps its width and steps one bin at a time */
  function stop() {
    if (state.timer) clearInterval(state.timer);
    state.timer = null; state.playing = false;
    ui.play.textContent = "▶ Play"; ui.play.setAttribute("aria-pressed", "false");
  }
  function firstDatedFrom(d) {
    // The first day on or after ``d`` with a dated event of a shown type (Infinity: none).
    var best = Infinity;
    for (var e = 0; e < n; e++) {
      if (START[e] === ALWAYS_FROM || !types[T[e]].on || END[e] < d) continue;
      var s0 = START[e] > d ? START[e] : d;
      if (s0 < best) best = s0;
    }
    return best;
  }
  function skipEmpty(from, width) {
    // Playback does not dwell on empty stretches: a window with no dated event jumps to the
    // bin of the next one, and the note says what was skipped.
    var found = firstDatedFrom(from);
    if (found === Infinity || found <= from + width) return from;
    var to = edges[binOf(clamp(found, lo, hi))];
    if (to - from < 1) return from;
    var bins = binOf(clamp(to, lo, hi)) - binOf(from);
    setNote("Skipped " + bins + " empty " + unit + (bins === 1 ? "" : "s") + ": " +
      fmtSpan(from, to - 1) + " has no events.");
    return to;
  }
  function step() {
    var width = state.to - state.from, k = binOf(state.from);
    var next = k + 1 < nbins ? edges[k + 1] : hi + 1;
    if (state.to >= hi || next > hi) { stop(); return; }
    setNote("");
    next = skipEmpty(next, width);
    if (next > hi) { stop(); return; }
    setRange(next, Math.min(hi, next + width));
    if (state.to >= hi) stop();
  }
  function play() {
    if (state.playing) { stop(); return; }
    if (state.to >= hi) {
      // From the full range (or the end) play a window of about an eighth of the span.
      var bins = Math.max(1, Math.round(nbins / 8)), width = edges[Math.min(nbins, bins)] - lo;
      if (state.from === lo || state.to - state.from + 1 >= total) setRange(lo, lo + width - 1);
      else setRange(lo, lo + (state.to - state.from));
    }
    setNote("");
    var first = skipEmpty(state.from, state.to - state.from);
    if (first !== state.from) setRange(first, Math.min(hi, first + (state.to - state.from)));
    state.playing = true;
    ui.play.textContent = "❚❚ Pause"; ui.play.setAttribute("aria-pressed", "true");
    state.timer = setInterval(step, 800 / state.speed);
  }
  ui.play.addEventListener("click", play);
  ui.speed.addEventListener("change", function () {
    state.speed = +ui.speed.value || 1;
    if (state.playing) { clearInterval(state.timer); state.timer = setInterval(step, 800 / state.speed); }
  });
  ui.reset.addEventListener("click", function () {
    stop();
    types.forEach(function (t) { t.on = !t.hidden; });
    setDomain(dataLo, dataHi);
    buildBars();
    var shown = types.filter(function (t) { return t.count; });
    document.querySelectorAll(".km-legend-item").forEach(function (b, j) {
      var on = shown[j] ? shown[j].on : true;
      b.setAttribute("aria-pressed", on ? "true" : "false"); b.classList.toggle("km-off", !on);
    });
    setRange(lo, hi);
  });
  if (!dated) { ui.play.disabled = true; ui.from.hidden = true; ui.to.hidden = true; }

  /* ---------- the event list: virtual rows, date order, follows the filter ---------- */
  var ROW = 66;
  var list = {
    rendered: {},
    update: function () {
      ui.spacer.style.height = (nvisible * ROW) + "px";
      this.rendered = {};
      while (ui.spacer.firstChild) ui.spacer.removeChild(ui.spacer.firstChild);
      if (ui.list.scrollTop > nvisible * ROW) ui.list.scrollTop = 0;
      this.draw();
    },
    draw: function () {
      var top = ui.list.scrollTop, h = ui.list.clientHeight || 600;
      var a = Math.max(0, Math.floor(top / ROW) - 4), b = Math.min(nvisible, Math.ceil((top + h) / ROW) + 4);
      var keep = {};
      for (var j = a; j < b; j++) {
        keep[j] = true;
        if (!this.rendered[j]) { this.rendered[j] = this.row(j); ui.spacer.appendChild(this.rendered[j]); }
      }
      for (var key in this.rendered) {
        if (!keep[key]) { ui.spacer.removeChild(this.rendered[key]); delete this.rendered[key]; }
      }
      this.markSelected();
    },
    row: function (j) {
      var e = visible[j], t = types[T[e]];
      var r = el("div", "km-item");
      r.setAttribute("role", "button");
      r.tabIndex = 0;
      r.dataset.event = String(e);
      r.style.top = (j * ROW) + "px";
      r.appendChild(el("div", "km-item-date", fmtSpan(START[e], END[e], str(ev.p[e]))));
      var l2 = el("div", "km-item-head");
      var sw = el("span", "km-swatch"); sw.style.background = t.color;
      l2.appendChild(sw);
      l2.appendChild(el("span", "km-item-type", t.label));
      l2.appendChild(el("span", "km-item-place", "· " + (str(ev.pn[e]) || "unnamed place")));
      r.appendChild(l2);
      r.appendChild(el("div", "km-item-quote", words(ev.q[e], 90)));
      return r;
    },
    markSelected: function () {
      for (var key in this.rendered) {
        var r = this.rendered[key];
        r.classList.toggle("km-item-selected", +r.dataset.event === state.selected);
      }
    }
  };
  ui.list.addEventListener("scroll", function () { list.draw(); });
  function fromRow(target) {
    var r = target.closest && target.closest(".km-item");
    return r ? +r.dataset.event : -1;
  }
  ui.list.addEventListener("click", function (e) {
    var k = fromRow(e.target);
    if (k >= 0) openEvent(k, true);
  });
  ui.list.addEventListener("keydown", function (e) {
    if (e.key !== "Enter" && e.key !== " ") return;
    var k = fromRow(e.target);
    if (k >= 0) { e.preventDefault(); openEvent(k, true); }
  });

  /* ---------- panels: the event list shows beside the map, or over it on a narrow screen ---------- */
  var NARROW = "(max-width: 760px)";
  function narrow() { return window.matchMedia ? window.matchMedia(NARROW).matches : window.innerWidth <= 760; }
  function showList(on) {
    document.body.classList.toggle("km-list-hidden", !on);
    if (ui.listToggle) ui.listToggle.setAttribute("aria-expanded", on ? "true" : "false");
    map.invalidateSize({pan: false});
    if (on) list.draw();
  }
  if (ui.listToggle) ui.listToggle.addEventListener("click", function () {
    showList(document.body.classList.contains("km-list-hidden"));
  });
  if (ui.sideClose) ui.sideClose.addEventListener("click", function () { showList(false); });
  // On a phone the list would hide the map: it starts closed there, open elsewhere.
  showList(!narrow());
  var legendBox0 = document.querySelector(".km-legend");
  if (legendBox0 && (map.getSize().x < 700 || map.getSize().y < 560)) legendBox0.open = false;
  // Choosing an event in the list over a narrow map closes the list so the map shows it.
  ui.list.addEventListener("click", function () { if (narrow()) showList(false); });

  /* ---------- the first view: the story, clear of the title and the legend ---------- */
  function fitStory() {
    var v = data.view;
    if (!v) return;
    var size = map.getSize(), legendBox = document.querySelector(".km-legend");
    var left = 24, top = 56;
    if (legendBox && legendBox.open) {
      var w = legendBox.offsetWidth + 24;
      if (w < size.x * 0.4) left = w;   // beside an open legend when there is room for both
    }
    map.fitBounds([[v[0][0], v[0][1]], [v[1][0], v[1][1]]],
      {paddingTopLeft: [left, top], paddingBottomRight: [24, 24], maxZoom: 9, animate: false});
  }

  /* ---------- start ---------- */
  if (ui.title) ui.title.textContent = data.title || "karamap";
  fitStory();
  apply();
  var api = {
    map: map,
    get unit() { return unit; },
    domain: function () { return [isoDay(lo), isoDay(hi)]; },
    range: function () { return [isoDay(state.from), isoDay(state.to)]; },
    setRange: function (a, b) { stop(); setRange(parseDay(a), parseDay(b)); },
    visibleQuotes: function () { var out = []; for (var j = 0; j < nvisible; j++) out.push(ev.q[visible[j]]); return out; },
    visibleCount: function () { return nvisible; },
    playing: function () { return state.playing; },
    selected: function () { return state.selected >= 0 ? ev.q[state.selected] : null; },
    placeCount: function () { return data.places.length; },
    mode: function () { return agg ? "clusters" : "events"; },
    aggregation: {cell: CELL, singleZoom: SINGLE_ZOOM, from: AGGREGATE_FROM},
    // The clusters drawn on the screen: [x, y, number of events, [events of each type in the legend's order]].
    clusters: function () {
      if (!agg) return [];
      return drawnClusters.map(function (d) {
        var nt = types.length, c = d[3], parts = [];
        for (var t = 0; t < nt; t++) parts.push(agg.byType[c * nt + t]);
        return [Math.round(d[0]), Math.round(d[1]), agg.count[c], parts];
      });
    },
    listRows: function () { return ui.spacer.childElementCount; },
    stacks: function () { return stacks.map(function (st) { return [Math.round(st[0]), Math.round(st[1]), st[2]]; }); },
    note: function () { return ui.note ? ui.note.textContent : ""; },
    listShown: function () { return !document.body.classList.contains("km-list-hidden"); },
    fitStory: fitStory,
    basemapLabels: function () { return labelsDrawn.slice(); },
    // Test hooks: where an event lies on screen, and whether the events canvas is painted there.
    pointOf: function (quote) {
      for (var e = 0; e < n; e++) {
        if (ev.q[e] === quote) { var p = map.latLngToContainerPoint([LAT[e], LON[e]]); return [p.x, p.y]; }
      }
      return null;
    },
    alphaAt: function (x, y, within) {
      // The most opaque pixel within ``within`` px (default: the marker's radius; hollow rings
      // are clear in the middle).
      var r = window.devicePixelRatio || 1, c = eventsLayer._canvas;
      var d = Math.ceil((within === undefined ? RADIUS + 1 : within) * r);
      if (!c) return 0;
      var px = c.getContext("2d").getImageData(Math.round(x * r) - d, Math.round(y * r) - d, 2 * d + 1, 2 * d + 1).data;
      var best = 0;
      for (var k = 3; k < px.length; k += 4) if (px[k] > best) best = px[k];
      return best;
    }
  };
  window.karamap = api;
  requestAnimationFrame(function () {
    window.karamapReady = true;
    if (window.performance && performance.mark) performance.mark("karamap-ready");
  });
  return api;
};
