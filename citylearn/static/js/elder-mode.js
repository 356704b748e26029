// Elder-friendly mode is remembered in this browser only, so the server never reads
// a cookie and one cached page serves everybody.
(function () {
  var KEY = "citylearn-elder-mode";
  var root = document.documentElement;
  function stored() {
    try { return window.localStorage.getItem(KEY) === "on"; } catch (e) { return false; }
  }
  function apply(on) {
    root.classList.toggle("elder", on);
    var buttons = document.querySelectorAll("[data-elder-toggle]");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].setAttribute("aria-pressed", on ? "true" : "false");
    }
  }
  apply(stored());
  document.addEventListener("DOMContentLoaded", function () {
    apply(stored());
    var buttons = document.querySelectorAll("[data-elder-toggle]");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].addEventListener("click", function () {
        var on = !root.classList.contains("elder");
        try { window.localStorage.setItem(KEY, on ? "on" : "off"); } catch (e) { /* private mode */ }
        apply(on);
      });
    }
  });
})();
