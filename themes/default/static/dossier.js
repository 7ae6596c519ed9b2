// dossier default theme: theme toggle, menu, citation popovers, search. No dependencies;
// everything degrades to plain links without JavaScript.
(function () {
  "use strict";
  var root = document.body.getAttribute("data-root") || "";

  // Light/dark toggle that remembers.
  var toggle = document.querySelector(".theme-toggle");
  if (toggle) toggle.addEventListener("click", function () {
    var dark = document.documentElement.dataset.theme
      ? document.documentElement.dataset.theme === "dark"
      : window.matchMedia("(prefers-color-scheme: dark)").matches;
    var next = dark ? "light" : "dark";
    document.documentElement.dataset.theme = next;
    try { localStorage.setItem("dossier-theme", next); } catch (e) {}
  });

  // Phone menu.
  var menu = document.querySelector(".menu-toggle"), sidebar = document.getElementById("sidebar");
  if (menu && sidebar) menu.addEventListener("click", function () {
    var open = sidebar.classList.toggle("open");
    menu.setAttribute("aria-expanded", String(open));
  });

  // Citation popovers on hover and keyboard focus.
  var pop = null;
  function hide() { if (pop) { pop.remove(); pop = null; } }
  function show(a) {
    hide();
    pop = document.createElement("div");
    pop.className = "cite-popover";
    pop.id = "cite-popover";
    pop.setAttribute("role", "tooltip");
    pop.textContent = a.getAttribute("data-cite");
    document.body.appendChild(pop);
    var r = a.getBoundingClientRect();
    var left = Math.min(window.scrollX + r.left, window.scrollX + document.documentElement.clientWidth - pop.offsetWidth - 8);
    pop.style.left = Math.max(8, left) + "px";
    pop.style.top = (window.scrollY + r.bottom + 6) + "px";
    a.setAttribute("aria-describedby", "cite-popover");
  }
  document.querySelectorAll("a.cite-ref[data-cite]").forEach(function (a) {
    a.addEventListener("mouseenter", function () { show(a); });
    a.addEventListener("focus", function () { show(a); });
    a.addEventListener("mouseleave", hide);
    a.addEventListener("blur", hide);
  });
  document.addEventListener("keydown", function (e) { if (e.key === "Escape") hide(); });

  // Search over search.json: titles, aliases, tags, headings, summaries.
  var input = document.getElementById("search-input"), list = document.getElementById("search-results");
  var index = null, selected = -1;
  function fold(s) { return (s || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase(); }
  function load() {
    if (index) return Promise.resolve(index);
    return fetch(root + "search.json").then(function (r) { return r.json(); }).then(function (d) {
      index = d.map(function (p) {
        return { p: p, title: fold(p.title), rest: fold([p.aliases.join(" "), p.tags.join(" "), p.headings.join(" "), p.summary || ""].join(" ")) };
      });
      return index;
    });
  }
  function esc(s) { var d = document.createElement("div"); d.textContent = s || ""; return d.innerHTML; }
  function highlight(text, terms) {
    var out = esc(text);
    terms.forEach(function (t) {
      if (t.length < 2) return;
      out = out.replace(new RegExp("(" + t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") + ")", "gi"), "<mark>$1</mark>");
    });
    return out;
  }
  function run() {
    var q = fold(input.value.trim());
    if (!q) { list.hidden = true; return; }
    load().then(function (idx) {
      var terms = q.split(/\s+/);
      var hits = idx.map(function (e) {
        var score = 0;
        for (var i = 0; i < terms.length; i++) {
          var t = terms[i];
          if (e.title.indexOf(t) >= 0) score += e.title.indexOf(t) === 0 ? 5 : 3;
          else if (e.rest.indexOf(t) >= 0) score += 1;
          else return null;
        }
        return { e: e, score: score };
      }).filter(Boolean).sort(function (a, b) { return b.score - a.score; }).slice(0, 12);
      list.innerHTML = hits.length ? hits.map(function (h, i) {
        var p = h.e.p;
        return '<li role="option" id="sr-' + i + '"><a href="' + root + p.url + '">' + highlight(p.title, input.value.trim().split(/\s+/)) +
          '<span class="kind">' + esc(p.kind) + "</span>" + (p.summary ? "<p>" + highlight(p.summary, input.value.trim().split(/\s+/)) + "</p>" : "") + "</a></li>";
      }).join("") : '<li class="empty">' + esc(input.getAttribute("data-no-results")) + "</li>";
      list.hidden = false;
      selected = -1;
    });
  }
  if (input && list) {
    input.form.addEventListener("submit", function (e) { e.preventDefault(); });
    input.addEventListener("input", run);
    input.addEventListener("keydown", function (e) {
      var items = list.querySelectorAll("li[role=option]");
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        e.preventDefault();
        if (!items.length) return;
        selected = (selected + (e.key === "ArrowDown" ? 1 : items.length - 1)) % items.length;
        items.forEach(function (li, i) { li.setAttribute("aria-selected", String(i === selected)); });
        items[selected].scrollIntoView({ block: "nearest" });
      } else if (e.key === "Enter" && items.length) {
        var a = items[Math.max(selected, 0)].querySelector("a");
        if (a) window.location.href = a.href;
      } else if (e.key === "Escape") { list.hidden = true; input.blur(); }
    });
    document.addEventListener("keydown", function (e) {
      var typing = /INPUT|TEXTAREA|SELECT/.test(document.activeElement.tagName);
      if ((e.key === "/" && !typing) || (e.key === "k" && (e.ctrlKey || e.metaKey))) { e.preventDefault(); input.focus(); }
    });
    document.addEventListener("click", function (e) { if (!e.target.closest(".search")) list.hidden = true; });
  }

  // 404: suggest pages whose names resemble the missing path.
  var sugg = document.getElementById("not-found-suggestions");
  if (sugg) {
    var words = fold(decodeURIComponent(location.pathname.split("/").pop().replace(/\.html$/, ""))).split(/[^a-z0-9]+/).filter(Boolean);
    load().then(function (idx) {
      var hits = idx.map(function (e) {
        var s = 0; words.forEach(function (w) { if (e.title.indexOf(w) >= 0) s += 2; else if (e.rest.indexOf(w) >= 0) s += 1; });
        return { e: e, s: s };
      }).filter(function (h) { return h.s > 0; }).sort(function (a, b) { return b.s - a.s; }).slice(0, 8);
      sugg.innerHTML = hits.map(function (h) { return '<li><a href="' + root + h.e.p.url + '">' + esc(h.e.p.title) + "</a></li>"; }).join("");
    }).catch(function () {});
  }
})();
