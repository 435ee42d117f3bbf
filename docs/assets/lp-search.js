/* Loads Pagefind's search interface when the reader first asks for it: a click on the header's
   search button (overrides/partials/pagefind.html) or Ctrl-K / Cmd-K; it starts loading as soon
   as the pointer or the focus reaches the button. Then the dialog opens, and Pagefind's own
   button and shortcut take over. Every page thus saves the work of starting an interface most
   readers of that page never open. */
(function () {
  var moduleUrl = new URL("../pagefind/pagefind-component-ui.js", document.currentScript.src).href;
  var loading = null;

  function load() {
    if (!loading) {
      loading = import(moduleUrl).then(function () { return customElements.whenDefined("pagefind-modal"); });
    }
    return loading;
  }

  function openSearch(event) {
    event.preventDefault();
    load().then(function () {
      // A frame for the new elements to draw their dialog: open() does nothing before.
      requestAnimationFrame(function () {
        var dialog = document.querySelector("pagefind-modal");
        if (dialog) dialog.open();
      });
    });
  }

  document.addEventListener("click", function (event) {
    if (event.target.closest(".lp-search-load")) openSearch(event);
  });
  document.addEventListener("keydown", function (event) {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "k" && !customElements.get("pagefind-modal")) {
      openSearch(event);
    }
  });
  ["pointerover", "focusin"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      if (event.target.closest && event.target.closest(".lp-search-load")) load();
    });
  });
})();
