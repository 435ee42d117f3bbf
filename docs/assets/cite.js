/* The "Citer cette page" boxes and claim links (markup: scripts/citations.py). Copies the
   citation next to a "Copier" button (or the button's data-copy link, made absolute against
   the reader's address when the build did not know the site's URL), and sets a box's
   consultation dates to the reader's today when the box is opened. Loaded by
   overrides/main.html only on pages that have a box; it makes no request.

   It changes nothing on the page at load: the buttons are revealed by site.css (html.js,
   the class assets/lp-scope.js sets as the page starts), and dates are set box by box, so
   that a long record page is not laid out twice. Without JavaScript the citations are plain text with the
   build date. */
(function () {
  "use strict";
  if (window.citeKit) return;
  window.citeKit = true;
  var months = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
                "septembre", "octobre", "novembre", "décembre"];
  var englishMonths = ["January", "February", "March", "April", "May", "June", "July", "August",
                       "September", "October", "November", "December"];
  var english = document.documentElement.lang === "en";
  function two(n) { return (n < 10 ? "0" : "") + n; }
  function setConsultedDates(box) {
    var d = new Date(), iso = d.getFullYear() + "-" + two(d.getMonth() + 1) + "-" + two(d.getDate());
    var fr = (d.getDate() === 1 ? "1er" : d.getDate()) + " " + months[d.getMonth()] + " " + d.getFullYear();
    var en = d.getDate() + " " + englishMonths[d.getMonth()] + " " + d.getFullYear();
    box.querySelectorAll(".cite-consulted, .cite-today").forEach(function (el) {
      el.textContent = el.dataset.form === "iso" ? iso : (el.dataset.form === "en" || english) ? en : fr;
      if (el.tagName === "TIME") el.setAttribute("datetime", iso);
    });
  }
  function copy(text, button) {
    var label = button.textContent;
    var done = function () {
      button.textContent = english ? "Copied" : "Copié";
      setTimeout(function () { button.textContent = label; }, 1500);
    };
    if (navigator.clipboard && window.isSecureContext) { navigator.clipboard.writeText(text).then(done); return; }
    var area = document.createElement("textarea");
    area.value = text;
    document.body.appendChild(area);
    area.select();
    try { document.execCommand("copy"); done(); } finally { area.remove(); }
  }
  // "toggle" does not bubble: listen in the capture phase.
  document.addEventListener("toggle", function (event) {
    var box = event.target;
    if (box.open && box.classList && box.classList.contains("cite-box")) setConsultedDates(box);
  }, true);
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button.cite-copy");
    if (!button) return;
    if (button.dataset.copy) { copy(new URL(button.dataset.copy, location.href).href, button); return; }
    var block = button.closest(".cite-style");
    var code = block && block.querySelector("pre");
    copy(code ? code.textContent : "", button);
  });
  document.querySelectorAll("details.cite-box[open]").forEach(setConsultedDates);
})();
