// Buttons marked data-print print the page (no inline handlers: the pages run under a strict CSP).
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.addEventListener("click", function () { window.print(); });
});
