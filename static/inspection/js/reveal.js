// The draw on the big screen: the pairs, already on the page, are shown one by one in the order
// drawn (a pair every 1.5 s); "show every pair" ends it. Without this script all are shown.
(function () {
  "use strict";
  var list = document.getElementById("pairs");
  if (!list) { return; }
  var items = Array.prototype.slice.call(list.querySelectorAll("li"));
  var reduced = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  if (reduced || items.length === 0) { return; }
  list.classList.add("hidden-until-shown");
  items.forEach(function (li) { li.classList.add("waiting"); });
  var next = 0;
  var timer = null;
  function showNext() {
    if (next > 0) { items[next - 1].classList.remove("new"); }
    if (next >= items.length) { window.clearInterval(timer); return; }
    items[next].classList.remove("waiting");
    items[next].classList.add("new");
    next += 1;
  }
  function showAll() {
    window.clearInterval(timer);
    items.forEach(function (li) { li.classList.remove("waiting", "new"); });
    next = items.length;
  }
  var button = document.getElementById("reveal-all");
  if (button) { button.addEventListener("click", showAll); }
  showNext();
  timer = window.setInterval(showNext, 1500);
}());
