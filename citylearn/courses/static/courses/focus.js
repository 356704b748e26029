// After a step the learner took (a course started, a lesson completed), keyboard focus
// goes to its confirmation rather than back to the top of the page.
(function () {
  "use strict";
  var target = document.querySelector("[data-focus-on-load]");
  if (target) target.focus();
})();
