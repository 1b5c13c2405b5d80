// Result page: after a fresh submit is marked (and stored on the server), its local draft can
// go. Opening an old result never touches a draft in progress.
(function () {
  "use strict";
  var result = document.getElementById("result");
  if (!result || !result.dataset.clearDraft) { return; }
  try {
    if (window.sessionStorage.getItem("mains-eval:submitted") === result.dataset.clearDraft) {
      window.localStorage.removeItem(result.dataset.clearDraft);
      window.sessionStorage.removeItem("mains-eval:submitted");
      // Back from here refills the write page's box: it says the text was marked already
      window.sessionStorage.setItem("mains-eval:marked", result.dataset.clearDraft);
    }
  } catch (e) { /* storage blocked: nothing to clear */ }
})();

// The marked-up answer is one tab stop, not one per highlight: inside it the arrow keys move
// focus from highlight to highlight (each shows its explanation on focus, as on hover).
(function () {
  "use strict";
  var region = document.getElementById("highlight-region");
  if (!region) { return; }
  var marks = Array.prototype.slice.call(region.querySelectorAll("mark.hl"));
  if (!marks.length) { return; }
  var KEYS = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };
  region.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) { return; }
    var current = marks.indexOf(document.activeElement);
    var next;
    if (event.key === "Home") { next = 0; }
    else if (event.key === "End") { next = marks.length - 1; }
    else if (event.key === "Escape" && current >= 0) { region.focus(); event.preventDefault(); return; }
    else if (KEYS[event.key]) {
      next = current < 0 ? (KEYS[event.key] > 0 ? 0 : marks.length - 1)
        : Math.min(marks.length - 1, Math.max(0, current + KEYS[event.key]));
    } else { return; }
    event.preventDefault();
    marks[next].focus();
  });
})();
