/* How the search ranks its results: Pagefind's ranking options, given to the search
   component's instance before its first search (the component loads Pagefind when the reader
   first types). Loaded after pagefind-component-ui.js by overrides/main.html.

   Why: a reader who types a name wants the page of what bears it first. Record pages already
   weigh their title by the kind of record (scripts/search_index.py, TITLE_WEIGHTS). With
   Pagefind's defaults, the number of times a word repeats and the length of the page decided
   instead: the pages of the group's largest companies, long because much is sourced about
   them, came after short pages that name them once. With these settings, each of 11 names
   tried on the real data has its own page first, against 3 with the defaults; Médiapost's
   went from beyond the tenth result to the first (tests/browser/test_search.py). */
(function () {
  "use strict";
  var components = window.PagefindComponents;
  if (!components) return;
  components.getInstanceManager().getInstance("default").pagefindOptions.ranking = {
    termFrequency: 0,  // ranked by weighted matches, not by their density on the page
    pageLength: 0.5,  // a long page is penalised less for its length
    termSaturation: 2,  // a name and its aliases count for more than one match
    metaWeights: { title: 0 }  // the title counts through its heading, weighted by kind
  };
})();
