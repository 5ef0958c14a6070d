/* Quick answers without reloading the page. The article page is one cached
   copy for every reader, so the reader's own answers come from a small
   request of their own (data-mine): the script presses their buttons and
   shows the counts. The perspective is asked once per article, remembered
   for the next, and sent with each answer. Without JavaScript the buttons
   post and the reader lands on their answer page for the point. */
(function () {
  "use strict";
  if (!window.fetch || !window.FormData) { return; }
  var answering = document.querySelector("[data-answering]");
  var perspective = document.getElementById("answer-perspective");

  function withdrawButton(form) {
    return form.querySelector("button[value=withdraw]");
  }

  function show(form, state) {
    var buttons = form.querySelectorAll("button[name=answer]:not([value=withdraw])");
    Array.prototype.forEach.call(buttons, function (button) {
      button.setAttribute("aria-pressed", String(button.value === state.answer));
    });
    var withdraw = withdrawButton(form);
    if (state.answer && !withdraw) {
      withdraw = document.createElement("button");
      withdraw.type = "submit";
      withdraw.name = "answer";
      withdraw.value = "withdraw";
      withdraw.className = "answer-row__withdraw";
      withdraw.innerHTML = 'Withdraw<span class="vh"> my answer</span>';
      form.querySelector(".answer-row__buttons").appendChild(withdraw);
    } else if (!state.answer && withdraw) {
      withdraw.parentNode.removeChild(withdraw);
    }
    var counts = form.querySelector("[data-answer-counts]");
    counts.textContent = state.counts_text ? "Answers so far: " + state.counts_text : "";
    counts.hidden = !state.counts_text;
  }

  function announce(form, message) {
    var status = form.querySelector("[data-answer-status]");
    status.textContent = "";
    // a fresh change, so the same words are announced again
    window.setTimeout(function () { status.textContent = message; }, 50);
  }

  function send(url, data) {
    return fetch(url, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "Accept": "application/json" }
    }).then(function (response) {
      return response.json().then(function (state) {
        if (!response.ok) { throw new Error(state.error); }
        return state;
      });
    });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("[data-answer-form]")) { return; }
    var button = event.submitter;
    if (!button || button.name !== "answer") { return; }
    event.preventDefault();
    var data = new FormData(form);
    data.set("answer", button.value);
    if (answering && perspective) { data.set("perspective", perspective.value); }
    var focusAfter = button.value === "withdraw" ?
      form.querySelector("button[name=answer]") : button;
    send(form.action, data).then(function (state) {
      show(form, state);
      focusAfter.focus();
      announce(form, state.message + (state.counts_text ?
        " Answers so far: " + state.counts_text + "." : ""));
    }).catch(function (error) {
      announce(form, (error && error.message) ||
        "Your answer was not saved. Try again.");
    });
  });

  if (!answering) { return; }
  // the perspective is asked here only with JavaScript, which sends it
  answering.querySelector("[data-answering-perspective]").hidden = false;
  perspective.addEventListener("change", function () {
    var data = new FormData();
    data.set("perspective", perspective.value);
    var token = document.querySelector("[name=csrfmiddlewaretoken]");
    if (token) { data.set("csrfmiddlewaretoken", token.value); }
    send(answering.getAttribute("data-perspective-url"), data).catch(function () {});
  });
  fetch(answering.getAttribute("data-mine"), {
    credentials: "same-origin",
    headers: { "Accept": "application/json" }
  }).then(function (response) {
    return response.ok ? response.json() : null;
  }).then(function (mine) {
    if (!mine) { return; }
    if (mine.perspective !== null && mine.perspective !== undefined) {
      perspective.value = String(mine.perspective);
    }
    Object.keys(mine.answers).forEach(function (point) {
      var form = document.querySelector('[data-answer-form][data-point="' + point + '"]');
      if (form) { show(form, mine.answers[point]); }
    });
  }).catch(function () {});
}());
