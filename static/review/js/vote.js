// The audience vote page: a device id kept in the phone's storage goes with the vote, so a
// phone that cleared its cookies still votes once. A tap chooses; the confirm button names the
// choice and sends it; the buttons then lock.
(function () {
  "use strict";
  var KEY = "saima-device";
  function deviceId() {
    try {
      var id = window.localStorage.getItem(KEY);
      if (!id) {
        id = (window.crypto && window.crypto.randomUUID) ? window.crypto.randomUUID().replace(/-/g, "")
          : String(Date.now()) + Math.random().toString(16).slice(2);
        window.localStorage.setItem(KEY, id);
      }
      return id;
    } catch (e) {
      return "";
    }
  }
  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("vote-form");
    if (!form) return;
    form.elements.device.value = deviceId();
    var confirm = document.getElementById("vote-confirm");
    form.addEventListener("change", function (event) {
      if (confirm && event.target.name === "appearance") {
        confirm.textContent = confirm.dataset.prefix + " " + event.target.dataset.name;
      }
    });
    form.addEventListener("submit", function () {
      window.setTimeout(function () {
        form.querySelectorAll("button").forEach(function (b) { b.disabled = true; });
      }, 0);
    });
  });
})();
