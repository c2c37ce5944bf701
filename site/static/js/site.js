/* Progressive enhancement only: everything works without this file. */
(function () {
  "use strict";
  // After a failed submission, move focus to the error summary so screen-reader users hear it first.
  var summary = document.getElementById("error-summary");
  if (summary) {
    summary.focus();
  }
})();
