// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  // Move focus to the error summary so a screen reader announces the problems at once.
  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.querySelector("[data-focus-on-load]");
    if (summary) { summary.focus(); }
  });
  // An error summary link focuses its field and scrolls the whole field into view: a plain jump to the
  // fragment would hide the label above the input, and would leave the fragment in the form's address.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest(".error-summary a[href^='#']");
    var field = link && document.getElementById(link.getAttribute("href").slice(1));
    if (!field) { return; }
    event.preventDefault();
    (field.closest(".field") || field).scrollIntoView();
    field.focus({ preventScroll: true });
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
  // Signing out on a shared phone empties the visit pages kept for offline use; the queued actions stay in
  // IndexedDB, sent when their own user signs in again.
  document.addEventListener("submit", function (event) {
    if (event.target.matches("form[action$='/sign-out/']") && window.caches) {
      window.caches.delete("alongside-visits-pages-v1");
    }
  });
  // Before an idle sign-out the page warns and offers to stay signed in (WCAG 2.2.1); any request resets it.
  var sessionWarning = null, sessionTimer = null, focusBeforeWarning = null;
  function armSessionWarning() {
    if (!sessionWarning) { return; }
    window.clearTimeout(sessionTimer);
    sessionTimer = window.setTimeout(function () {
      focusBeforeWarning = document.activeElement;
      sessionWarning.hidden = false;
      sessionWarning.querySelector("button").focus();
    }, Number(sessionWarning.getAttribute("data-warn-after")) * 1000);
  }
  document.addEventListener("DOMContentLoaded", function () {
    sessionWarning = document.getElementById("session-warning");
    armSessionWarning();
  });
  document.addEventListener("htmx:afterRequest", armSessionWarning);
  document.addEventListener("submit", function (event) {
    if (!sessionWarning || event.target.parentNode !== sessionWarning) { return; }
    event.preventDefault();
    window.fetch(event.target.action, { method: "POST", body: new FormData(event.target), credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok || response.redirected) { window.location.reload(); return; }
        sessionWarning.hidden = true;
        if (focusBeforeWarning && focusBeforeWarning.focus) { focusBeforeWarning.focus(); }
        armSessionWarning();
      });
  });
})();
