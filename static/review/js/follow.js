// Keeps a judge's phone with the live show: polls where the show is (the same answer for every
// phone, from the server's cache), moves to the report being scored (never throwing away typed
// scores), and counts down the time left to score. Whether this judge should score the report
// that opened is decided by the server at live_url, which sends them to its form or to a page
// saying why not; the phone moves there by itself once per opening.
(function () {
  "use strict";
  var root = document.querySelector("[data-follow]");
  if (!root) return;
  var url = root.dataset.follow;
  var here = root.dataset.appearance || "";
  var hereSegment = root.dataset.segment || "";
  var rendered = root.dataset.state || null;
  var form = document.getElementById("sheet-form");
  var countdown = document.getElementById("countdown");
  var banner = document.getElementById("follow-banner");
  var closed = document.getElementById("closed-banner");
  var dirty = false;
  var deadline = null;
  if (form) form.addEventListener("input", function () { dirty = true; });

  if (countdown && countdown.dataset.seconds !== "") {
    deadline = Date.now() + parseInt(countdown.dataset.seconds, 10) * 1000;
  }

  function format(seconds) {
    var m = Math.floor(seconds / 60), s = seconds % 60;
    return m + ":" + (s < 10 ? "0" : "") + s;
  }

  function tick() {
    if (!countdown) return;
    if (deadline === null) { countdown.hidden = true; return; }
    var left = Math.max(0, Math.round((deadline - Date.now()) / 1000));
    countdown.hidden = false;
    countdown.querySelector(".time").textContent = format(left);
    countdown.classList.toggle("urgent", left <= 15);
  }

  function showClosed() {
    if (!form || root.dataset.reopened) return;
    if (closed) closed.hidden = false;
    form.querySelectorAll("button[type=submit]").forEach(function (b) { b.disabled = true; });
    deadline = null;
  }

  function apply(state) {
    var segment = state.segment === null || state.segment === undefined ? "" : String(state.segment);
    var key = (state.presenting || "") + ":" + segment + ":" + (state.open ? "1" : "0");
    if (rendered !== null) {  // the waiting page: reload into whatever is current
      if (key !== rendered) window.location.href = state.live_url;
      return;
    }
    // This report, and this segment of it (or every segment, opened together).
    if (String(state.presenting) === here && (segment === "" || segment === hereSegment)) {
      deadline = state.seconds_left === null ? null : Date.now() + state.seconds_left * 1000;
      if (!state.open) showClosed();
      return;
    }
    if (!state.open) return;
    if (form && dirty) {
      banner.hidden = false;
      var link = document.getElementById("follow-link");
      link.href = state.live_url;
      link.textContent = state.segment_name ? state.name + " · " + state.segment_name : state.name;
      return;
    }
    // Once per opening: a judge who came back here (recused, or already done) may stay.
    var seen = "saima-followed:" + url;
    try {
      if (window.sessionStorage.getItem(seen) === key) return;
      window.sessionStorage.setItem(seen, key);
    } catch (e) { /* private mode without storage: follow every time */ }
    window.location.href = state.live_url;
  }

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (state) { if (state) apply(state); })
      .catch(function () { /* the hall's network blinked: try again next time */ });
  }

  setInterval(tick, 1000);
  setInterval(poll, 2000);
  tick();
})();
