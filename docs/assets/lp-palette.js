/* The light/dark toggle: Material for MkDocs 9.8.1's palette component, rewritten to run where
   the header's toggle has just been parsed (partials/header.html), before the page's content.
   Choosing the palette there costs a style calculation of the header alone; Material's bundle
   did it after the whole page was parsed and made the browser restyle the page four times
   (data-md-color-switching set then removed on <body>, the color-scheme <meta> added, the
   header's colours read in between), the largest part of its work on every page load.
   Same rules as Material: the reader's saved choice, else the first palette whose media query
   matches; a choice is saved (__md_set, assets/lp-scope.js); Enter moves to the next palette.
   One difference: until the reader chooses, the page follows the system's setting. */
(function () {
  var form = document.querySelector("form[data-lp-palette]");
  if (!form) return;
  var inputs = form.querySelectorAll("input[name=__palette]");
  var header = document.querySelector("[data-md-component=header]");
  var colorScheme = addMeta("color-scheme"), themeColor = addMeta("theme-color");
  var current = -1;

  function addMeta(name) {
    var meta = document.createElement("meta");
    meta.name = name;
    document.head.appendChild(meta);
    return meta;
  }

  function chosenIndex() {
    var saved = __md_get("__palette");
    var index = saved ? saved.index : Array.prototype.findIndex.call(inputs, function (input) {
      return matchMedia(input.getAttribute("data-md-color-media")).matches;
    });
    return Math.max(0, Math.min(index, inputs.length - 1));
  }

  function colorsOf(input) {
    var color = {};
    ["media", "scheme", "primary", "accent"].forEach(function (key) {
      color[key] = input.getAttribute("data-md-color-" + key);
    });
    if (color.media === "(prefers-color-scheme)") {
      var system = matchMedia("(prefers-color-scheme: light)").matches ? "light" : "dark";
      var match = form.querySelector("[data-md-color-media='(prefers-color-scheme: " + system + ")']");
      ["scheme", "primary", "accent"].forEach(function (key) {
        color[key] = match.getAttribute("data-md-color-" + key);
      });
    }
    return color;
  }

  function apply(index) {
    var color = colorsOf(inputs[index]);
    Object.keys(color).forEach(function (key) {
      // Writing an unchanged attribute would still make the browser restyle the page.
      if (document.body.getAttribute("data-md-color-" + key) !== color[key])
        document.body.setAttribute("data-md-color-" + key, color[key]);
    });
    Array.prototype.forEach.call(inputs, function (input, i) {
      var label = input.nextElementSibling;
      if (label instanceof HTMLElement) label.hidden = i !== index;
    });
    var style = getComputedStyle(header);
    colorScheme.content = style.colorScheme;
    themeColor.content = "#" + style.backgroundColor.match(/\d+/g).slice(0, 3).map(function (value) {
      return (+value).toString(16).padStart(2, "0");
    }).join("");
    current = index;
    return color;
  }

  function switchTo(index) {
    // No colour transitions while the whole page changes palette (Material's palette.css).
    document.body.setAttribute("data-md-color-switching", "");
    var color = apply(index);
    setTimeout(function () { document.body.removeAttribute("data-md-color-switching"); });
    return color;
  }

  apply(chosenIndex());
  Array.prototype.forEach.call(inputs, function (input, index) {
    input.addEventListener("change", function () {
      __md_set("__palette", { index: index, color: switchTo(index) });
    });
  });
  form.addEventListener("keydown", function (event) {
    if (event.key !== "Enter") return;
    var next = inputs[(current + 1) % inputs.length];
    next.click();
    next.focus();
  });
  matchMedia("(prefers-color-scheme: light)").addEventListener("change", function () {
    if (!__md_get("__palette")) switchTo(chosenIndex());
  });
})();
