// Write page: live word count, optional countdown timer, draft autosaved in localStorage.
(function () {
  "use strict";
  var form = document.getElementById("answer-form");
  if (!form) { return; }
  var box = form.querySelector("textarea");
  var counter = document.getElementById("word-count");
  var status = document.getElementById("draft-status");
  var limit = parseInt(form.dataset.wordLimit, 10) || 0;
  var key = form.dataset.draftKey;
  var storage = null;
  try { storage = window.localStorage; storage.setItem("mains-eval:probe", "1"); storage.removeItem("mains-eval:probe"); } catch (e) { storage = null; }

  // Same rule as the grader: runs of letters or digits, inner ' . + - joined.
  var WORD = /[\p{L}\p{N}](?:[\p{L}\p{N}\p{M}_'\u2019.+-]*[\p{L}\p{N}])?/gu;
  function countWords(text) { var m = text.match(WORD); return m ? m.length : 0; }

  function updateCount() {
    var n = countWords(box.value);
    counter.textContent = n + " / " + limit + " words";
    counter.classList.toggle("over", limit > 0 && n > limit);
  }

  var saveTimer = null;
  function saveDraft() {
    if (!storage) { return; }
    try {
      if (box.value) { storage.setItem(key, box.value); } else { storage.removeItem(key); }
      status.textContent = "Draft saved in this browser.";
    } catch (e) {
      status.textContent = "Could not save the draft in this browser (storage full or blocked).";
    }
  }

  if (storage) {
    var draft = storage.getItem(key);
    // A server-filled box (rewrite, or a rejected submit) wins over an older local draft.
    if (draft && form.dataset.prefilled !== "true" && !box.value) {
      box.value = draft;
      status.textContent = "Restored your unsent draft.";
    }
  } else {
    status.textContent = "This browser does not allow saving drafts; copy your text before leaving.";
  }
  updateCount();
  box.addEventListener("input", function () {
    updateCount();
    window.clearTimeout(saveTimer);
    saveTimer = window.setTimeout(saveDraft, 300);
  });
  window.addEventListener("beforeunload", saveDraft);
  // Back after a submit: the browser refills the box without an input event
  window.addEventListener("pageshow", function () {
    updateCount();
    var marked = null;
    try { marked = window.sessionStorage.getItem("mains-eval:marked"); } catch (e) { /* blocked */ }
    if (marked === key && box.value) {
      status.textContent = "This text was submitted already: submitting it again saves a new attempt.";
    }
  });
  form.addEventListener("submit", function () {
    saveDraft();
    try { window.sessionStorage.setItem("mains-eval:submitted", key); } catch (e) { /* blocked */ }
  });

  var clearButton = document.getElementById("clear-draft");
  clearButton.addEventListener("click", function () {
    if (box.value && !window.confirm("Clear the text and the saved draft?")) { return; }
    box.value = "";
    if (storage) { storage.removeItem(key); }
    status.textContent = "Draft cleared.";
    updateCount();
    box.focus();
  });

  // Countdown timer: optional, pausable; it never submits on its own.
  var minutes = parseInt(form.dataset.minutes, 10) || 0;
  var display = document.getElementById("timer-display");
  var toggle = document.getElementById("timer-toggle");
  var reset = document.getElementById("timer-reset");
  var remaining = minutes * 60;
  var ticking = null;
  function show() {
    var m = Math.floor(Math.abs(remaining) / 60), s = Math.abs(remaining) % 60;
    display.textContent = (remaining < 0 ? "-" : "") + m + ":" + (s < 10 ? "0" : "") + s;
    display.classList.toggle("low", remaining > 0 && remaining <= 60);
    display.classList.toggle("done", remaining <= 0);
  }
  function stop(label) {
    window.clearInterval(ticking); ticking = null;
    toggle.textContent = label; toggle.setAttribute("aria-pressed", "false");
  }
  toggle.addEventListener("click", function () {
    if (ticking) { stop("Resume timer"); return; }
    toggle.textContent = "Pause timer"; toggle.setAttribute("aria-pressed", "true");
    ticking = window.setInterval(function () {
      remaining -= 1;
      show();
      if (remaining === 0) { display.setAttribute("aria-live", "assertive"); display.textContent = "Time is up"; }
    }, 1000);
  });
  reset.addEventListener("click", function () {
    stop("Start " + minutes + "-minute timer");
    remaining = minutes * 60;
    display.setAttribute("aria-live", "off");
    show();
  });
  show();
})();
