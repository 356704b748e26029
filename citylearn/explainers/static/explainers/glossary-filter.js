// Without script every term is listed and the letter index leads to them; with it, a
// reader may narrow the list as they type.
(function () {
  var box = document.querySelector("[data-glossary-filter]");
  if (!box) { return; }
  var input = box.querySelector("input");
  var status = box.querySelector("[data-glossary-filter-status]");
  var entries = document.querySelectorAll(".glossary-entry");
  var sections = document.querySelectorAll(".glossary-section");
  box.hidden = false;
  input.addEventListener("input", function () {
    var wanted = input.value.trim().toLowerCase();
    var shown = 0;
    for (var i = 0; i < entries.length; i++) {
      var match = entries[i].getAttribute("data-glossary-text").toLowerCase().indexOf(wanted) >= 0;
      entries[i].hidden = !match;
      if (match) { shown++; }
    }
    for (var j = 0; j < sections.length; j++) {
      sections[j].hidden = !sections[j].querySelector(".glossary-entry:not([hidden])");
    }
    status.textContent = wanted ? box.getAttribute("data-count-template").replace("%s", shown) : "";
  });
})();
