/* Webinar pages: when the server does not know the browser's time zone yet, remember it and
   reload once so the agenda shows a "your time" column. Works without it: times in the
   event's zones stay on the page. */
(function () {
  "use strict";
  var agenda = document.querySelector("[data-viewer-zone]");
  if (!agenda || !window.Intl || !window.sessionStorage) { return; }
  var zone;
  try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { return; }
  var shown = agenda.getAttribute("data-viewer-zone");
  if (!zone || zone === shown || agenda.getAttribute("data-zone-source") === "profile") { return; }
  var flag = "portal-tz-reloaded:" + zone;
  if (sessionStorage.getItem(flag)) { return; }
  sessionStorage.setItem(flag, "1");
  /* Zone names (letters, digits, "/", "_", "+", "-") are safe in a cookie as they are; the
     server reads the value without URL-decoding it. */
  if (!/^[A-Za-z0-9_+\/-]+$/.test(zone)) { return; }
  document.cookie = "portal_tz=" + zone + "; path=/; max-age=31536000; SameSite=Lax";
  window.location.reload();
})();
