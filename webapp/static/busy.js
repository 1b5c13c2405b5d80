// Forms that take a while (marking, tuning): on submit the button says what is happening and
// cannot be pressed again; coming back to the page (Back, or the browser's page cache) restores
// it. A form opts in with data-busy="the button's text while busy".
(function () {
  "use strict";
  var forms = document.querySelectorAll("form[data-busy]");
  Array.prototype.forEach.call(forms, function (form) {
    var button = form.querySelector("button[type=submit]");
    if (!button) { return; }
    var idle = button.textContent;
    form.addEventListener("submit", function () {
      // after this tick, so the button's own name and value are still sent with the form
      window.setTimeout(function () {
        button.disabled = true;
        button.setAttribute("aria-busy", "true");
        button.textContent = form.dataset.busy;
      }, 0);
    });
    window.addEventListener("pageshow", function () {
      button.disabled = false;
      button.removeAttribute("aria-busy");
      button.textContent = idle;
    });
  });
})();
