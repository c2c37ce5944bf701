// Live attendance counts of the staff overview: re-read every 15 seconds while the page is open.
(function () {
  "use strict";
  var table = document.querySelector("[data-attendance-live]");
  if (!table) return;
  function refresh() {
    fetch(table.getAttribute("data-attendance-live"), { credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (counts) {
        Object.keys(counts).forEach(function (pageId) {
          var row = table.querySelector('tr[data-page="' + pageId + '"]');
          if (!row) return;
          row.querySelectorAll("[data-live]").forEach(function (cell) {
            cell.textContent = counts[pageId][cell.getAttribute("data-live")];
          });
        });
      })
      .catch(function () {});
  }
  window.setInterval(refresh, 15000);
})();
