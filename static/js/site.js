// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";

  // Quick exit: leave without a trace in history, by button or by pressing Shift three times.
  function leave(url) {
    document.body.style.visibility = "hidden";
    window.location.replace(url);
  }

  var exitLink = document.querySelector("[data-quick-exit]");
  if (exitLink) {
    var url = exitLink.getAttribute("href");
    exitLink.addEventListener("click", function (event) {
      event.preventDefault();
      leave(url);
    });
    var presses = 0;
    var timer = null;
    document.addEventListener("keyup", function (event) {
      if (event.key !== "Shift") {
        presses = 0;
        return;
      }
      presses += 1;
      clearTimeout(timer);
      timer = setTimeout(function () { presses = 0; }, 1000);
      if (presses >= 3) {
        leave(url);
      }
    });
  }

  // Coming back with Back or Forward (someone else, after the quick exit), a search box or the
  // force finder shows what the page itself holds, not what was typed into it before: the
  // browser may have kept the page with the text in it, or put the text back.
  window.addEventListener("pageshow", function (event) {
    var entries = performance.getEntriesByType ? performance.getEntriesByType("navigation") : [];
    var returned = entries.length && entries[0].type === "back_forward";
    if (!event.persisted && !returned) return;
    document.querySelectorAll("input[name='q']").forEach(function (input) {
      input.value = input.defaultValue;
    });
  });

  // Print: a button only JavaScript can work, so it stays hidden without it.
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });

  // Error summary: move focus to it so screen readers announce the problems first.
  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      if (!link) return;
      var input = document.getElementById(link.getAttribute("href").slice(1));
      if (!input) return;
      event.preventDefault();
      var group = input.closest(".form-group") || input;
      group.scrollIntoView();
      input.focus({ preventScroll: true });
    });
  }
})();
