// The value grid like a spreadsheet: Enter and ↓ move down a column, ↑ up; Tab moves along the
// row as the browser does. Enter never submits the form from a cell (the Save button does).
(function () {
  var grid = document.querySelector("[data-grid]");
  if (!grid) return;
  var rows = Array.prototype.slice.call(grid.querySelectorAll("tbody tr"));
  function cellAt(row, column) {
    var tr = rows[row];
    return tr ? tr.querySelectorAll("input.cell")[column] : null;
  }
  grid.addEventListener("keydown", function (event) {
    var input = event.target;
    if (!input.classList || !input.classList.contains("cell")) return;
    var tr = input.closest("tr");
    var row = rows.indexOf(tr);
    var column = Array.prototype.indexOf.call(tr.querySelectorAll("input.cell"), input);
    var step = 0;
    if (event.key === "ArrowDown" || (event.key === "Enter" && !event.shiftKey)) step = 1;
    else if (event.key === "ArrowUp" || (event.key === "Enter" && event.shiftKey)) step = -1;
    else return;
    event.preventDefault();
    var next = cellAt(row + step, column);
    if (next) { next.focus(); next.select(); }
  });
  grid.addEventListener("input", function (event) {
    var input = event.target;
    var was = input.nextElementSibling;
    if (was) input.classList.toggle("changed", input.value.trim() !== was.value.trim());
  });
})();
