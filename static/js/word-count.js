/* The article form's word count, live as the editor types: the introduction
   and the points, counted as Article.word_count() counts them on the server
   (a word is letters, digits or _ with inner apostrophes, in the rendered
   text: link addresses, list numbers and entities as their characters).
   The number changes at once; screen readers hear it when typing pauses. */
(function () {
  "use strict";
  var WORD = /[\p{L}\p{N}_]+(?:['’][\p{L}\p{N}_]+)*/gu;
  var LINK = /!?\[([^\]\n]*)\](?:\((?:[^()\s]|\([^()\s]*\))*(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)|\[[^\]\n]*\])/g;
  var REFERENCE = /^ {0,3}\[[^\]\n]+\]:[^\n]*$/gm;
  var FENCE_INFO = /^( {0,3})(`{3,}|~{3,})[^\n]*$/gm;
  var LIST_NUMBER = /^(\s*)\d{1,9}[.)](?=\s|$)/gm;
  var ENTITY = /&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/g;
  var decoder = document.createElement("textarea");

  function decoded(text) {
    return text.replace(ENTITY, function (entity) {
      decoder.innerHTML = entity;
      return decoder.value;
    });
  }

  function plainInline(markdown) {
    return decoded(markdown.replace(LINK, "$1"));
  }

  function plainBlocks(markdown) {
    return plainInline(
      markdown.replace(/\r\n?/g, "\n")
        .replace(FENCE_INFO, "$1$2")
        .replace(REFERENCE, "")
        .replace(LIST_NUMBER, "$1")
    );
  }

  function words(text) {
    return (text.match(WORD) || []).length;
  }

  function count(introduction, points) {
    return words(plainBlocks(introduction || "")) + (points || []).reduce(
      function (total, point) { return total + words(plainInline(point)); }, 0
    );
  }

  // for tests that hold it to the server's count
  window.insightWordCount = count;

  document.addEventListener("DOMContentLoaded", follow);

  function follow() {
  var shown = document.querySelector("[data-word-count]");
  var form = shown && shown.closest("form");
  if (!form) { return; }
  var announced = document.createElement("span");
  announced.className = "visually-hidden";
  announced.setAttribute("aria-live", "polite");
  shown.parentNode.appendChild(announced);
  var pause;

  function typedPoints() {
    var texts = form.querySelectorAll("textarea[name^=points-][name$=-text]");
    return Array.prototype.filter.call(texts, function (text) {
      var deleted = form.elements[text.name.replace(/-text$/, "-DELETE")];
      return !/__prefix__/.test(text.name) && !(deleted && deleted.checked);
    }).map(function (text) { return text.value; });
  }

  function update(event) {
    var introduction = form.elements.introduction;
    var total = count(introduction ? introduction.value : "", typedPoints());
    var number = String(total);
    if (shown.textContent === number) { return; }
    shown.textContent = number;
    if (!event) { return; }
    clearTimeout(pause);
    pause = setTimeout(function () {
      announced.textContent = (total === 1 ? "1 word" : number + " words");
    }, 1500);
  }

  form.addEventListener("input", update);
  form.addEventListener("change", update);
  document.addEventListener("formset:removed", update);
  update(null);
  }
})();
