// dossier default theme: the graph, on the graph page (all of graph-data.js) and beside every
// page (the page and its neighbours, read from the page itself). Uses the helpers dossier.js
// shares as window.dossier, so it loads after it (both are deferred, in document order).
(function () {
  "use strict";
  var d = window.dossier;
  if (!d) return;
  var doc = document, $ = d.$, $$ = d.$$, el = d.el, fill = d.fill, root = d.root, reduceMotion = d.reduceMotion;
  var onTheme = d.onTheme;

  // ---------------------------------------------------------------- graph
  var KINDS = ["tag", "note", "source"];

  // Barnes–Hut quadtree for the many-body force, O(n log n) per tick, in flat typed
  // arrays so a tick allocates nothing: smooth at thousands of nodes.
  function Tree() { this.cap = 0; this.stack = new Int32Array(256); }
  Tree.prototype.grow = function (n) {
    var cap = Math.max(64, n * 4);
    if (cap <= this.cap) return;
    this.cap = cap;
    this.qx = new Float64Array(cap); this.qy = new Float64Array(cap); this.qs = new Float64Array(cap);
    this.qm = new Float64Array(cap); this.qcx = new Float64Array(cap); this.qcy = new Float64Array(cap);
    this.child = new Int32Array(cap * 4); this.point = new Int32Array(cap);
    this.next = new Int32Array(n * 2); this.px = new Float64Array(n * 2); this.py = new Float64Array(n * 2);
  };
  Tree.prototype.quad = function (x, y, s) {
    if (this.count >= this.cap) {
      // Pathological input (many near-coincident points): enlarge and keep going.
      var old = this, n = this.count;
      var keep = ["qx", "qy", "qs", "qm", "qcx", "qcy", "point"].map(function (k) { return old[k]; }), child = this.child, next = this.next, px = this.px, py = this.py;
      this.cap = 0; this.grow(n);
      ["qx", "qy", "qs", "qm", "qcx", "qcy", "point"].forEach(function (k, i) { old[k].set(keep[i]); });
      this.child.set(child); this.next = next; this.px = px; this.py = py;
    }
    var q = this.count++;
    this.qx[q] = x; this.qy[q] = y; this.qs[q] = s; this.point[q] = -1;
    this.child[q * 4] = this.child[q * 4 + 1] = this.child[q * 4 + 2] = this.child[q * 4 + 3] = -1;
    return q;
  };
  Tree.prototype.build = function (nodes) {
    var n = nodes.length, x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity, i, nd;
    if (this.next == null || this.next.length < n) { this.cap = 0; }
    this.grow(n);
    var px = this.px, py = this.py;
    for (i = 0; i < n; i++) {
      nd = nodes[i];
      px[i] = nd.x; py[i] = nd.y;
      if (nd.x < x0) x0 = nd.x; if (nd.y < y0) y0 = nd.y;
      if (nd.x > x1) x1 = nd.x; if (nd.y > y1) y1 = nd.y;
    }
    this.count = 0;
    this.quad(x0, y0, Math.max(x1 - x0, y1 - y0) + 1);
    for (i = 0; i < n; i++) this.insert(nodes, i);
    // Children come after their parents: one backwards pass sums masses bottom-up.
    var qm = this.qm, qcx = this.qcx, qcy = this.qcy, child = this.child, point = this.point, next = this.next;
    for (var q = this.count - 1; q >= 0; q--) {
      var m = 0, cx = 0, cy = 0, p = point[q];
      if (p === -2) {
        for (var k = 0; k < 4; k++) {
          var c = child[q * 4 + k];
          if (c >= 0) { m += qm[c]; cx += qcx[c] * qm[c]; cy += qcy[c] * qm[c]; }
        }
      } else {
        for (; p >= 0; p = next[p]) { m++; cx += px[p]; cy += py[p]; }
      }
      qm[q] = m;
      qcx[q] = m ? cx / m : 0; qcy[q] = m ? cy / m : 0;
    }
  };
  Tree.prototype.insert = function (nodes, i) {
    var x = this.px[i], y = this.py[i], q = 0, depth = 0, h, k, c;
    var point = this.point, child = this.child, next = this.next;
    for (;;) {
      if (point[q] === -2) {
        h = this.qs[q] / 2;
        k = (x >= this.qx[q] + h ? 1 : 0) + (y >= this.qy[q] + h ? 2 : 0);
        c = child[q * 4 + k];
        if (c < 0) {
          c = this.quad(this.qx[q] + (k & 1) * h, this.qy[q] + (k >> 1) * h, h);
          point = this.point; child = this.child;
          child[q * 4 + k] = c;
        }
        q = c; depth++;
        continue;
      }
      if (point[q] === -1) { point[q] = i; next[i] = -1; return; }
      if (depth > 40) { next[i] = next[point[q]]; next[point[q]] = i; return; }
      // Split the leaf: its point (and any coincident ones chained to it) moves down.
      var j = point[q];
      h = this.qs[q] / 2;
      k = (this.px[j] >= this.qx[q] + h ? 1 : 0) + (this.py[j] >= this.qy[q] + h ? 2 : 0);
      c = this.quad(this.qx[q] + (k & 1) * h, this.qy[q] + (k >> 1) * h, h);
      point = this.point; child = this.child;
      point[c] = j; point[q] = -2; child[q * 4 + k] = c;
    }
  };
  Tree.prototype.repel = function (nodes, i, w0, theta2) {
    var px = this.px, py = this.py, x = px[i], y = py[i], vx = 0, vy = 0, top = 0, q, dx, dy, l, w, k, c, p, s;
    var stack = this.stack, qm = this.qm, qcx = this.qcx, qcy = this.qcy, qs = this.qs, child = this.child, point = this.point, next = this.next;
    stack[top++] = 0;
    while (top) {
      q = stack[--top];
      if (!qm[q]) continue;
      p = point[q];
      if (p === -2) {
        dx = qcx[q] - x; dy = qcy[q] - y; l = dx * dx + dy * dy; s = qs[q];
        if (s * s < theta2 * l) {
          w = w0 * qm[q] / l; vx += dx * w; vy += dy * w;
          continue;
        }
        if (top + 4 > stack.length) { var bigger = new Int32Array(stack.length * 2); bigger.set(stack); stack = this.stack = bigger; }
        for (k = 0; k < 4; k++) { c = child[q * 4 + k]; if (c >= 0) stack[top++] = c; }
        continue;
      }
      for (; p >= 0; p = next[p]) {
        if (p === i) continue;
        dx = px[p] - x; dy = py[p] - y;
        if (!dx && !dy) { dx = (Math.random() - 0.5) * 1e-3; dy = (Math.random() - 0.5) * 1e-3; }
        l = dx * dx + dy * dy;
        if (l < 1) l = Math.sqrt(l);
        w = w0 / l; vx += dx * w; vy += dy * w;
      }
    }
    nodes[i].vx += vx; nodes[i].vy += vy;
  };

  // A force-directed graph on a canvas: nodes {id, kind, title, href}, edges {s, t, kind}
  // as node indices. Options: local (a small graph around `center`), labels.
  function Graph(box, data, opts) {
    var self = this;
    opts = opts || {};
    this.box = box; this.opts = opts; this.host = opts.host || box;
    this.nodes = data.nodes; this.edges = data.edges;
    this.hidden = {};
    this.k = 1; this.tx = 0; this.ty = 0;
    this.alpha = 1; this.alphaTarget = 0; this.alphaMin = 0.002; this.alphaDecay = 1 - Math.pow(0.002, 1 / 300);
    this.hover = -1; this.pinned = -1; this.userMoved = false; this.work = [];
    this.prepare();
    // The full graph takes keyboard focus (arrows pan, +/− zoom); the small one beside a
    // page only repeats links that are on the page already, so it is not a tab stop.
    this.canvas = el("canvas", { role: "img", tabindex: opts.local ? null : "0", "aria-label": opts.label || "" });
    if (opts.describedBy) this.canvas.setAttribute("aria-describedby", opts.describedBy);
    box.appendChild(this.canvas);
    this.ctx = this.canvas.getContext("2d");
    this.colors();
    onTheme(function () { self.colors(); self.draw(); });
    this.resize();
    if (window.ResizeObserver) new ResizeObserver(function () { self.resize(); self.draw(); }).observe(box);
    else window.addEventListener("resize", function () { self.resize(); self.draw(); });
    this.events();
    // Settle most of the layout before the first paint (all of it when motion is reduced).
    this.warm(reduceMotion ? 2500 : 120);
    this.fit(true);
    this.draw();
    this.kick();
  }
  Graph.prototype.prepare = function () {
    var nodes = this.nodes, n = nodes.length, golden = Math.PI * (3 - Math.sqrt(5));
    var deg = new Array(n).fill(0), seen = {};
    this.edges = this.edges.filter(function (e) {
      if (e.s === e.t || e.s < 0 || e.t < 0) return false;
      var key = e.s < e.t ? e.s + "," + e.t : e.t + "," + e.s;
      if (seen[key]) return false;
      seen[key] = true;
      deg[e.s]++; deg[e.t]++;
      return true;
    });
    this.adj = nodes.map(function () { return []; });
    var adj = this.adj;
    this.edges.forEach(function (e) { adj[e.s].push(e.t); adj[e.t].push(e.s); });
    // Most connected nodes first on the spiral, so hubs start near the middle.
    var order = nodes.map(function (nd, i) { return i; }).sort(function (a, b) { return deg[b] - deg[a]; });
    order.forEach(function (i, rank) {
      var nd = nodes[i], r = 12 * Math.sqrt(0.5 + rank), a = rank * golden;
      nd.i = i; nd.deg = deg[i];
      nd.x = nd.x != null ? nd.x : r * Math.cos(a); nd.y = nd.y != null ? nd.y : r * Math.sin(a);
      nd.vx = 0; nd.vy = 0; nd.fx = nd.fx != null ? nd.fx : null; nd.fy = nd.fy != null ? nd.fy : null;
      nd.r = nd.center ? 9 : Math.min(14, (nd.kind === "tag" ? 2.5 : 3.5) + 1.2 * Math.sqrt(deg[i]));
      nd.label = nd.title.length > 42 ? nd.title.slice(0, 40) + "…" : nd.title;
    });
    this.byDegree = order;
    this.edges.forEach(function (e) {
      e.strength = 1 / Math.max(1, Math.min(deg[e.s], deg[e.t]));
      e.bias = deg[e.s] / (deg[e.s] + deg[e.t]);
    });
  };
  Graph.prototype.visible = function (i) { return !this.hidden[this.nodes[i].kind]; };
  Graph.prototype.tick = function () {
    var nodes = this.nodes, edges = this.edges, alpha = this.alpha, i, nd;
    var active = this.hidden.tag || this.hidden.note || this.hidden.source
      ? nodes.filter(function (nd) { return !this.hidden[nd.kind]; }, this) : nodes;
    var dist = this.opts.local ? 60 : 56;
    for (i = 0; i < edges.length; i++) {
      var e = edges[i], s = nodes[e.s], t = nodes[e.t];
      if (this.hidden[s.kind] || this.hidden[t.kind]) continue;
      var x = t.x + t.vx - s.x - s.vx || 1e-6, y = t.y + t.vy - s.y - s.vy || 1e-6;
      var l = Math.sqrt(x * x + y * y);
      l = (l - dist) / l * alpha * e.strength;
      x *= l; y *= l;
      t.vx -= x * e.bias; t.vy -= y * e.bias;
      s.vx += x * (1 - e.bias); s.vy += y * (1 - e.bias);
    }
    var tree = this.tree || (this.tree = new Tree()), strength = this.opts.local ? -120 : -140;
    tree.build(active);
    var theta2 = active.length > 1000 ? 1.44 : 0.81;
    for (i = 0; i < active.length; i++) tree.repel(active, i, strength * alpha, theta2);
    // Gravity towards the middle, weaker sideways on a wide canvas so the layout fills it.
    var g = (this.opts.local ? 0.02 : 0.04) * alpha, ar = this.w && this.h ? this.h / this.w : 1;
    var gx = g * Math.min(1, Math.max(0.1, ar * ar)), gy = g * Math.min(1, Math.max(0.1, 1 / (ar * ar)));
    for (i = 0; i < active.length; i++) {
      nd = active[i];
      nd.vx -= nd.x * gx; nd.vy -= nd.y * gy;
      if (nd.fx != null) { nd.x = nd.fx; nd.y = nd.fy; nd.vx = nd.vy = 0; continue; }
      nd.vx *= 0.6; nd.vy *= 0.6;
      nd.x += nd.vx; nd.y += nd.vy;
    }
    this.alpha += (this.alphaTarget - this.alpha) * this.alphaDecay;
  };
  Graph.prototype.warm = function (ms) {
    var end = performance.now() + ms;
    while (this.alpha > this.alphaMin && performance.now() < end) this.tick();
  };
  Graph.prototype.kick = function () {
    var self = this;
    if (this.running) return;
    this.running = true;
    this.host.removeAttribute("data-settled");
    var step = function () {
      if (self.stopped) { self.running = false; return; }
      // As many ticks as fit in ~8 ms of the frame, at least one: smooth at 2,000 nodes.
      var start = performance.now(), t = start, cost = self.tickCost || 0;
      do {
        self.tick();
        var now = performance.now();
        cost = cost ? cost * 0.8 + (now - t) * 0.2 : now - t;
        t = now;
      } while (self.alpha > self.alphaMin && t - start + cost < 8);
      self.tickCost = cost;
      if (!self.userMoved) self.fit(false);
      self.paint();
      // Main-thread work per animation frame, for the 2,000-node smoothness test.
      if (self.work.length < 2000) self.work.push(performance.now() - start);
      if (self.alpha > self.alphaMin || self.alphaTarget > 0) requestAnimationFrame(step);
      else { self.running = false; self.host.setAttribute("data-settled", "true"); }
    };
    requestAnimationFrame(step);
  };
  Graph.prototype.reheat = function (a) { this.alpha = Math.max(this.alpha, a); this.kick(); };
  Graph.prototype.colors = function () {
    var cs = getComputedStyle(this.box);
    var v = function (name, dflt) { return (cs.getPropertyValue(name) || "").trim() || dflt; };
    this.c = {
      note: v("--graph-note", "#2563b0"), source: v("--graph-source", "#c2410c"), tag: v("--graph-tag", "#15803d"),
      edge: v("--graph-edge", "#9aa3ae"), fg: v("--fg", "#1f2328"), bg: v("--bg", "#ffffff"), accent: v("--accent", "#0b5cad"),
      font: v("--font", "system-ui, sans-serif"),
    };
  };
  Graph.prototype.resize = function () {
    var w = this.box.clientWidth, h = this.box.clientHeight, dpr = window.devicePixelRatio || 1;
    if (!w || !h) return;
    if (this.w && this.w !== w) this.tx += (w - this.w) / 2;
    if (this.h && this.h !== h) this.ty += (h - this.h) / 2;
    this.w = w; this.h = h; this.dpr = dpr;
    this.canvas.width = Math.round(w * dpr); this.canvas.height = Math.round(h * dpr);
    this.canvas.style.width = w + "px"; this.canvas.style.height = h + "px";
  };
  Graph.prototype.fit = function (now) {
    if (!this.w) return;
    var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity, any = false;
    for (var i = 0; i < this.nodes.length; i++) {
      var nd = this.nodes[i];
      if (this.hidden[nd.kind]) continue;
      any = true;
      if (nd.x - nd.r < x0) x0 = nd.x - nd.r; if (nd.x + nd.r > x1) x1 = nd.x + nd.r;
      if (nd.y - nd.r < y0) y0 = nd.y - nd.r; if (nd.y + nd.r > y1) y1 = nd.y + nd.r;
    }
    if (!any) return;
    var pad = this.opts.local ? 16 : 40;
    var k = Math.min((this.w - 2 * pad) / Math.max(1, x1 - x0), (this.h - 2 * pad) / Math.max(1, y1 - y0));
    k = Math.max(0.05, Math.min(this.opts.local ? 2.2 : 2.5, k));
    var tx = this.w / 2 - (x0 + x1) / 2 * k, ty = this.h / 2 - (y0 + y1) / 2 * k;
    var f = now ? 1 : 0.25;
    this.k += (k - this.k) * f; this.tx += (tx - this.tx) * f; this.ty += (ty - this.ty) * f;
  };
  Graph.prototype.zoom = function (factor, sx, sy) {
    var k = Math.max(0.05, Math.min(8, this.k * factor));
    if (sx == null) { sx = this.w / 2; sy = this.h / 2; }
    this.tx = sx - (sx - this.tx) * (k / this.k);
    this.ty = sy - (sy - this.ty) * (k / this.k);
    this.k = k;
    this.userMoved = true;
    this.draw();
  };
  Graph.prototype.toScreen = function (nd) { return { x: nd.x * this.k + this.tx, y: nd.y * this.k + this.ty }; };
  Graph.prototype.nodeAt = function (sx, sy) {
    var best = -1, bestD = Infinity, x = (sx - this.tx) / this.k, y = (sy - this.ty) / this.k;
    for (var i = 0; i < this.nodes.length; i++) {
      var nd = this.nodes[i];
      if (this.hidden[nd.kind]) continue;
      var dx = nd.x - x, dy = nd.y - y, d = dx * dx + dy * dy, r = nd.r + 5 / this.k;
      if (d < r * r && d < bestD) { best = i; bestD = d; }
    }
    return best;
  };
  Graph.prototype.draw = function () {
    var self = this;
    if (!this.w || this.drawPending || this.running) return;
    this.drawPending = true;
    requestAnimationFrame(function () { self.drawPending = false; self.paint(); });
  };
  Graph.prototype.paint = function () {
    var ctx = this.ctx, c = this.c, nodes = this.nodes, edges = this.edges, k = this.k, hidden = this.hidden;
    var focus = this.pinned >= 0 ? this.pinned : this.hover;
    var near = null, i, nd, e;
    if (focus >= 0) { near = {}; near[focus] = true; this.adj[focus].forEach(function (j) { near[j] = true; }); }
    ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
    ctx.clearRect(0, 0, this.w, this.h);
    ctx.setTransform(this.dpr * k, 0, 0, this.dpr * k, this.dpr * this.tx, this.dpr * this.ty);
    // Visible world rectangle, for culling.
    var wx0 = -this.tx / k - 20, wy0 = -this.ty / k - 20, wx1 = (this.w - this.tx) / k + 20, wy1 = (this.h - this.ty) / k + 20;
    var inView = function (n) { return n.x + n.r > wx0 && n.x - n.r < wx1 && n.y + n.r > wy0 && n.y - n.r < wy1; };
    // Edges, one path per pass.
    ctx.lineWidth = 1 / k;
    ctx.strokeStyle = c.edge;
    ctx.globalAlpha = near ? 0.12 : (edges.length > 3000 ? 0.25 : 0.45);
    ctx.beginPath();
    for (i = 0; i < edges.length; i++) {
      e = edges[i];
      var s = nodes[e.s], t = nodes[e.t];
      if (hidden[s.kind] || hidden[t.kind]) continue;
      if (near && (e.s === focus || e.t === focus)) continue;
      if (!inView(s) && !inView(t)) continue;
      ctx.moveTo(s.x, s.y); ctx.lineTo(t.x, t.y);
    }
    ctx.stroke();
    if (near) {
      ctx.globalAlpha = 0.9; ctx.strokeStyle = c.accent; ctx.lineWidth = 1.6 / k;
      ctx.beginPath();
      this.adj[focus].forEach(function (j) {
        if (hidden[nodes[j].kind]) return;
        ctx.moveTo(nodes[focus].x, nodes[focus].y); ctx.lineTo(nodes[j].x, nodes[j].y);
      });
      ctx.stroke();
    }
    // Nodes, one path per kind; faded ones first.
    // Nodes, one path per kind (faded ones first); nodes under 2 px on screen are drawn
    // as squares and without an outline, which keeps big graphs cheap to rasterise.
    var drawn = 0, tiny = 1.25 / k;
    for (var pass = 0; pass < (near ? 2 : 1); pass++) {
      for (var ki = 0; ki < KINDS.length; ki++) {
        var kind = KINDS[ki], outlined = 0;
        if (hidden[kind]) continue;
        ctx.globalAlpha = near && pass === 0 ? 0.22 : 1;
        ctx.fillStyle = c[kind];
        ctx.beginPath();
        for (i = 0; i < nodes.length; i++) {
          nd = nodes[i];
          if (nd.kind !== kind || !inView(nd)) continue;
          if (near && (pass === 0) === !!near[i]) continue;
          if (pass === 0) drawn++;
          if (nd.r < tiny) { var h = Math.max(nd.r, 0.9 / k); ctx.rect(nd.x - h, nd.y - h, 2 * h, 2 * h); continue; }
          ctx.moveTo(nd.x + nd.r, nd.y);
          ctx.arc(nd.x, nd.y, nd.r, 0, 2 * Math.PI);
          outlined++;
        }
        ctx.fill();
        ctx.globalAlpha = 1;
        if (!outlined) continue;
        ctx.beginPath();
        for (i = 0; i < nodes.length; i++) {
          nd = nodes[i];
          if (nd.kind !== kind || nd.r < tiny || !inView(nd)) continue;
          if (near && (pass === 0) === !!near[i]) continue;
          ctx.moveTo(nd.x + nd.r, nd.y);
          ctx.arc(nd.x, nd.y, nd.r, 0, 2 * Math.PI);
        }
        ctx.lineWidth = 1.25 / k; ctx.strokeStyle = c.bg;
        ctx.stroke();
      }
    }
    if (near) drawn = nodes.filter(function (n) { return !hidden[n.kind]; }).length;
    // The page itself (local graph) and the focused node get a ring.
    ctx.globalAlpha = 1;
    nodes.forEach(function (n, j) {
      if (!(n.center || j === focus) || hidden[n.kind]) return;
      ctx.beginPath(); ctx.arc(n.x, n.y, n.r + 3 / k, 0, 2 * Math.PI);
      ctx.lineWidth = 2 / k; ctx.strokeStyle = c.fg; ctx.stroke();
    });
    // Labels in screen space: the focus and its neighbours, then the best-connected
    // nodes that fit without overlapping.
    ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
    var curFont = ctx.font = "12px " + c.font;
    ctx.textBaseline = "middle";
    ctx.lineJoin = "round";
    var placed = [], self = this, maxLabels = this.opts.local ? (this.w > 420 ? 40 : 0) : Math.min(160, 12 + Math.round(28 * k * k));
    var label = function (j, strong) {
      var font = (strong === 2 ? "600 13px " : "12px ") + c.font, n = nodes[j], p = self.toScreen(n);
      if (font !== curFont) ctx.font = curFont = font;
      var text = n.label, tw = strong === 2 ? ctx.measureText(text).width : n.tw || (n.tw = ctx.measureText(text).width);
      while (tw > self.w - 12 && text.length > 4) { text = text.slice(0, -2) + "…"; tw = ctx.measureText(text).width; }
      var x = p.x + n.r * k + 4, y = p.y;
      if (n.center) { x = p.x - tw / 2; y = p.y + n.r * k + 12; }
      else if (self.opts.local) {
        // Around the page: labels point outwards and are shortened to fit.
        var room = p.x < self.w / 2 ? p.x - n.r * k - 8 : self.w - x - 4;
        while (tw > room && text.length > 4) { text = text.slice(0, -2) + "…"; tw = ctx.measureText(text).width; }
        if (p.x < self.w / 2) x = p.x - n.r * k - 4 - tw;
      } else if (x + tw > self.w - 4) x = p.x - n.r * k - 4 - tw;
      x = Math.max(4, Math.min(self.w - 4 - tw, x));
      var box = [x - 2, y - 8, x + tw + 2, y + 8];
      if (box[2] < 0 || box[0] > self.w || box[3] < 0 || box[1] > self.h) return;
      if (strong !== 2) for (var q = 0; q < placed.length; q++) {
        var b = placed[q];
        if (box[0] < b[2] && box[2] > b[0] && box[1] < b[3] && box[3] > b[1]) return;
      }
      placed.push(box);
      ctx.lineWidth = 4; ctx.strokeStyle = c.bg; ctx.globalAlpha = 0.9;
      ctx.strokeText(text, x, y);
      ctx.globalAlpha = 1; ctx.fillStyle = c.fg;
      ctx.fillText(text, x, y);
    };
    if (focus >= 0) {
      label(focus, 2);
      this.adj[focus].forEach(function (j) { if (!hidden[nodes[j].kind]) label(j, 1); });
    }
    nodes.forEach(function (n, j) { if (n.center && j !== focus) label(j, 2); });
    if (!near) {
      for (i = 0; i < this.byDegree.length && i < 4 * maxLabels && placed.length < maxLabels; i++) {
        var j = this.byDegree[i];
        if (!hidden[nodes[j].kind] && nodes[j].r * k >= 3) label(j, 0);
      }
    }
    if (drawn !== this.drawn) { this.drawn = drawn; this.host.setAttribute("data-nodes", String(drawn)); }
  };
  Graph.prototype.open = function (i) {
    var nd = this.nodes[i];
    if (nd && nd.href) location.href = nd.href;
  };
  Graph.prototype.events = function () {
    var self = this, cv = this.canvas, pointers = {}, drag = null, pinch = null;
    var pos = function (e) { var r = cv.getBoundingClientRect(); return { x: e.clientX - r.left, y: e.clientY - r.top }; };
    cv.addEventListener("pointerdown", function (e) {
      if (e.button > 0) return;
      var p = pos(e);
      pointers[e.pointerId] = p;
      var ids = Object.keys(pointers);
      if (ids.length === 2) {
        var a = pointers[ids[0]], b = pointers[ids[1]];
        pinch = { d: Math.hypot(a.x - b.x, a.y - b.y), k: self.k };
        drag = null;
        return;
      }
      try { cv.setPointerCapture(e.pointerId); } catch (err) {}
      var i = self.nodeAt(p.x, p.y);
      drag = { i: i, x: p.x, y: p.y, moved: false, type: e.pointerType, tx: self.tx, ty: self.ty };
      if (i >= 0) {
        var nd = self.nodes[i];
        nd.fx = nd.x; nd.fy = nd.y;
      }
    });
    cv.addEventListener("pointermove", function (e) {
      var p = pos(e);
      if (pointers[e.pointerId]) pointers[e.pointerId] = p;
      if (pinch) {
        var ids = Object.keys(pointers);
        if (ids.length === 2) {
          var a = pointers[ids[0]], b = pointers[ids[1]], d = Math.hypot(a.x - b.x, a.y - b.y);
          self.zoom(pinch.k * d / pinch.d / self.k, (a.x + b.x) / 2, (a.y + b.y) / 2);
        }
        return;
      }
      if (drag) {
        if (!drag.moved && Math.hypot(p.x - drag.x, p.y - drag.y) < 4) return;
        drag.moved = true;
        if (drag.i >= 0) {
          var nd = self.nodes[drag.i];
          self.userMoved = true; // keep the view still while a node is dragged
          nd.fx = (p.x - self.tx) / self.k; nd.fy = (p.y - self.ty) / self.k;
          self.alphaTarget = 0.25;
          self.reheat(0.25);
        } else {
          self.tx = drag.tx + p.x - drag.x; self.ty = drag.ty + p.y - drag.y;
          self.userMoved = true;
          self.draw();
        }
        return;
      }
      var i = self.nodeAt(p.x, p.y);
      if (i !== self.hover) {
        self.hover = i;
        cv.style.cursor = i >= 0 ? "pointer" : "";
        cv.title = i >= 0 ? self.nodes[i].title : "";
        self.draw();
      }
    });
    var end = function (e) {
      delete pointers[e.pointerId];
      if (pinch) { if (Object.keys(pointers).length < 2) pinch = null; return; }
      if (!drag) return;
      var d = drag;
      drag = null;
      if (d.i >= 0) {
        var nd = self.nodes[d.i];
        nd.fx = nd.fy = null;
        self.alphaTarget = 0;
      }
      if (e.type !== "pointerup" || d.moved) return;
      if (d.i < 0) { if (self.pinned >= 0) { self.pinned = -1; self.draw(); } return; }
      // Touch has no hover: the first tap shows the neighbours, the second opens.
      if (d.type === "touch" && self.pinned !== d.i) { self.pinned = d.i; self.draw(); return; }
      self.open(d.i);
    };
    cv.addEventListener("pointerup", end);
    cv.addEventListener("pointercancel", end);
    cv.addEventListener("pointerleave", function (e) {
      if (e.pointerType === "mouse" && !drag && self.hover >= 0) { self.hover = -1; cv.style.cursor = ""; self.draw(); }
    });
    if (!this.opts.local) {
      cv.addEventListener("wheel", function (e) {
        e.preventDefault();
        var p = pos(e), dy = e.deltaY * (e.deltaMode === 1 ? 30 : e.deltaMode === 2 ? 300 : 1);
        self.zoom(Math.exp(-dy * 0.0015), p.x, p.y);
      }, { passive: false });
      cv.addEventListener("dblclick", function (e) {
        var p = pos(e);
        if (self.nodeAt(p.x, p.y) < 0) self.zoom(1.6, p.x, p.y);
      });
    }
    cv.addEventListener("keydown", function (e) {
      var step = 60, handled = true;
      if (e.key === "ArrowLeft") self.tx += step;
      else if (e.key === "ArrowRight") self.tx -= step;
      else if (e.key === "ArrowUp") self.ty += step;
      else if (e.key === "ArrowDown") self.ty -= step;
      else if (e.key === "+" || e.key === "=") self.zoom(1.25);
      else if (e.key === "-" || e.key === "_") self.zoom(0.8);
      else if (e.key === "0") { self.userMoved = false; self.fit(true); }
      else if (e.key === "Escape") { self.pinned = self.hover = -1; }
      else handled = false;
      if (!handled) return;
      e.preventDefault();
      if (/^Arrow/.test(e.key)) self.userMoved = true;
      self.draw();
    });
  };
  Graph.prototype.setHidden = function (kind, hide) {
    this.hidden[kind] = hide;
    this.hover = this.pinned = -1;
    this.userMoved = false;
    this.reheat(0.5);
    this.draw();
  };

  // The graph page: all of graph-data.js, with a legend that filters by kind and zoom buttons.
  // The data comes as a script (graph-data.js calls dossierGraph), not fetch(): browsers
  // refuse fetch() in a page opened from disk but run its scripts.
  var graphBox = doc.getElementById("graph");
  if (graphBox && graphBox.getAttribute("data-src")) {
    var draw = function (g) {
      // graph-data.js is compact (render/exports.rs): nodes [url, title, kind], edges a flat
      // list of (from, to, kind) as indices, kinds numbered.
      var NODE = ["note", "source", "tag"], EDGE = ["link", "related", "topic", "cites", "tagged"];
      var all = g.nodes.map(function (n) { return { id: n[0], kind: NODE[n[2]] || "note", title: n[1] || n[0], href: root + n[0] }; });
      var allEdges = [];
      for (var i = 0; i + 2 < g.edges.length; i += 3) allEdges.push({ s: g.edges[i], t: g.edges[i + 1], kind: EDGE[g.edges[i + 2]] || "link" });
      // Level of detail: a big site shows its best-connected nodes (data-max), with a note
      // and a button for the whole graph; the list below the graph names every page.
      var max = Number(graphBox.getAttribute("data-max")) || Infinity;
      if (all.length > max && !graphBox.hasAttribute("data-all")) {
        var deg = new Array(all.length).fill(0);
        allEdges.forEach(function (e) { deg[e.s]++; deg[e.t]++; });
        var keep = all.map(function (n, i) { return i; }).sort(function (a, b) { return deg[b] - deg[a] || a - b; }).slice(0, max);
        var at = new Int32Array(all.length).fill(-1);
        keep.sort(function (a, b) { return a - b; }).forEach(function (i, j) { at[i] = j; });
        var nodes = keep.map(function (i) { return all[i]; });
        var edges = [];
        allEdges.forEach(function (e) { if (at[e.s] >= 0 && at[e.t] >= 0) edges.push({ s: at[e.s], t: at[e.t], kind: e.kind }); });
        var note = el("p", { "class": "graph-capped" }, fill(graphBox.getAttribute("data-capped"), { shown: nodes.length.toLocaleString(doc.documentElement.lang), n: all.length.toLocaleString(doc.documentElement.lang) }) + " ");
        var more = el("button", { type: "button", "class": "graph-show-all" }, graphBox.getAttribute("data-show-all"));
        more.addEventListener("click", function () {
          if (graphBox.dossierGraph) graphBox.dossierGraph.stopped = true;
          graphBox.setAttribute("data-all", "");
          while (graphBox.firstChild) graphBox.removeChild(graphBox.firstChild);
          draw(g);
          graphBox.querySelector("canvas").focus();
        });
        note.appendChild(more);
        graphBox.appendChild(note);
      } else {
        nodes = all; edges = allEdges;
      }
      var counts = { note: 0, source: 0, tag: 0 };
      nodes.forEach(function (n) { counts[n.kind]++; });
      var bar = el("div", { "class": "graph-bar" });
      var legend = el("fieldset", { "class": "graph-legend" });
      legend.appendChild(el("legend", { "class": "visually-hidden" }, graphBox.getAttribute("data-show")));
      var stage = el("div", { "class": "graph-stage" });
      graphBox.appendChild(bar);
      graphBox.appendChild(stage);
      var graph;
      ["note", "source", "tag"].forEach(function (kind) {
        if (!counts[kind]) return;
        var lab = el("label", { "class": "graph-kind graph-kind-" + kind });
        var cb = el("input", { type: "checkbox" });
        cb.checked = true;
        cb.addEventListener("change", function () { graph.setHidden(kind, !cb.checked); });
        lab.appendChild(cb);
        lab.appendChild(el("span", { "class": "swatch", "aria-hidden": "true" }));
        lab.appendChild(doc.createTextNode(graphBox.getAttribute("data-" + kind) + " "));
        lab.appendChild(el("span", { "class": "count" }, String(counts[kind])));
        legend.appendChild(lab);
      });
      bar.appendChild(legend);
      var zoom = el("div", { "class": "graph-zoom" });
      [["zoom-in", "+", 1.4], ["zoom-out", "−", 1 / 1.4], ["zoom-fit", "⤢", 0]].forEach(function (z) {
        var b = el("button", { type: "button", "aria-label": graphBox.getAttribute("data-" + z[0]), title: graphBox.getAttribute("data-" + z[0]) });
        b.appendChild(el("span", { "aria-hidden": "true" }, z[1]));
        b.addEventListener("click", function () {
          if (z[2]) graph.zoom(z[2]);
          else { graph.userMoved = false; graph.fit(true); graph.draw(); }
        });
        zoom.appendChild(b);
      });
      bar.appendChild(zoom);
      graph = new Graph(stage, { nodes: nodes, edges: edges }, {
        label: fill(graphBox.getAttribute("data-label"), { n: nodes.length }), describedBy: "graph-help", host: graphBox,
      });
      graphBox.dossierGraph = graph;
    };
    new Promise(function (resolve, reject) {
      var s = el("script", { src: graphBox.getAttribute("data-src") }), got = false;
      window.dossierGraph = function (g) { got = true; resolve(g); };
      s.onload = function () { if (!got) reject(new Error("graph-data.js gave no graph")); };
      s.onerror = function () { reject(new Error("graph-data.js did not load")); };
      doc.head.appendChild(s);
    }).then(draw).catch(function (err) {
      graphBox.classList.add("graph-failed");
      graphBox.appendChild(el("p", { "class": "graph-error" }, graphBox.getAttribute("data-error")));
      if (window.console) console.warn("dossier graph:", err);
    });
  }

  // The local graph beside a page: the page and its direct neighbours, read from the page
  // itself (links in the text, references, backlinks, related pages, tags, citing notes),
  // so it needs no download.
  var local = $(".local-graph");
  if (local) {
    var here = location.href.split("#")[0], nodes = [], edges = [], at = {};
    var isSource = !!$(".page-source");
    var h1 = $("main h1");
    nodes.push({ id: here, kind: isSource ? "source" : "note", title: h1 ? h1.textContent.trim() : doc.title, href: null, center: true, x: 0, y: 0, fx: 0, fy: 0 });
    at[here] = 0;
    var sources = {};
    $$(".references li > a:first-child").forEach(function (a) { sources[a.href.split("#")[0]] = true; });
    var add = function (a, kind, edge) {
      var id = a.href.split("#")[0];
      if (!id || id === here || /^(mailto|javascript):/.test(id) || a.origin !== location.origin) return;
      if (kind === "note" && (sources[id] || /\/sources\//.test(a.pathname))) kind = "source";
      if (at[id] == null) {
        at[id] = nodes.length;
        nodes.push({ id: id, kind: kind, title: kind === "tag" ? a.textContent.trim() : (a.textContent.trim() || id), href: id });
      }
      edges.push({ s: 0, t: at[id], kind: edge });
    };
    $$(".references li > a:first-child").forEach(function (a) { add(a, "source", "cites"); });
    $$(".body a.internal").forEach(function (a) { add(a, "note", "link"); });
    $$(".cited-groups > li > a, .cited-list > li > a").forEach(function (a) { add(a, "note", "cites"); });
    $$(".backlinks li > a").forEach(function (a) { add(a, "note", "link"); });
    $$(".related li > a").forEach(function (a) { add(a, "note", "related"); });
    $$(".page-header .tag").forEach(function (a) { add(a, "tag", "tagged"); });
    if (nodes.length > 1) {
      var order = { source: 0, note: 1, tag: 2 }, ring = nodes.slice(1).sort(function (x, y) { return order[x.kind] - order[y.kind]; });
      ring.forEach(function (n, i) { var a = 2 * Math.PI * i / ring.length; n.x = 60 * Math.cos(a); n.y = 60 * Math.sin(a); });
      var lg = new Graph(local, { nodes: nodes, edges: edges }, { local: true, label: local.getAttribute("data-label") });
      local.dossierGraph = lg;
      var legendL = el("p", { "class": "graph-legend-mini", "aria-hidden": "true" });
      ["note", "source", "tag"].forEach(function (kind) {
        if (!nodes.some(function (n) { return n.kind === kind; })) return;
        var s = el("span", { "class": "graph-kind-" + kind });
        s.appendChild(el("span", { "class": "swatch" }));
        s.appendChild(doc.createTextNode(local.getAttribute("data-" + kind)));
        legendL.appendChild(s);
      });
      local.parentNode.insertBefore(legendL, local.nextSibling);
    } else {
      local.parentNode.hidden = true;
    }
  }
})();
