// A job's page follows the job: every 2 s it asks for the job's state, moves the progress bar,
// and once the job has finished (or stopped) loads the page again to show the download.
(function () {
  var box = document.querySelector("[data-job-poll]");
  if (!box) return;
  var url = box.getAttribute("data-job-poll");
  var bar = document.getElementById("job-progress");
  var percent = document.getElementById("job-percent");
  var status = document.getElementById("job-status");
  function poll() {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (state) {
        bar.value = state.percent;
        percent.textContent = state.percent + "%";
        status.textContent = state.label;
        if (state.waiting) setTimeout(poll, 2000);
        else window.location.reload();
      })
      .catch(function () { setTimeout(poll, 5000); });
  }
  setTimeout(poll, 2000);
})();
