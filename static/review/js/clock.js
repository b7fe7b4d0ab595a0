// The stage clock: every element with data-clock ticks once a second.
//   data-elapsed  seconds on stage before the current run
//   data-started  server time (epoch seconds) the current run started, "" when stopped
//   data-limit    the segment's time limit in seconds ("" for none)
//   data-countdown  show the time left (the big screen) instead of the time used
// The server's clock comes from <meta name="server-now">, so a hall PC whose clock is off
// still counts right. Amber in the last minute, red (with the time over) past the limit.
(function () {
  "use strict";
  var meta = document.querySelector('meta[name="server-now"]');
  var offset = meta ? parseFloat(meta.content) - Date.now() / 1000 : 0;

  function text(seconds) {
    var s = Math.floor(Math.abs(seconds));
    var m = Math.floor(s / 60);
    s = s % 60;
    return (seconds < 0 ? "+" : "") + m + ":" + (s < 10 ? "0" : "") + s;
  }

  function tick() {
    var now = Date.now() / 1000 + offset;
    document.querySelectorAll("[data-clock]").forEach(function (el) {
      var elapsed = parseFloat(el.dataset.elapsed || "0");
      if (el.dataset.started) elapsed += Math.max(0, now - parseFloat(el.dataset.started));
      var limit = el.dataset.limit ? parseFloat(el.dataset.limit) : null;
      var left = limit === null ? null : limit - elapsed;
      el.textContent = el.hasAttribute("data-countdown") && left !== null ? text(left) : text(elapsed);
      el.classList.toggle("clock-amber", left !== null && left <= 60 && left >= 0);
      el.classList.toggle("clock-red", left !== null && left < 0);
    });
  }
  tick();
  window.setInterval(tick, 250);
})();
