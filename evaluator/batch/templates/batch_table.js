// The answers table of the batch report: sort, filter and page rows kept as JSON in the page.
// Offline, no library; every value is shown with textContent, so no user text becomes markup.
(function () {
  "use strict";
  var PAGE = 200;
  var rows = JSON.parse(document.getElementById("table-data").textContent);
  var options = JSON.parse(document.getElementById("table-options").textContent);
  var full = {};
  options.full.forEach(function (n) { full[n] = true; });
  var body = document.querySelector("#results-table tbody");
  var filter = document.getElementById("table-filter");
  var onlyAdvisories = document.getElementById("only-advisories");
  var onlyErrors = document.getElementById("only-errors");
  var count = document.getElementById("table-count");
  var shown = rows, page = 0, sortKey = 0, sortUp = true;

  // a batch of one question names it once, above the table: a narrow screen hides the column
  // that repeats it on every row, so the marks come into view
  if (rows.length && rows.every(function (r) { return r[2] === rows[0][2]; })) {
    document.getElementById("results-table").classList.add("one-question");
    document.getElementById("table-question").textContent =
      "Every answer is to the question " + rows[0][2] + ".";
  }

  function link(n) {
    if (full[n]) { return "#r" + n; }
    if (options.pages !== null) { return options.pages + "/r" + n + ".html"; }
    return null;
  }
  function cell(tr, text, numeric, href) {
    var td = document.createElement("td");
    if (numeric) { td.className = "num"; }
    if (href) {
      var a = document.createElement("a");
      a.href = href;
      a.textContent = text;
      td.appendChild(a);
    } else {
      td.textContent = text;
    }
    tr.appendChild(td);
  }
  function draw() {
    var start = page * PAGE, end = Math.min(shown.length, start + PAGE);
    var fragment = document.createDocumentFragment();
    for (var i = start; i < end; i++) {
      var r = rows === shown ? rows[i] : shown[i];
      var tr = document.createElement("tr");
      var href = link(r[0]);
      cell(tr, String(r[0]), true, href);
      cell(tr, String(r[1]), false, href);
      cell(tr, r[2], false, null);
      cell(tr, r[3] === null ? "-" : r[3] + " / " + r[4], true, null);
      cell(tr, r[5] === null ? "-" : r[5] + "%", true, null);
      cell(tr, r[6] === null ? "-" : String(r[6]), true, null);
      cell(tr, r[7], false, null);
      cell(tr, r[8], false, null);
      if (r[8]) { tr.lastChild.className = "error"; }
      fragment.appendChild(tr);
    }
    body.replaceChildren(fragment);
    count.textContent = shown.length === 0 ? "no answers match" :
      (start + 1) + "-" + end + " of " + shown.length + " answers";
  }
  function apply() {
    var words = filter.value.toLowerCase().trim();
    shown = rows.filter(function (r) {
      if (onlyAdvisories.checked && !r[7]) { return false; }
      if (onlyErrors.checked && !r[8]) { return false; }
      if (!words) { return true; }
      return (String(r[1]) + " " + r[2] + " " + r[7] + " " + r[8]).toLowerCase().indexOf(words) !== -1;
    });
    var key = sortKey, sign = sortUp ? 1 : -1;
    shown.sort(function (a, b) {
      var x = a[key], y = b[key];
      if (x === y) { return a[0] - b[0]; }
      if (x === null) { return 1; }
      if (y === null) { return -1; }
      return (x < y ? -1 : 1) * sign;
    });
    page = 0;
    draw();
  }
  document.querySelectorAll("#results-table th[data-key]").forEach(function (th) {
    th.addEventListener("click", function () {
      var key = Number(th.getAttribute("data-key"));
      sortUp = key === sortKey ? !sortUp : true;
      sortKey = key;
      document.querySelectorAll("#results-table th").forEach(function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", sortUp ? "ascending" : "descending");
      apply();
    });
  });
  filter.addEventListener("input", apply);
  onlyAdvisories.addEventListener("change", apply);
  onlyErrors.addEventListener("change", apply);
  document.getElementById("page-prev").addEventListener("click", function () {
    if (page > 0) { page--; draw(); }
  });
  document.getElementById("page-next").addEventListener("click", function () {
    if ((page + 1) * PAGE < shown.length) { page++; draw(); }
  });
  draw();
}());
