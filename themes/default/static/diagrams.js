// dossier default theme: draws the page's Mermaid diagrams (<pre class="mermaid">) with the
// vendored Mermaid, which pages with a diagram load before this script. Strict security:
// labels are text, never HTML or links that run script. Without JavaScript the diagram's
// text stays readable as it is.
(function () {
  "use strict";
  if (!window.mermaid) return;
  var dark = document.documentElement.dataset.theme === "dark" ||
    (!document.documentElement.dataset.theme && window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches);
  window.mermaid.initialize({ startOnLoad: false, securityLevel: "strict", theme: dark ? "dark" : "default" });
  window.mermaid.run({ querySelector: "pre.mermaid" }).catch(function (err) {
    if (window.console) console.warn("dossier diagrams:", err);
  });
})();
