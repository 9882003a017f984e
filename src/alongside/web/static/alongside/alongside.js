// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  // Move focus to the error summary so a screen reader announces the problems at once.
  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.querySelector("[data-focus-on-load]");
    if (summary) { summary.focus(); }
  });
  // After htmx swaps search results, say how many there are (the live region reads the caption).
  document.addEventListener("htmx:afterSwap", function (event) {
    var status = document.getElementById("results-status");
    var caption = event.target.querySelector("caption");
    if (status && caption) { status.textContent = caption.textContent; }
  });
  // Auto-submit filter selects only where the form asks for it; the submit button stays for keyboards.
  document.addEventListener("change", function (event) {
    var form = event.target.form;
    if (form && form.hasAttribute("data-submit-on-change") && window.htmx) {
      window.htmx.trigger(form, "submit");
    }
  });
})();
