/* Progressive enhancements only: every page works without this file. */
(function () {
  "use strict";

  /* Tell the server the browser's time zone, so times read in the viewer's zone. */
  function rememberTimeZone() {
    var zone;
    try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { return; }
    if (!zone) { return; }
    if (/(?:^|; )portal_tz_chosen=1(?:;|$)/.test(document.cookie)) { return; }  /* chosen by hand */
    var current = document.cookie.match(/(?:^|; )portal_tz=([^;]*)/);
    if (current && decodeURIComponent(current[1]) === zone) { return; }
    document.cookie = "portal_tz=" + encodeURIComponent(zone) + "; path=/; max-age=31536000; SameSite=Lax";
    if (document.documentElement.hasAttribute("data-reload-on-tz")) { window.location.reload(); }
  }

  /* Header search: suggestions from the autocomplete endpoint, operable by keyboard. */
  function setUpAutocomplete() {
    var input = document.getElementById("site-search-q");
    var list = document.getElementById("site-search-suggestions");
    if (!input || !list || !window.fetch) { return; }
    var timer = null, active = -1, items = [];

    function close() { list.hidden = true; input.setAttribute("aria-expanded", "false"); active = -1; input.removeAttribute("aria-activedescendant"); }
    function highlight(index) {
      var options = list.querySelectorAll("li");
      options.forEach(function (option, i) { option.setAttribute("aria-selected", i === index ? "true" : "false"); });
      active = index;
      if (index >= 0 && options[index]) { input.setAttribute("aria-activedescendant", options[index].id); }
    }
    function render(results) {
      items = results;
      list.textContent = "";
      results.forEach(function (result, i) {
        var option = document.createElement("li");
        option.id = "site-search-option-" + i;
        option.setAttribute("role", "option");
        option.textContent = result.title + " ";
        var kind = document.createElement("small");
        kind.textContent = result.type;
        option.appendChild(kind);
        option.addEventListener("mousedown", function (event) { event.preventDefault(); window.location.href = result.url; });
        list.appendChild(option);
      });
      list.hidden = results.length === 0;
      input.setAttribute("aria-expanded", results.length ? "true" : "false");
    }
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var query = input.value.trim();
      if (query.length < 2) { close(); return; }
      timer = setTimeout(function () {
        fetch(input.dataset.autocompleteUrl + "?q=" + encodeURIComponent(query), { headers: { "Accept": "application/json" } })
          .then(function (response) { return response.ok ? response.json() : { results: [] }; })
          .then(function (data) { render(data.results || []); })
          .catch(close);
      }, 180);
    });
    input.addEventListener("keydown", function (event) {
      if (list.hidden) { return; }
      if (event.key === "ArrowDown") { event.preventDefault(); highlight(Math.min(active + 1, items.length - 1)); }
      else if (event.key === "ArrowUp") { event.preventDefault(); highlight(Math.max(active - 1, 0)); }
      else if (event.key === "Enter" && active >= 0) { event.preventDefault(); window.location.href = items[active].url; }
      else if (event.key === "Escape") { close(); }
    });
    input.addEventListener("blur", function () { setTimeout(close, 150); });
  }

  /* Buttons that copy a link (e.g. a calendar feed URL) to the clipboard. */
  function setUpCopyButtons() {
    document.querySelectorAll("[data-copy]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        if (!navigator.clipboard) { return; }
        navigator.clipboard.writeText(button.getAttribute("data-copy")).then(function () {
          var status = button.nextElementSibling;
          if (status && status.hasAttribute("data-copy-status")) { status.textContent = status.getAttribute("data-copy-status"); }
        });
      });
    });
  }

  /* Buttons that open the print dialog (printable programme). */
  function setUpPrintButtons() {
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  }

  rememberTimeZone();
  document.addEventListener("DOMContentLoaded", function () {
    setUpAutocomplete();
    setUpCopyButtons();
    setUpPrintButtons();
  });
})();
