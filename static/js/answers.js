/* Saves a quick answer without reloading the page: posts the form, then
   shows the reader's answer (aria-pressed) and the counts in place.
   Without JavaScript the form posts and the reader lands on their answer
   page for the point. */
(function () {
  "use strict";
  if (!window.fetch || !window.FormData) { return; }

  function show(form, state) {
    var buttons = form.querySelectorAll("button[name=answer]");
    Array.prototype.forEach.call(buttons, function (button) {
      if (button.value === "withdraw") {
        button.hidden = !state.answer;
      } else {
        button.setAttribute("aria-pressed", String(button.value === state.answer));
      }
    });
    var counts = form.querySelector("[data-answer-counts]");
    counts.textContent = "Answers so far: " + state.counts_text;
    counts.hidden = !state.counts_text;
    var select = form.querySelector("select[name=perspective]");
    if (select && state.answer) { select.value = state.perspective || ""; }
  }

  function announce(form, message) {
    var status = form.querySelector("[data-answer-status]");
    status.textContent = "";
    // a fresh change, so the same words are announced again
    window.setTimeout(function () { status.textContent = message; }, 50);
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("[data-answer-form]")) { return; }
    var button = event.submitter;
    if (!button || button.name !== "answer") { return; }
    event.preventDefault();
    var data = new FormData(form);
    data.set("answer", button.value);
    var focusAfter = button.value === "withdraw" ?
      form.querySelector("button[name=answer]") : button;
    fetch(form.action, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "Accept": "application/json" }
    }).then(function (response) {
      return response.json().then(function (state) {
        if (!response.ok) { throw new Error(state.error); }
        return state;
      });
    }).then(function (state) {
      show(form, state);
      focusAfter.focus();
      announce(form, state.message + (state.counts_text ?
        " Answers so far: " + state.counts_text + "." : ""));
    }).catch(function (error) {
      announce(form, (error && error.message) ||
        "Your answer was not saved. Try again.");
    });
  });
}());
