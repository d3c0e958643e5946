// Tessera console: progressive enhancement only; every page works without this file.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  // Destructive actions: ask in the browser, then tell the server it was confirmed
  // (without script the server asks on a page of its own).
  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.getAttribute("data-confirm"))) {
        event.preventDefault();
        return;
      }
      var yes = document.createElement("input");
      yes.type = "hidden"; yes.name = "confirm"; yes.value = "yes";
      form.appendChild(yes);
    });
  });
  // CSV import: a chosen file fills the text area (which also accepts pasted text).
  document.querySelectorAll("input[type=file][data-fills]").forEach(function (input) {
    input.addEventListener("change", function () {
      var target = document.getElementById(input.getAttribute("data-fills"));
      var file = input.files && input.files[0];
      if (!target || !file) return;
      file.text().then(function (text) { target.value = text; });
    });
  });
  // Long operations: reload the status block until it says it is done.
  document.querySelectorAll("[data-poll]").forEach(function (block) {
    var timer = setInterval(function () {
      fetch(window.location.href, { credentials: "same-origin" })
        .then(function (r) { return r.text(); })
        .then(function (html) {
          var doc = new DOMParser().parseFromString(html, "text/html");
          var fresh = doc.getElementById(block.id);
          if (!fresh) return;
          block.innerHTML = fresh.innerHTML;
          if (!fresh.hasAttribute("data-poll")) clearInterval(timer);
        })
        .catch(function () {});
    }, 3000);
  });
});
