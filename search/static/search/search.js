// Progressive enhancement of the catalogue search: suggestions while typing, facets that apply at once.
(function () {
  "use strict";
  var form = document.querySelector("[data-search-form]");
  if (!form) return;

  // A facet applies at once but keeps keyboard focus where it was (WCAG 3.2.2): the new results, facet
  // counts and chips are fetched and swapped in place, and the live region announces the new count.
  // Without JavaScript the "Apply filters" button submits the same form.
  var live = document.querySelector("[data-live-count]");

  function swap(selector, doc) {
    var current = document.querySelector(selector);
    var fresh = doc.querySelector(selector);
    if (current && fresh) current.replaceWith(fresh);
    else if (current) current.remove();
    else if (fresh) {
      var anchor = document.getElementById("filters");
      if (anchor) anchor.parentNode.insertBefore(fresh, anchor);
    }
  }

  function refresh(changed) {
    var query = new URLSearchParams();
    new FormData(form).forEach(function (value, name) { if (value !== "") query.append(name, value); });
    var url = location.pathname + (query.toString() ? "?" + query.toString() : "");
    fetch(url, { headers: { Accept: "text/html" }, credentials: "same-origin" })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        swap(".search-results", doc);
        swap("[data-active-filters]", doc);
        document.querySelectorAll("fieldset.facet[data-facet]").forEach(function (fieldset) {
          var fresh = doc.querySelector('fieldset.facet[data-facet="' + fieldset.getAttribute("data-facet") + '"]');
          if (fresh) fieldset.innerHTML = fresh.innerHTML;
        });
        var summary = document.querySelector("[data-filters-toggle]");
        var freshSummary = doc.querySelector("[data-filters-toggle]");
        if (summary && freshSummary) summary.innerHTML = freshSummary.innerHTML;
        history.replaceState(null, "", url);
        var again = form.querySelector('input[name="' + changed.name + '"][value="' + CSS.escape(changed.value) + '"]');
        if (again) again.focus();
        var count = document.querySelector(".search-count");
        if (live && count) live.textContent = count.textContent;
      })
      .catch(function () { form.submit(); });
  }

  form.addEventListener("change", function (event) {
    var input = event.target;
    if (!input.matches || !input.matches("[data-auto-submit]")) return;
    if (form.querySelector("input[name=view][value=map]")) { form.submit(); return; }
    refresh(input);
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
