// Progressive enhancement of the catalogue search: suggestions while typing, facets that apply at once.
(function () {
  "use strict";
  var form = document.querySelector("[data-search-form]");
  if (!form) return;

  form.querySelectorAll("[data-auto-submit]").forEach(function (input) {
    input.addEventListener("change", function () { form.submit(); });
  });

  var input = form.querySelector("input[name=q]");
  var list = document.getElementById("search-suggestions");
  if (!input || !list) return;
  var timer = null;
  var latest = 0;

  function hide() { list.hidden = true; input.setAttribute("aria-expanded", "false"); }

  function show(items) {
    list.innerHTML = "";
    items.forEach(function (item, index) {
      var li = document.createElement("li");
      li.setAttribute("role", "option");
      li.id = "suggestion-" + index;
      var a = document.createElement("a");
      a.href = item.url;
      a.textContent = item.text;
      li.appendChild(a);
      list.appendChild(li);
    });
    list.hidden = items.length === 0;
    input.setAttribute("aria-expanded", items.length ? "true" : "false");
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    var text = input.value.trim();
    if (text.length < 2) { hide(); return; }
    timer = setTimeout(function () {
      var ticket = ++latest;
      fetch("/api/v1/suggest/?q=" + encodeURIComponent(text), { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) { if (ticket === latest) show(data.results || []); })
        .catch(hide);
    }, 150);
  });
  input.addEventListener("keydown", function (event) { if (event.key === "Escape") hide(); });
})();
