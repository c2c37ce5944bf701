/* Progressive enhancement only: everything works without this file. */
(function () {
  "use strict";
  // After a failed submission, move focus to the error summary so screen-reader users hear it first.
  var summary = document.getElementById("error-summary");
  if (summary) {
    summary.focus();
  }

  // On narrow screens the main navigation folds behind a "Menu" link that opens it through :target.
  // Here the link becomes a real disclosure button: it says whether the menu is open and Escape closes it.
  var link = document.querySelector("a.nav-toggle");
  var nav = document.getElementById("site-nav");
  if (!link || !nav) {
    return;
  }
  var button = document.createElement("button");
  button.type = "button";
  button.className = link.className;
  button.setAttribute("aria-controls", nav.id);
  button.setAttribute("aria-expanded", "false");
  while (link.firstChild) {
    button.appendChild(link.firstChild);
  }
  link.parentNode.replaceChild(button, link);
  // From here on the button, not the URL fragment, decides whether the menu is open.
  document.documentElement.classList.add("has-nav-toggle");

  function setOpen(open) {
    button.setAttribute("aria-expanded", open ? "true" : "false");
    nav.classList.toggle("is-open", open);
  }
  button.addEventListener("click", function () {
    setOpen(button.getAttribute("aria-expanded") !== "true");
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
      setOpen(false);
      button.focus();
    }
  });
})();
