/* @mention suggestions in the forum's message boxes. Typing "@" and the start of a name
   asks the server (members the writer may see, at most eight) and shows a listbox under
   the box: arrows move, Enter or Tab insert "@username ", Escape closes. The box keeps the
   focus (aria-activedescendant points at the highlighted option) and a polite status says
   how many members match. Without JavaScript, typing "@username" works the same. */
(function () {
  "use strict";

  var TRIGGER = /(^|[^\w@\/])@([\w.+-]{1,30})$/;
  var counter = 0;

  function setUp(box) {
    var url = box.getAttribute("data-mention-url");
    if (!url || !window.fetch) { return; }
    counter += 1;
    var listId = "mention-list-" + counter;
    var list = document.createElement("ul");
    list.id = listId;
    list.className = "mention-list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", box.getAttribute("data-mention-label") || "Members");
    list.hidden = true;
    var status = document.createElement("div");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    box.insertAdjacentElement("afterend", list);
    list.insertAdjacentElement("afterend", status);
    box.setAttribute("aria-autocomplete", "list");
    box.setAttribute("aria-controls", listId);

    var results = [], active = -1, timer = null, lastQuery = null, controller = null;

    function query() {
      var before = box.value.slice(0, box.selectionStart);
      var match = TRIGGER.exec(before);
      return match ? match[2] : null;
    }

    function close() {
      list.hidden = true;
      list.textContent = "";
      results = [];
      active = -1;
      box.removeAttribute("aria-activedescendant");
    }

    function highlight(index) {
      var options = list.querySelectorAll("[role=option]");
      if (!options.length) { return; }
      active = (index + options.length) % options.length;
      options.forEach(function (option, i) {
        option.setAttribute("aria-selected", i === active ? "true" : "false");
      });
      box.setAttribute("aria-activedescendant", options[active].id);
    }

    function insert(index) {
      var chosen = results[index];
      if (!chosen) { return; }
      var caret = box.selectionStart;
      var before = box.value.slice(0, caret);
      var match = TRIGGER.exec(before);
      if (!match) { close(); return; }
      var start = caret - match[2].length;
      var text = chosen.username + " ";
      box.value = box.value.slice(0, start) + text + box.value.slice(caret);
      var position = start + text.length;
      box.setSelectionRange(position, position);
      close();
      box.focus();
    }

    function show(items) {
      results = items;
      list.textContent = "";
      active = -1;
      box.removeAttribute("aria-activedescendant");
      if (!items.length) {
        list.hidden = true;
        status.textContent = box.getAttribute("data-mention-none") || "";
        return;
      }
      items.forEach(function (item, index) {
        var option = document.createElement("li");
        option.id = listId + "-" + index;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        var name = document.createElement("span");
        name.textContent = item.name;
        var handle = document.createElement("span");
        handle.className = "mention-list__handle";
        handle.textContent = " @" + item.username;
        option.appendChild(name);
        option.appendChild(handle);
        option.addEventListener("mousedown", function (event) {
          event.preventDefault();  // keep the focus in the box
          insert(index);
        });
        list.appendChild(option);
      });
      list.hidden = false;
      highlight(0);
      var hint = box.getAttribute("data-mention-hint") || "%(count)s";
      status.textContent = hint.replace("%(count)s", String(items.length));
    }

    function lookUp() {
      var text = query();
      if (text === null) { close(); lastQuery = null; return; }
      if (text === lastQuery) { return; }
      lastQuery = text;
      if (controller) { controller.abort(); }
      controller = window.AbortController ? new AbortController() : null;
      var address = url + "?q=" + encodeURIComponent(text);
      var category = box.getAttribute("data-mention-category");
      if (category) { address += "&category=" + encodeURIComponent(category); }
      fetch(address, { headers: { "Accept": "application/json" }, credentials: "same-origin",
                       signal: controller ? controller.signal : undefined })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) { if (query() === text) { show(data.results || []); } })
        .catch(function () { /* aborted or offline: no suggestions */ });
    }

    box.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(lookUp, 200);
    });
    box.addEventListener("keydown", function (event) {
      if (list.hidden || !results.length) { return; }
      if (event.key === "ArrowDown") { event.preventDefault(); highlight(active + 1); }
      else if (event.key === "ArrowUp") { event.preventDefault(); highlight(active - 1); }
      else if (event.key === "Enter" || event.key === "Tab") {
        if (active >= 0) { event.preventDefault(); insert(active); }
      } else if (event.key === "Escape") { event.preventDefault(); close(); }
    });
    box.addEventListener("blur", function () { window.setTimeout(close, 150); });
  }

  function start() {
    document.querySelectorAll("textarea[data-mention-url]").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
