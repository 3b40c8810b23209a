// Police Advice answers on a force's own site. Put this where the list should appear:
//
//   <div class="pa-embed">
//     <a href="https://ADVICE-SITE/topics/harassment-and-stalking/">Police advice on harassment and stalking</a>
//   </div>
//   <script src="https://ADVICE-SITE/static/js/embed.js" data-topic="harassment-and-stalking"
//     data-force="thames-valley" defer></script>
//
// Without JavaScript the plain link stays. With it, the link is replaced by a search box and
// the topic's answers, read from the JSON API (CORS GET) of the site that served this script.
// data-topic (a topic path), data-force (a force slug: each answer then opens with that
// force's local note), data-limit and data-lang ("cy": the list, its answers and the pages they
// open in Welsh, where an answer has a Welsh version) go on the script or on each .pa-embed
// element.
// Text is only ever set as text (never as HTML), so nothing in an answer can run here.
(function () {
  "use strict";

  var script = document.currentScript;
  if (!script) return;
  var base = new URL(script.src).origin;
  var counter = 0;
  // Our own words, in each language the site speaks (the answers come from the API).
  var TEXT = {
    en: {
      label: "Search police advice",
      search: "Search",
      searching: "Searching…",
      count: function (n) { return n === 1 ? "1 answer" : n + " answers"; },
      found: function (n, q) { return (n === 1 ? "1 answer" : n + " answers") + " for “" + q + "”"; },
      credit: "Answers from Police Advice",
      failed: "The answers could not be loaded just now. Use the link below.",
    },
    cy: {
      label: "Chwilio cyngor yr heddlu",
      search: "Chwilio",
      searching: "Wrthi’n chwilio…",
      // After a numeral Welsh keeps the noun singular: 1 ateb, 5 ateb.
      count: function (n) { return n + " ateb"; },
      found: function (n, q) { return n + " ateb ar gyfer “" + q + "”"; },
      credit: "Atebion gan Police Advice",
      failed: "Nid oedd modd llwytho’r atebion nawr. Defnyddiwch y ddolen isod.",
    },
  };

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function getJSON(path) {
    return fetch(base + path, { mode: "cors", credentials: "omit" }).then(function (response) {
      if (!response.ok) throw new Error("HTTP " + response.status);
      return response.json();
    });
  }

  function answerItem(box, answer) {
    var item = el("li", "pa-embed__item");
    // An answer with no Welsh version comes in English: say so to screen readers.
    if (answer.language && answer.language !== box.lang) {
      item.lang = answer.language === "en" ? "en-GB" : answer.language;
    }
    var link = el("a", null, answer.question);
    link.href = box.force
      ? base + "/embed/q/" + answer.number + "/?force=" + encodeURIComponent(box.force) + box.langQuery
      : answer.url;
    item.appendChild(link);
    item.appendChild(document.createTextNode(" (" + answer.reference + ")"));
    item.appendChild(el("p", null, answer.summary));
    return item;
  }

  function show(box, answers, message) {
    box.status.textContent = message;
    box.list.replaceChildren.apply(box.list, answers.map(function (answer) {
      return answerItem(box, answer);
    }));
  }

  function listTopic(box) {
    var query = "?page_size=" + encodeURIComponent(box.size) + box.langQuery;
    if (box.topic) query += "&topic=" + encodeURIComponent(box.topic);
    return getJSON("/api/v1/answers/" + query).then(function (data) {
      show(box, data.results, box.text.count(data.count));
    });
  }

  function search(box, text) {
    box.status.textContent = box.text.searching;
    var query = "?q=" + encodeURIComponent(text) + box.langQuery;
    return getJSON("/api/v1/search/" + query).then(function (data) {
      show(box, data.results, box.text.found(data.total, data.query));
    });
  }

  function build(container) {
    counter += 1;
    var fallback = container.querySelector("a");
    var lang = setting(container, "lang", "en") === "cy" ? "cy" : "en";
    var box = {
      lang: lang,
      langQuery: lang === "cy" ? "&lang=cy" : "",
      text: TEXT[lang],
      topic: setting(container, "topic", ""),
      force: setting(container, "force", ""),
      size: setting(container, "limit", "10"),
      status: el("p", "pa-embed__status"),
      list: el("ul", "pa-embed__list"),
    };
    box.status.setAttribute("role", "status");
    box.status.setAttribute("aria-live", "polite");

    var form = el("form", "pa-embed__form");
    form.setAttribute("role", "search");
    var id = "pa-embed-q-" + counter;
    var label = el("label", "pa-embed__label", setting(container, "label", box.text.label));
    label.htmlFor = id;
    var input = el("input", "pa-embed__input");
    input.id = id;
    input.type = "search";
    input.name = "q";
    input.autocomplete = "off";
    var button = el("button", "pa-embed__button", box.text.search);
    button.type = "submit";
    form.appendChild(label);
    form.appendChild(input);
    form.appendChild(button);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var text = input.value.trim();
      (text ? search(box, text) : listTopic(box)).catch(function () { failed(box); });
    });

    var credit = el("p", "pa-embed__credit");
    var home = el("a", null, box.text.credit);
    home.href = fallback ? fallback.href : base + "/";
    credit.appendChild(home);

    if (lang === "cy") container.lang = "cy";
    container.replaceChildren(form, box.status, box.list, credit);
    listTopic(box).catch(function () { failed(box); });
  }

  function setting(container, name, fallback) {
    return container.getAttribute("data-" + name) || script.getAttribute("data-" + name) || fallback;
  }

  function failed(box) {
    box.status.textContent = box.text.failed;
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll(".pa-embed"), build);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
