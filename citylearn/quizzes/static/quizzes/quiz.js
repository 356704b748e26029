// Quizzes: focus the result heading, save answers as the learner goes, count down the time.
// Everything works without this script; it only saves sooner and shows the clock.
(function () {
  "use strict";

  var focusTarget = document.querySelector("[data-focus-on-load]");
  if (focusTarget) focusTarget.focus();

  var form = document.querySelector("[data-quiz-form]");
  if (!form) return;
  var statusBox = form.querySelector("[data-save-status]");
  var pending = {};
  var sending = false;
  var retryTimer = null;
  // Set once the learner submits: the form then carries every answer, so autosaving
  // stops, and a save still on its way is awaited, or it would reach a graded attempt.
  var submitter = null;

  function say(message) {
    if (statusBox) statusBox.textContent = message;
  }

  function answersFor(positions) {
    var data = new FormData();
    data.append("csrfmiddlewaretoken", form.elements.csrfmiddlewaretoken.value);
    positions.forEach(function (position) {
      data.append("question", position);
      form.querySelectorAll('[name="q-' + position + '"]:checked').forEach(function (input) {
        data.append("q-" + position, input.value);
      });
    });
    return data;
  }

  function flush() {
    var positions = Object.keys(pending);
    if (submitter || sending || positions.length === 0) return;
    sending = true;
    pending = {};
    fetch(form.dataset.saveUrl, {
      method: "POST",
      body: answersFor(positions),
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    })
      .then(function (response) {
        var type = response.headers.get("Content-Type") || "";
        if (type.indexOf("application/json") === -1) {
          // Signed out, or refused before reaching the quiz: only a reload can tell.
          say(form.dataset.msgFailed);
          return;
        }
        return response.json().then(function (body) {
          if (body.result_url) {
            window.location.assign(body.result_url);
          } else if (response.ok) {
            say(form.dataset.msgSaved.replace("%(time)s", new Date().toLocaleTimeString()));
          } else {
            say(body.error);
          }
        });
      })
      .catch(function () {
        // Offline or the server did not answer: keep the answers and send them again.
        positions.forEach(function (position) { pending[position] = true; });
        say(form.dataset.msgOffline);
        clearTimeout(retryTimer);
        retryTimer = setTimeout(flush, 5000);
      })
      .finally(function () {
        sending = false;
        if (submitter) {
          form.requestSubmit(submitter);
        } else if (Object.keys(pending).length && !retryTimer) {
          flush();
        }
      });
  }

  form.addEventListener("submit", function (event) {
    submitter = event.submitter || form.querySelector("[data-submit]");
    pending = {};
    clearTimeout(retryTimer);
    if (sending) event.preventDefault();
  });

  form.addEventListener("change", function (event) {
    var fieldset = event.target.closest("[data-question]");
    if (!fieldset) return;
    pending[fieldset.dataset.question] = true;
    clearTimeout(retryTimer);
    retryTimer = null;
    flush();
  });
  window.addEventListener("online", function () {
    clearTimeout(retryTimer);
    retryTimer = null;
    flush();
  });

  var clock = document.querySelector("[data-seconds-left]");
  if (!clock) return;
  var announcer = document.querySelector("[data-timer-announcer]");
  var endsAt = Date.now() + Number(clock.dataset.secondsLeft) * 1000;
  var warnings = { 300: form.dataset.msgFiveMinutes, 60: form.dataset.msgOneMinute };

  function tick() {
    var left = Math.max(0, Math.round((endsAt - Date.now()) / 1000));
    var minutes = Math.floor(left / 60);
    var seconds = left % 60;
    clock.textContent = minutes + ":" + (seconds < 10 ? "0" : "") + seconds;
    if (warnings[left] && announcer) announcer.textContent = warnings[left];
    if (left === 0) {
      clearInterval(timer);
      if (announcer) announcer.textContent = form.dataset.msgTimeUp;
      form.requestSubmit(form.querySelector("[data-submit]"));
    }
  }
  var timer = setInterval(tick, 1000);
  tick();
})();
