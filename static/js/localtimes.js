/* "Your time": times in the viewer's own zone, filled in the browser so that the page's HTML
   is the same for everyone (and can be cached). The zone is the member's profile zone when
   the page says so, else a zone the visitor chose (remembered in a cookie), else the
   browser's. Without this file the page still shows the event's zones. */
(function () {
  "use strict";
  if (!window.Intl || !Intl.DateTimeFormat) { return; }

  function cookie(name) {
    var match = document.cookie.match(new RegExp("(?:^|; )" + name + "=([^;]*)"));
    return match ? decodeURIComponent(match[1]) : "";
  }

  function validZone(zone) {
    if (!zone) { return false; }
    try { new Intl.DateTimeFormat("en", { timeZone: zone }); return true; } catch (e) { return false; }
  }

  function viewerZone() {
    var root = document.documentElement;
    var profile = root.getAttribute("data-profile-zone");
    if (validZone(profile)) { return profile; }
    if (cookie("portal_tz_chosen") === "1" && validZone(cookie("portal_tz"))) { return cookie("portal_tz"); }
    var browser;
    try { browser = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { browser = ""; }
    return validZone(browser) ? browser : "UTC";
  }

  var locale = (document.documentElement.lang || "en").indexOf("fr") === 0 ? "fr-FR" : "en-GB";
  var zone = viewerZone();

  function parts(date, options) {
    var result = {};
    new Intl.DateTimeFormat(locale, Object.assign({ timeZone: zone }, options))
      .formatToParts(date).forEach(function (part) { result[part.type] = part.value; });
    return result;
  }
  function isoDay(date) {
    var p = parts(date, { year: "numeric", month: "2-digit", day: "2-digit" });
    return p.year + "-" + p.month + "-" + p.day;
  }
  function hhmm(date) {
    return new Intl.DateTimeFormat(locale, { timeZone: zone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(date);
  }
  function dayLabel(date) {
    return new Intl.DateTimeFormat(locale, { timeZone: zone, weekday: "short", day: "numeric", month: "short" }).format(date);
  }
  /* "GMT-10", written as the server writes the event's zones, whatever the language. */
  function offsetLabel(date) {
    var style = "shortOffset", result = {};
    try { new Intl.DateTimeFormat("en-GB", { timeZoneName: style }); } catch (e) { style = "short"; }
    new Intl.DateTimeFormat("en-GB", { timeZone: zone, timeZoneName: style })
      .formatToParts(date).forEach(function (part) { result[part.type] = part.value; });
    return (result.timeZoneName || "").replace("−", "-");
  }
  function city() { return zone.split("/").pop().replace(/_/g, " "); }

  /* "22:00–23:00" (with the end's day when the range runs past midnight). */
  function timesText(start, end) {
    if (!end) { return hhmm(start); }
    if (isoDay(end) !== isoDay(start)) { return hhmm(start) + "–" + dayLabel(end) + " " + hhmm(end); }
    return hhmm(start) + "–" + hhmm(end);
  }
  /* The viewer's day when it is not the event's day (in the event's zone), else "". */
  function otherDay(start, eventDay) {
    return eventDay && isoDay(start) !== eventDay ? dayLabel(start) : "";
  }
  function rangeText(start, end, eventDay) {
    var day = otherDay(start, eventDay);
    return (day ? day + ", " : "") + timesText(start, end);
  }

  function fillAgenda(table) {
    var eventDay = table.getAttribute("data-event-day");
    var header = table.querySelector("[data-viewer-column]");
    var you = header ? header.querySelector(".agenda__you") : null;
    var same = table.querySelector("thead th[data-zone='" + zone.replace(/'/g, "") + "']");
    table.setAttribute("data-viewer-zone", zone);
    if (same) {
      /* The viewer's zone is one of the event's columns: mark it rather than repeat it. */
      table.querySelectorAll("[data-zone='" + zone + "']").forEach(function (cell) {
        cell.classList.add("agenda__time--viewer");
        if (you) {
          var label = you.cloneNode(true);
          cell.appendChild(label);
        }
      });
      return;
    }
    if (!header) { return; }
    var first = table.querySelector("[data-viewer-cell]");
    var sample = first ? new Date(first.getAttribute("data-start")) : new Date();
    header.querySelector("[data-viewer-city]").textContent = city();
    header.querySelector("[data-viewer-label]").textContent = offsetLabel(sample);
    header.hidden = false;
    table.querySelectorAll("[data-viewer-cell]").forEach(function (cell) {
      var start = new Date(cell.getAttribute("data-start"));
      var end = new Date(cell.getAttribute("data-end"));
      var time = document.createElement("time");
      time.setAttribute("datetime", cell.getAttribute("data-start"));
      time.textContent = timesText(start, end);
      var label = document.createElement("span");
      label.className = "agenda__zone";
      label.textContent = city() + " (" + offsetLabel(start) + ")";
      cell.textContent = "";
      var day = otherDay(start, eventDay);
      if (day) {
        var dayElement = document.createElement("span");
        dayElement.className = "agenda__day";
        dayElement.textContent = day;
        cell.appendChild(dayElement);
        cell.appendChild(document.createTextNode(" "));
      }
      cell.appendChild(time);
      cell.appendChild(document.createTextNode(" "));
      cell.appendChild(label);
      if (you) { cell.appendChild(you.cloneNode(true)); }
      cell.hidden = false;
    });
  }

  /* Any [data-local-time] element: its own start (and end), in the viewer's zone; its
     [data-local-time-wrap] container is shown once filled, unless the viewer's zone is
     the event's own (data-event-zone), where the line would repeat the event's time. */
  function fillTimes() {
    document.querySelectorAll("[data-local-time]").forEach(function (element) {
      var wrap = element.closest("[data-local-time-wrap]") || element;
      if (element.getAttribute("data-event-zone") === zone) { return; }
      var start = new Date(element.getAttribute("data-start"));
      var endValue = element.getAttribute("data-end");
      var end = endValue ? new Date(endValue) : null;
      var eventDay = element.getAttribute("data-event-day");
      var text = rangeText(start, end, eventDay);
      if (element.hasAttribute("data-with-date")) { text = dayLabel(start) + ", " + rangeText(start, end, ""); }
      element.textContent = text + " " + city() + " (" + offsetLabel(start) + ")";
      if (element.tagName === "TIME") { element.setAttribute("datetime", element.getAttribute("data-start")); }
      wrap.hidden = false;
    });
    document.querySelectorAll("[data-viewer-zone-name]").forEach(function (element) {
      element.textContent = zone.replace(/_/g, " ");
    });
  }

  function run() {
    document.querySelectorAll("table.agenda").forEach(fillAgenda);
    fillTimes();
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", run); } else { run(); }
})();
