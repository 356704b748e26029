// "Did this page help you?" sent without an answer: say so in place, in an error
// summary that takes the focus, instead of leaving the page. Without JavaScript the
// server sends the reader back to the same place with the same summary.
(function () {
  "use strict";

  function focusSummary(summary) {
    summary.focus();
    summary.scrollIntoView({ block: "center" });
  }

  function showMissingAnswer(form) {
    var fieldset = form.querySelector("fieldset");
    var radios = fieldset.querySelectorAll("input[type=radio]");
    var summary = form.querySelector(".error-summary");
    if (!summary) {
      summary = document.createElement("div");
      summary.className = "error-summary";
      summary.id = "feedback-errors";
      summary.tabIndex = -1;
      summary.setAttribute("aria-labelledby", "feedback-errors-title");
      var title = document.createElement("h3");
      title.id = "feedback-errors-title";
      title.textContent = form.dataset.summaryTitle;
      var list = document.createElement("ul");
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = "#" + radios[0].id;
      link.textContent = form.dataset.helpfulError;
      item.appendChild(link);
      list.appendChild(item);
      summary.appendChild(title);
      summary.appendChild(list);
      form.insertBefore(summary, form.firstChild);
    }
    if (!document.getElementById("feedback-helpful-error")) {
      var message = document.createElement("p");
      message.className = "field-error";
      message.id = "feedback-helpful-error";
      message.textContent = form.dataset.helpfulError;
      fieldset.insertBefore(message, fieldset.querySelector(".choices"));
      fieldset.setAttribute("aria-describedby", message.id);
    }
    radios.forEach(function (radio) { radio.setAttribute("aria-invalid", "true"); });
    focusSummary(summary);
  }

  document.querySelectorAll("form[data-feedback-form]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!form.querySelector("input[type=radio]:checked")) {
        event.preventDefault();
        showMissingAnswer(form);
      }
    });
    var summary = form.querySelector(".error-summary[data-focus-on-load]");
    if (summary) {
      focusSummary(summary);
    }
  });
})();
