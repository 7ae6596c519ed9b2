// dossier default theme: theme toggle, menu, citation popovers and link previews, search (loads
// search.js) and the timeline and commitment filters; graph.js draws the graphs. No dependencies,
// no requests outside the site;
// everything degrades to plain links without JavaScript.
(function () {
  "use strict";
  var doc = document, html = doc.documentElement;
  var root = doc.body.getAttribute("data-root") || "";
  var reduceMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;

  function $(sel, el) { return (el || doc).querySelector(sel); }
  function $$(sel, el) { return Array.prototype.slice.call((el || doc).querySelectorAll(sel)); }
  function esc(s) { return String(s == null ? "" : s).replace(/[&<>"']/g, function (c) { return "&#" + c.charCodeAt(0) + ";"; }); }
  function fill(tpl, vars) { return String(tpl || "").replace(/\{(\w+)\}/g, function (m, k) { return k in vars ? vars[k] : m; }); }
  function el(tag, attrs, text) {
    var e = doc.createElement(tag);
    for (var k in attrs || {}) if (attrs[k] != null) e.setAttribute(k, attrs[k]);
    if (text != null) e.textContent = text;
    return e;
  }

  // ---------------------------------------------------------------- light and dark
  var themeListeners = [];
  function themeChanged() { themeListeners.forEach(function (f) { f(); }); }
  var toggle = $(".theme-toggle");
  function isDark() {
    var t = html.dataset.theme;
    return t ? t === "dark" : !!(window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches);
  }
  if (toggle) {
    toggle.setAttribute("aria-pressed", String(isDark()));
    toggle.addEventListener("click", function () {
      var next = isDark() ? "light" : "dark";
      html.dataset.theme = next;
      toggle.setAttribute("aria-pressed", String(next === "dark"));
      try { localStorage.setItem("dossier-theme", next); } catch (e) {}
      themeChanged();
    });
  }
  if (window.matchMedia) {
    var mq = window.matchMedia("(prefers-color-scheme: dark)");
    var onScheme = function () { if (toggle) toggle.setAttribute("aria-pressed", String(isDark())); themeChanged(); };
    if (mq.addEventListener) mq.addEventListener("change", onScheme);
  }

  // ---------------------------------------------------------------- phone menu
  var menu = $(".menu-toggle"), sidebar = doc.getElementById("sidebar");
  if (menu && sidebar) {
    var setMenu = function (open) {
      var top = $(".top");
      if (open && top) sidebar.style.top = Math.round(top.getBoundingClientRect().bottom) + "px";
      sidebar.classList.toggle("open", open);
      html.classList.toggle("menu-open", open);
      menu.setAttribute("aria-expanded", String(open));
      var cur = open && $("a[aria-current=page]", sidebar);
      if (cur) sidebar.scrollTop = cur.offsetTop - sidebar.clientHeight / 3;
    };
    menu.addEventListener("click", function () { setMenu(!sidebar.classList.contains("open")); });
    doc.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && sidebar.classList.contains("open")) { setMenu(false); menu.focus(); }
    });
    var current = $("a[aria-current=page]", sidebar);
    if (current && sidebar.scrollHeight > sidebar.clientHeight) {
      var r = current.getBoundingClientRect(), s = sidebar.getBoundingClientRect();
      if (r.bottom > s.bottom) sidebar.scrollTop = r.top - s.top - s.height / 3;
    }
  }

  // ---------------------------------------------------------------- "on this page": follow the reader
  var toc = $(".toc");
  if (toc) {
    var tocLinks = $$("a[href^='#']", toc), heads = tocLinks.map(function (a) {
      return doc.getElementById(decodeURIComponent(a.getAttribute("href").slice(1)));
    });
    var spyQueued = false, spy = function () {
      spyQueued = false;
      var line = window.innerHeight * 0.3, cur = -1;
      heads.forEach(function (h, i) { if (h && h.getBoundingClientRect().top < line) cur = i; });
      tocLinks.forEach(function (a, i) {
        a.classList.toggle("active", i === cur);
        if (i === cur) a.setAttribute("aria-current", "location"); else a.removeAttribute("aria-current");
      });
    };
    window.addEventListener("scroll", function () { if (!spyQueued) { spyQueued = true; requestAnimationFrame(spy); } }, { passive: true });
    spy();
  }

  // ---------------------------------------------------------------- popovers: citations and link previews
  // One popover at a time, a tooltip that describes its link (aria-describedby): it never
  // takes focus, closes on Escape, on blur and when the pointer leaves link and popover.
  var pop = null, popFor = null, hideTimer = 0, showTimer = 0;
  function hidePop() {
    clearTimeout(hideTimer);
    clearTimeout(showTimer);
    if (popFor) popFor.removeAttribute("aria-describedby");
    if (pop) pop.remove();
    pop = popFor = null;
  }
  function laterHide() { clearTimeout(showTimer); hideTimer = setTimeout(hidePop, 200); }
  function showPop(a, id, fill) {
    clearTimeout(hideTimer);
    clearTimeout(showTimer);
    if (popFor === a) return;
    hidePop();
    pop = el("div", { "class": "cite-popover", id: id, role: "tooltip" });
    fill(pop);
    pop.addEventListener("mouseenter", function () { clearTimeout(hideTimer); });
    pop.addEventListener("mouseleave", laterHide);
    doc.body.appendChild(pop);
    popFor = a;
    var r = a.getBoundingClientRect(), vw = html.clientWidth, vh = window.innerHeight;
    var left = Math.max(8, Math.min(r.left, vw - pop.offsetWidth - 8));
    var top = r.bottom + 6;
    if (top + pop.offsetHeight > vh - 8 && r.top - pop.offsetHeight - 6 > 8) top = r.top - pop.offsetHeight - 6;
    pop.style.left = (window.scrollX + left) + "px";
    pop.style.top = (window.scrollY + top) + "px";
    a.setAttribute("aria-describedby", id);
  }
  function showCite(a) {
    showPop(a, "cite-popover", function (p) {
      p.textContent = a.getAttribute("data-cite");
      // Where the letter's own text is in the site: the opening words of the place cited.
      if (a.hasAttribute("data-passage")) p.appendChild(el("blockquote", { "class": "cite-passage" }, a.getAttribute("data-passage")));
    });
  }
  $$("a.cite-ref[data-cite]").forEach(function (a) {
    a.addEventListener("mouseenter", function () { showCite(a); });
    a.addEventListener("focus", function () { showCite(a); });
    a.addEventListener("mouseleave", laterHide);
    a.addEventListener("blur", hidePop);
  });
  doc.addEventListener("keydown", function (e) { if (e.key === "Escape") hidePop(); });

  // Link previews: the title, summary and first lines of the page a link leads to, or a
  // glossary term's definition, from the JSON the page carries (render/previews.rs). A
  // mouse shows them after a short rest, keyboard focus at once; a touch tap never does,
  // so the tap simply follows the link.
  var previewData = doc.getElementById("dossier-previews"), previews = null;
  var siteBase = new URL(root + "index.html", location.href).href.replace(/index\.html$/, "");
  function previewOf(a) {
    if (!previews) { try { previews = JSON.parse(previewData.textContent); } catch (e) { previews = {}; } }
    if (a.href.indexOf(siteBase) !== 0) return null;
    var path = a.href.slice(siteBase.length).split("#"), key;
    try { key = decodeURIComponent(path[0]); } catch (e) { return null; }
    var hash = path[1] ? decodeURIComponent(path[1]) : "";
    return (hash && previews[key + "#" + hash]) || previews[key] || null;
  }
  function showPreview(a) {
    var data = previewOf(a);
    if (!data) return;
    showPop(a, "link-preview", function (p) {
      p.classList.add("link-preview");
      p.appendChild(el("strong", { "class": "preview-title" }, data[0]));
      if (data[1]) p.appendChild(el("span", { "class": "preview-summary" }, data[1]));
      if (data[2] && data[2] !== data[1]) p.appendChild(el("span", { "class": "preview-text" }, data[2]));
    });
  }
  var lastTouch = 0;
  function previewLink(e) {
    var a = e.target && e.target.closest ? e.target.closest("a.internal, a.gloss") : null;
    return a && a.closest("main") ? a : null;
  }
  if (previewData) {
    doc.addEventListener("pointerdown", function (e) { if (e.pointerType !== "mouse") lastTouch = Date.now(); }, true);
    doc.addEventListener("pointerover", function (e) {
      var a = e.pointerType === "mouse" && previewLink(e);
      if (!a || a === popFor) { if (a) clearTimeout(hideTimer); return; }
      clearTimeout(showTimer);
      showTimer = setTimeout(function () { showPreview(a); }, 300);
    });
    doc.addEventListener("pointerout", function (e) {
      var a = e.pointerType === "mouse" && previewLink(e);
      if (!a || (e.relatedTarget && a.contains(e.relatedTarget))) return;
      if (a === popFor) laterHide(); else clearTimeout(showTimer);
    });
    doc.addEventListener("focusin", function (e) {
      var a = previewLink(e);
      if (a && Date.now() - lastTouch > 800) showPreview(a);
    });
    doc.addEventListener("focusout", function (e) { if (previewLink(e) && previewLink(e) === popFor) hidePop(); });
  }

  // ---------------------------------------------------------------- search
  // The search itself is search.js, loaded the first time the box is used (or on the 404
  // page, for its suggestions), so that pages stay light.
  var input = doc.getElementById("search-input"), searchLoaded = false;
  function loadSearch() {
    if (searchLoaded) return;
    searchLoaded = true;
    doc.head.appendChild(el("script", { src: root + "assets/search.js" }));
  }
  if (input) {
    input.addEventListener("focus", loadSearch);
    input.addEventListener("input", loadSearch);
    // Until search.js has taken over, Enter must not leave the page.
    input.form.addEventListener("submit", function (e) { e.preventDefault(); });
    doc.addEventListener("keydown", function (e) {
      var tag = (doc.activeElement && doc.activeElement.tagName) || "";
      var typing = /^(INPUT|TEXTAREA|SELECT)$/.test(tag) || (doc.activeElement && doc.activeElement.isContentEditable);
      if ((e.key === "/" && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) || (e.key === "k" && (e.ctrlKey || e.metaKey))) {
        e.preventDefault();
        input.focus();
        input.select();
      }
    });
  }
  if (doc.getElementById("not-found-suggestions")) loadSearch();

  // ---------------------------------------------------------------- cited-by, grouped per note
  // A source page lists every passage that cites it; with many, group them by citing note
  // (most citations first), each note's passages folded away under its name.
  var citedList = $(".cited-by .cited-list");
  if (citedList) {
    var cited = citedList.closest(".cited-by"), groups = [], byPage = {};
    $$(":scope > li", citedList).forEach(function (li) {
      var a = $("a", li), page = a.getAttribute("href").split("#")[0];
      if (!byPage[page]) groups.push(byPage[page] = { page: page, title: a.textContent, items: [] });
      byPage[page].items.push(li);
    });
    if (groups.length > 1 && groups.length < citedList.children.length) {
      var out = el("ul", { "class": "cited-groups" });
      groups.sort(function (x, y) { return y.items.length - x.items.length || x.title.localeCompare(y.title, html.lang || "nl"); });
      groups.forEach(function (g) {
        var li = el("li"), n = g.items.length;
        li.appendChild(el("a", { href: g.page }, g.title));
        li.appendChild(doc.createTextNode(" "));
        var det = el("details"), inner = el("ul");
        det.appendChild(el("summary", null, n + " " + cited.getAttribute(n === 1 ? "data-passage" : "data-passages")));
        g.items.forEach(function (item, i) {
          var a = $("a", item), loc = $(".locator", item);
          a.textContent = loc ? loc.textContent : cited.getAttribute("data-passage") + " " + (i + 1);
          if (loc) loc.remove();
          inner.appendChild(item);
        });
        det.appendChild(inner);
        li.appendChild(det);
        out.appendChild(li);
      });
      citedList.replaceWith(out);
    }
  }

  // ---------------------------------------------------------------- timeline filter
  var timeline = doc.getElementById("timeline"), tools = doc.getElementById("timeline-tools");
  if (timeline && tools) {
    var items = $$(":scope > li", timeline), counts = {};
    items.forEach(function (li) {
      li._tags = (li.getAttribute("data-tags") || "").split(/\s+/).filter(Boolean);
      li._tags.forEach(function (t) { counts[t] = (counts[t] || 0) + 1; });
    });
    var tags = Object.keys(counts).sort(function (a, b) { return a.localeCompare(b, html.lang || "nl"); });
    if (tags.length) {
      var label = el("label", { "for": "timeline-topic" }, tools.getAttribute("data-label"));
      var select = el("select", { id: "timeline-topic" });
      select.appendChild(el("option", { value: "" }, tools.getAttribute("data-all") + " (" + items.length + ")"));
      tags.forEach(function (t) { select.appendChild(el("option", { value: t }, t + " (" + counts[t] + ")")); });
      var shown = el("p", { "class": "timeline-shown", role: "status", "aria-live": "polite" });
      tools.appendChild(label);
      tools.appendChild(select);
      tools.appendChild(shown);
      var apply = function (initial) {
        var tag = select.value, n = 0, lastYear = null;
        items.forEach(function (li) {
          var show = !tag || li._tags.indexOf(tag) >= 0;
          li.hidden = !show;
          if (!show) return;
          n++;
          var y = li.getAttribute("data-year");
          li.classList.toggle("timeline-new-year", y !== lastYear);
          lastYear = y;
        });
        shown.textContent = tag ? fill(tools.getAttribute("data-shown"), { n: n, total: items.length }) : "";
        if (!initial && history.replaceState) {
          history.replaceState(null, "", tag ? "#" + encodeURIComponent(tag) : location.pathname + location.search);
        }
      };
      var fromHash = decodeURIComponent(location.hash.slice(1));
      if (fromHash && counts[fromHash]) select.value = fromHash;
      select.addEventListener("change", function () { apply(false); });
      apply(true);
    }
  }

  // ---------------------------------------------------------------- commitment filters
  // The form is in the page (hidden without script); the choice is kept in the address
  // (#status=open&topic=…), so a filtered overview can be shared.
  var filters = doc.getElementById("commitment-filters"), table = doc.getElementById("commitments");
  if (filters && table) {
    var rows = $$("tbody > tr", table), count = $(".commitment-count", filters);
    var field = function (name) { return filters.elements.namedItem(name); };
    var words = function (tr, name) { return (tr.getAttribute("data-" + name) || "").split(/\s+/).filter(Boolean); };
    var applyFilters = function (initial) {
      var want = { status: field("status").value, topics: field("topic").value, letters: field("letter").value };
      var n = 0;
      rows.forEach(function (tr) {
        var show = Object.keys(want).every(function (k) { return !want[k] || words(tr, k).indexOf(want[k]) >= 0; });
        tr.hidden = !show;
        if (show) n++;
      });
      var any = want.status || want.topics || want.letters;
      count.textContent = any ? fill(filters.getAttribute("data-shown"), { n: n, total: rows.length }) : "";
      if (!initial && history.replaceState) {
        var q = ["status", "topic", "letter"].filter(function (k) { return field(k).value; })
          .map(function (k) { return k + "=" + encodeURIComponent(field(k).value); }).join("&");
        history.replaceState(null, "", q ? "#" + q : location.pathname + location.search);
      }
    };
    location.hash.slice(1).split("&").forEach(function (pair) {
      var kv = pair.split("="), select = ["status", "topic", "letter"].indexOf(kv[0]) >= 0 && field(kv[0]);
      if (select && kv.length === 2) {
        var v = decodeURIComponent(kv[1]);
        if ($$("option", select).some(function (o) { return o.value === v; })) select.value = v;
      }
    });
    filters.addEventListener("change", function () { applyFilters(false); });
    filters.addEventListener("submit", function (e) { e.preventDefault(); });
    filters.hidden = false;
    applyFilters(true);
  }

  // ---------------------------------------------------------------- print views: a button for the browser's print dialog
  $$(".print-button").forEach(function (b) {
    b.addEventListener("click", function () { window.print(); });
    b.hidden = false;
  });

  // ---------------------------------------------------------------- shared with graph.js
  window.dossier = { $: $, $$: $$, el: el, fill: fill, root: root, reduceMotion: reduceMotion, onTheme: function (f) { themeListeners.push(f); } };
})();
