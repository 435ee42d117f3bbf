/* « Suis-je concerné ? » and « Lettre » (/vos-droits/): private by construction.
   What the reader ticks or types stays in this page: no request, no storage (no cookie,
   localStorage, sessionStorage or IndexedDB), nothing written to the URL, no form submission
   (the fields are not in a <form>). The letters are the page's own plain templates
   (<pre data-holder data-request>), with the reader's words put in place of their [brackets].
   tests/browser/test_rights_pages.py checks all of this in Chromium. */
(function () {
  "use strict";
  // The page's language (the English edition's pages are <html lang="en">); the letters stay French.
  var english = document.documentElement.lang === "en";
  function tr(french, englishText) { return english ? englishText : french; }

  function concerned() {
    var tool = document.getElementById("lp-concerned-tool");
    if (!tool) return;
    var boxes = tool.querySelectorAll('input[name="lp-situation"]');
    var items = tool.querySelectorAll(".lp-concerned__item");
    var count = document.getElementById("lp-concerned-count");
    function update() {
      var ticked = [];
      boxes.forEach(function (box) { if (box.checked) ticked.push(box.value); });
      var shown = 0;
      items.forEach(function (item) {
        var own = (item.getAttribute("data-situations") || "").split(" ");
        var match = ticked.some(function (value) { return own.indexOf(value) !== -1; });
        item.hidden = !match;
        if (match) shown += 1;
      });
      count.textContent = ticked.length === 0
        ? tr("Cochez une situation pour voir les fichiers.", "Tick a situation to see the files.")
        : shown + (shown > 1 ? tr(" fichiers concernent", " files concern") : tr(" fichier concerne", " file concerns"))
          + tr(" votre situation :", " your situation:");
    }
    boxes.forEach(function (box) { box.addEventListener("change", update); });
    tool.hidden = false;
    update();
  }

  function letter() {
    var tool = document.getElementById("lp-letter-tool");
    if (!tool) return;
    var holder = document.getElementById("lp-letter-holder");
    var output = document.getElementById("lp-letter-output");
    var status = document.getElementById("lp-letter-status");
    var fields = tool.querySelectorAll("[data-fills]");

    function template() {
      var request = tool.querySelector('input[name="lp-letter-request"]:checked');
      var chosen = request ? request.value : "acces";
      var pres = document.querySelectorAll("pre[data-holder][data-request]");
      for (var i = 0; i < pres.length; i += 1) {
        if (pres[i].getAttribute("data-holder") === holder.value &&
            pres[i].getAttribute("data-request") === chosen) return pres[i].textContent;
      }
      return "";
    }

    function write() {
      var text = template();
      fields.forEach(function (field) {
        var value = field.value.trim();
        if (value) text = text.split(field.getAttribute("data-fills")).join(value);
      });
      output.textContent = text;
      status.textContent = "";
      return text;
    }

    function say(message) { status.textContent = message; }

    function copy() {
      var text = write();
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text).then(
          function () { say(tr("Lettre copiée.", "Letter copied.")); },
          function () { selectLetter(); say(tr("Copie refusée par le navigateur : la lettre est sélectionnée, copiez-la (Ctrl+C).", "The browser refused to copy: the letter is selected, copy it (Ctrl+C).")); });
      } else {
        selectLetter();
        say(tr("La lettre est sélectionnée : copiez-la (Ctrl+C).", "The letter is selected: copy it (Ctrl+C)."));
      }
    }

    function selectLetter() {
      var range = document.createRange();
      range.selectNodeContents(output);
      var selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
    }

    function download() {
      var text = write();
      var url = URL.createObjectURL(new Blob([text], { type: "text/plain;charset=utf-8" }));
      var link = document.createElement("a");
      link.href = url;
      link.download = "lettre-" + holder.value + ".txt";
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(function () { URL.revokeObjectURL(url); }, 0);
      say(tr("Lettre téléchargée.", "Letter downloaded."));
    }

    document.getElementById("lp-letter-generate").addEventListener("click", write);
    document.getElementById("lp-letter-copy").addEventListener("click", copy);
    document.getElementById("lp-letter-download").addEventListener("click", download);
    document.getElementById("lp-letter-print").addEventListener("click", function () { write(); window.print(); });
    holder.addEventListener("change", write);
    tool.querySelectorAll('input[name="lp-letter-request"]').forEach(function (radio) {
      radio.addEventListener("change", write);
    });
    fields.forEach(function (field) { field.addEventListener("input", write); });
    tool.hidden = false;
    write();
  }

  concerned();
  letter();
})();
