/* Runs in <head>: ?embed=1 hides the chrome before the first paint (static site and live). */
(function () {
  "use strict";
  try {
    if (new URLSearchParams(window.location.search).get("embed") === "1") {
      document.documentElement.classList.add("embed");
    }
  } catch (e) { /* old browsers: the full page is shown */ }
})();
