// Suggestions as you type in a search box: an ARIA 1.2 combobox with a listbox popup.
// Progressive enhancement only: without this file the box is a plain search form, and Enter
// with no suggestion chosen still sends the form exactly as before.
(function () {
  "use strict";

  var DELAY = 200; // ms after the last key press
  var MIN_LENGTH = 2;

  function setUp(input) {
    var url = input.getAttribute("data-suggest");
    var anchor = input.closest(".inline-input") || input;
    var list = document.createElement("ul");
    var status = document.createElement("div");
    var options = [];
    var active = -1;
    var timer = null;
    var asked = 0;
    var cache = {};

    list.id = input.id + "-suggestions";
    list.className = "suggestions";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Suggested questions");
    list.hidden = true;
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    anchor.insertAdjacentElement("afterend", list);
    list.insertAdjacentElement("afterend", status);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("autocomplete", "off");

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function choose(index) {
      options.forEach(function (option, i) {
        option.setAttribute("aria-selected", i === index ? "true" : "false");
      });
      active = index;
      if (index >= 0) {
        input.setAttribute("aria-activedescendant", options[index].id);
        options[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function show(suggestions) {
      list.textContent = "";
      options = suggestions.map(function (suggestion, i) {
        var option = document.createElement("li");
        var number = document.createElement("span");
        option.id = list.id + "-" + i;
        option.className = "suggestions__option";
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.setAttribute("data-url", suggestion.url);
        option.textContent = suggestion.question + " ";
        if (suggestion.emergency) {
          // First when what is typed reads as someone in danger: who to call now.
          option.className += " suggestions__option--emergency";
        } else {
          number.className = "qnum";
          number.textContent = "Q" + suggestion.number;
          option.appendChild(number);
        }
        list.appendChild(option);
        return option;
      });
      active = -1;
      input.removeAttribute("aria-activedescendant");
      if (options.length) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
        status.textContent = options.length + (options.length === 1 ? " suggestion" : " suggestions") +
          " available: use the up and down arrows to choose, Enter to open.";
      } else {
        close();
        status.textContent = "";
      }
    }

    function ask() {
      var text = input.value.trim();
      if (text.length < MIN_LENGTH) {
        show([]);
        return;
      }
      if (cache[text]) {
        show(cache[text]);
        return;
      }
      var ticket = ++asked;
      fetch(url + "?q=" + encodeURIComponent(text), { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
        .then(function (data) {
          cache[text] = data.suggestions || [];
          if (ticket === asked && document.activeElement === input) show(cache[text]);
        })
        .catch(function () { /* no suggestions: the form works as it is */ });
    }

    function open(option) {
      window.location.assign(option.getAttribute("data-url"));
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(ask, DELAY);
    });
    input.addEventListener("keydown", function (event) {
      var isOpen = !list.hidden && options.length;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (!isOpen) {
          if (options.length) {
            list.hidden = false;
            input.setAttribute("aria-expanded", "true");
          }
          return;
        }
        event.preventDefault();
        var step = event.key === "ArrowDown" ? 1 : -1;
        var next = active + step;
        if (next >= options.length) next = -1;
        if (next < -1) next = options.length - 1;
        choose(next);
      } else if (event.key === "Enter" && isOpen && active >= 0) {
        event.preventDefault();
        open(options[active]);
      } else if (event.key === "Escape" && isOpen) {
        event.preventDefault();
        close();
      }
    });
    input.addEventListener("blur", function () {
      setTimeout(close, 150); // after a click on an option has landed
    });
    list.addEventListener("mousedown", function (event) {
      event.preventDefault(); // keep focus in the box
    });
    list.addEventListener("click", function (event) {
      var option = event.target.closest("[role=option]");
      if (option) open(option);
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("input[data-suggest]"), setUp);
})();
