// Asks before an operation's form is sent: forms with data-fathomable-confirm. Jenkins' own dialog when there is
// one (Manage Jenkins » Fathomable loads this file as an adjunct), the browser's otherwise (serve's pages). Always a
// file, never inline: both hosts' Content Security Policies allow no inline script.
(function () {
  "use strict";
  if (window.fathomableConfirm) {
    return; // one listener per page, however often the file is included
  }
  window.fathomableConfirm = true;
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.dataset.fathomableConfirm) {
      return;
    }
    if (form.dataset.fathomableConfirmed === "true") {
      return;
    }
    var message = form.dataset.fathomableConfirm;
    var title = form.dataset.fathomableTitle || "";
    if (window.dialog && typeof window.dialog.confirm === "function") {
      // Jenkins' dialog answers later: hold the form back, send it again once confirmed
      event.preventDefault();
      if (form.dataset.fathomableAsking === "true") {
        return; // a second click (or submit) while its dialog is open asks nothing more
      }
      form.dataset.fathomableAsking = "true";
      var options = { message: message };
      if (form.dataset.fathomableDestructive === "true") {
        options.type = "destructive";
      }
      window.dialog.confirm(title, options).then(function () {
        form.dataset.fathomableConfirmed = "true";
        if (typeof form.requestSubmit === "function") {
          form.requestSubmit();
        } else {
          form.submit();
        }
      }, function () {
        delete form.dataset.fathomableAsking;
      });
    } else if (!window.confirm(title ? title + "\n\n" + message : message)) {
      event.preventDefault();
    }
  }, true);
})();
