// Running total on the scoring form: Σ score × weight of the fields that hold a valid score
// (a number within the maximum, on the step); invalid entries are marked and left out.
// Display only; the server validates and computes everything that counts.
(function () {
  "use strict";
  var form = document.getElementById("sheet-form");
  var out = document.getElementById("running-total");
  if (!form || !out) return;
  var inputs = form.querySelectorAll("input[data-max]");

  function decimals(text) {
    var i = text.indexOf(".");
    return i < 0 ? 0 : text.length - i - 1;
  }

  function update() {
    // Work in integer hundred-thousandths so the sum shows no binary-float noise.
    var sum = 0, any = false, places = 0;
    inputs.forEach(function (input) {
      var text = input.value.trim().replace(/[０-９．]/g, function (ch) {
        return ch === "．" ? "." : String.fromCharCode(ch.charCodeAt(0) - 0xfee0);
      });
      var number = /^\d+(\.\d+)?$/.test(text);
      var step = parseFloat(input.dataset.step);
      var steps = parseFloat(text) / step;
      var invalid = text !== "" && (!number || parseFloat(text) > parseFloat(input.dataset.max) ||
                                    Math.abs(steps - Math.round(steps)) > 1e-9);
      input.classList.toggle("out-of-range", invalid);
      if (!number || invalid) return;  // the total counts only entries the server would accept
      var weight = input.dataset.weight || "1";
      any = true;
      places = Math.max(places, Math.min(decimals(text) + decimals(weight), 5));
      sum += Math.round(parseFloat(text) * parseFloat(weight) * 100000);
    });
    out.textContent = any ? (sum / 100000).toFixed(places) : "—";
  }

  form.addEventListener("input", update);
  update();
})();
