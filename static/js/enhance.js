/* Small enhancements of forms and lists; every page works without this file. */
(function () {
  "use strict";

  /* After a failed submit, the error summary takes the focus (and the screen), and each of
     its links moves the focus to its field. */
  function focusErrorSummary() {
    var summary = document.querySelector("[data-error-summary]");
    if (!summary) { return; }
    /* The form posts to "...#register"; the browser's own jump to that fragment comes after
       this script runs and would take the focus away, so focus once more after it. */
    function focus() { if (document.activeElement !== summary) { summary.focus(); } }
    focus();
    window.addEventListener("load", function () { window.setTimeout(focus, 0); });
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      if (!link) { return; }
      var target = document.getElementById(link.getAttribute("href").slice(1));
      if (!target) { return; }
      event.preventDefault();
      var input = target.matches("input, select, textarea") ? target : target.querySelector("input, select, textarea");
      (input || target).focus();
      (input || target).scrollIntoView({ block: "center" });
    });
  }

  /* Filters sit behind a "Filters" disclosure on phones; on wider screens they are open. */
  function openFiltersOnWideScreens() {
    var panels = document.querySelectorAll("details[data-filters]");
    if (!panels.length || !window.matchMedia) { return; }
    var wide = window.matchMedia("(min-width: 60rem)");
    function apply() { panels.forEach(function (panel) { if (wide.matches) { panel.open = true; } }); }
    apply();
    if (wide.addEventListener) { wide.addEventListener("change", apply); }
  }

  function run() {
    focusErrorSummary();
    openFiltersOnWideScreens();
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", run); } else { run(); }
})();
