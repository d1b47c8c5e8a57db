// Asks before an operation's form is sent: forms with data-fathomable-confirm. Jenkins' own dialog when there is
// one, the browser's otherwise. Loaded as a file (an adjunct), never inline, as Jenkins' Content Security Policy wants.
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.dataset.fathomableConfirm) {
      return;
    }
    if (form.dataset.fathomableConfirmed === "true") {
      return;
    }
    event.preventDefault();
    var send = function () {
      form.dataset.fathomableConfirmed = "true";
      if (typeof form.requestSubmit === "function") {
        form.requestSubmit();
      } else {
        form.submit();
      }
    };
    var message = form.dataset.fathomableConfirm;
    var title = form.dataset.fathomableTitle || "";
    if (window.dialog && typeof window.dialog.confirm === "function") {
      var options = { message: message };
      if (form.dataset.fathomableDestructive === "true") {
        options.type = "destructive";
      }
      window.dialog.confirm(title, options).then(send, function () {});
    } else if (window.confirm(title ? title + "\n\n" + message : message)) {
      send();
    }
  }, true);
})();
