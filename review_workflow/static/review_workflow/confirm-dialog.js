// A link to a confirmation page opens the same confirmation in a dialog instead; without
// JavaScript (or <dialog>) the link still leads to the page.
document.querySelectorAll("a[data-confirm-dialog]").forEach(function (link) {
  var dialog = document.getElementById(link.dataset.confirmDialog);
  if (!dialog || typeof dialog.showModal !== "function") {
    return;
  }
  link.addEventListener("click", function (event) {
    event.preventDefault();
    dialog.showModal();
  });
  dialog.querySelectorAll("[data-close-dialog]").forEach(function (cancel) {
    cancel.addEventListener("click", function (event) {
      event.preventDefault();
      dialog.close();
      link.focus();
    });
  });
});
