// Filters start open on wide screens and folded on narrow ones, where the results come first.
// Runs before USWDS initialises its accordions, which then follow aria-expanded.
(function () {
  var wide = window.matchMedia("(min-width: 64em)").matches;
  document.querySelectorAll("[data-expand-on-desktop]").forEach(function (button) {
    button.setAttribute("aria-expanded", wide ? "true" : "false");
    var panel = document.getElementById(button.getAttribute("aria-controls"));
    if (panel) {
      panel.hidden = !wide;
    }
  });
})();
