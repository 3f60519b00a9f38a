// ztcentral console: the little JavaScript it has. Pages work without it.
(function () {
  "use strict";
  // Ask before an action that cannot be undone (forms marked data-confirm).
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form.getAttribute && form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) { event.preventDefault(); }
  });
  // "All units" ticks every unit box.
  var all = document.getElementById("all-units");
  if (all) {
    all.addEventListener("change", function () {
      var boxes = document.querySelectorAll("input[name=units]");
      for (var i = 0; i < boxes.length; i++) { boxes[i].checked = all.checked; }
    });
  }
  // Click a column header of a sortable table to sort by it (numbers as numbers).
  function key(cell) {
    var text = cell.textContent.trim();
    var n = parseFloat(text.replace(/[^0-9.\-]/g, ""));
    return isNaN(n) || /^[^0-9\-]/.test(text) ? text : n;
  }
  var tables = document.querySelectorAll("table.sortable");
  for (var t = 0; t < tables.length; t++) {
    (function (table) {
      var heads = table.tHead ? table.tHead.rows[0].cells : [];
      for (var c = 0; c < heads.length; c++) {
        (function (col) {
          heads[col].addEventListener("click", function () {
            var body = table.tBodies[0];
            var rows = Array.prototype.slice.call(body.rows);
            var asc = heads[col].getAttribute("data-dir") !== "asc";
            rows.sort(function (a, b) {
              var x = key(a.cells[col]), y = key(b.cells[col]);
              return (x > y ? 1 : x < y ? -1 : 0) * (asc ? 1 : -1);
            });
            heads[col].setAttribute("data-dir", asc ? "asc" : "desc");
            for (var r = 0; r < rows.length; r++) { body.appendChild(rows[r]); }
          });
        })(c);
      }
    })(tables[t]);
  }
})();
