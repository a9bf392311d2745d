// The USWDS error pattern: when a form comes back with errors, focus moves to its summary,
// whose links lead to each field in error.
var summary = document.querySelector("[data-error-summary]");
if (summary) {
  summary.focus();
}
