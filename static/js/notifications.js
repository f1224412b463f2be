/* The header bell: polls the stored unread count (every 45 seconds by default) while the tab is
   visible, sends the last ETag so an unchanged count costs a 304, and updates the badge
   and its accessible label without reloading the page. */
(function () {
  "use strict";

  function setUp() {
    var bell = document.querySelector("[data-bell-url]");
    if (!bell || !window.fetch) { return; }
    var badge = bell.querySelector("[data-bell-count]");
    var label = bell.querySelector("[data-bell-label]");
    var url = bell.getAttribute("data-bell-url");
    var seconds = parseInt(bell.getAttribute("data-bell-interval"), 10);
    var interval = (seconds > 0 ? seconds : 45) * 1000;
    var etag = null, timer = null, busy = false;

    function show(unread) {
      badge.textContent = String(unread);
      badge.hidden = unread === 0;
      if (label) { label.textContent = unread + " " + (bell.getAttribute("data-unread-word") || "unread"); }
      bell.classList.toggle("bell--unread", unread > 0);
    }

    function poll() {
      if (busy || document.hidden) { return; }
      busy = true;
      var headers = { "Accept": "application/json" };
      if (etag) { headers["If-None-Match"] = etag; }
      fetch(url, { headers: headers, credentials: "same-origin", cache: "no-store" })
        .then(function (response) {
          if (response.status === 304) { return null; }
          if (!response.ok) { stop(); return null; }
          etag = response.headers.get("ETag");
          return response.json();
        })
        .then(function (data) { if (data) { show(data.unread); } })
        .catch(function () { /* offline: try again at the next tick */ })
        .then(function () { busy = false; });
    }

    function start() { if (!timer) { timer = window.setInterval(poll, interval); } }
    function stop() { if (timer) { window.clearInterval(timer); timer = null; } }

    document.addEventListener("visibilitychange", function () {
      if (document.hidden) { stop(); } else { poll(); start(); }
    });
    window.portalBell = { refresh: poll };
    poll();
    start();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
