/* Progressive enhancement of the directory of entities (/entites/): click a column header to
   sort by it. The header buttons are already in the page (hidden without JavaScript; site.css
   shows them when scripts run: html.js, set by assets/lp-scope.js), so this script does
   nothing at load but listen for a click: no DOM change, no layout, until the reader sorts. Without JavaScript the page
   works as is (sorted by name, grouped by type and tag). */
(function () {
  "use strict";
  function text(row, column) {
    return row.cells[column].textContent.trim();
  }
  function sort(button) {
    var th = button.parentNode;
    var table = th.closest("table");
    var headers = th.parentNode.cells;
    var column = th.cellIndex;
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    Array.prototype.forEach.call(headers, function (other) { other.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = text(a, column), y = text(b, column);
      var nx = Number(x), ny = Number(y);
      var order = (x !== "" && y !== "" && !isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y, "fr");
      return ascending ? order : -order;
    });
    var sorted = document.createDocumentFragment();
    rows.forEach(function (row) { sorted.appendChild(row); });
    body.appendChild(sorted);
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("#lp-directory .lp-sort") : null;
    if (button) sort(button);
  });
})();
