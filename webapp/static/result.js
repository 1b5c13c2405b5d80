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
    }
  } catch (e) { /* storage blocked: nothing to clear */ }
})();
