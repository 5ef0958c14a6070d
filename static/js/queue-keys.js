/* Keyboard shortcuts for the moderation queue: j and k move between
   comments, a, r, e and f press that comment's Approve, Remove, Keep or
   Feature button (the same POST, with its CSRF token), o opens the comment
   and ? lists the keys. Without this script the buttons work as they are. */
(function () {
  "use strict";
  var table = document.getElementById("result_list");
  if (!table) { return; }
  var rows = Array.prototype.slice.call(table.querySelectorAll("tbody tr"));
  var help = document.getElementById("queue-shortcuts");
  var NEXT_ROW = "queue-keys-next-row";

  rows.forEach(function (row) { row.tabIndex = -1; });

  function rowId(row) {
    var box = row && row.querySelector("input.action-select");
    return box ? box.value : "";
  }

  function currentIndex() {
    return rows.indexOf(document.activeElement && document.activeElement.closest("#result_list tbody tr"));
  }

  function focusRow(index) {
    var row = rows[Math.max(0, Math.min(index, rows.length - 1))];
    if (!row) { return; }
    row.focus();
    row.scrollIntoView({ block: "nearest" });
  }

  // Keys typed into a box are words, not shortcuts; a button, a checkbox
  // or a row is no box.
  var NOT_TYPED_IN = /^(button|submit|reset|checkbox|radio|image|file|range|color)$/;
  function isTyping(target) {
    if (target.isContentEditable || /^(TEXTAREA|SELECT)$/.test(target.tagName)) {
      return true;
    }
    return target.tagName === "INPUT" && !NOT_TYPED_IN.test(target.type);
  }

  // After a decision the page comes back: focus the comment that followed
  // the one decided on, or the first if that one has left the list.
  var wanted = sessionStorage.getItem(NEXT_ROW);
  sessionStorage.removeItem(NEXT_ROW);
  if (wanted !== null && rows.length) {
    var found = rows.filter(function (row) { return rowId(row) === wanted; });
    focusRow(found.length ? rows.indexOf(found[0]) : 0);
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) { return; }
    if (isTyping(event.target) || (help && help.open)) { return; }
    var index = currentIndex();
    var row = rows[index];
    if (event.key === "?") {
      if (help) { help.showModal(); event.preventDefault(); }
      return;
    }
    if (event.key === "j" || event.key === "k") {
      focusRow(index < 0 ? 0 : index + (event.key === "j" ? 1 : -1));
      event.preventDefault();
      return;
    }
    if (!row) { return; }
    if (event.key === "o") {
      var details = row.querySelector("a[data-opens-comment]");
      if (details) { details.click(); }
      return;
    }
    var button = row.querySelector('button[aria-keyshortcuts="' + event.key + '"]');
    if (!button) { return; }
    var next = rows[index + 1] || rows[index - 1];
    sessionStorage.setItem(NEXT_ROW, next ? rowId(next) : "");
    event.preventDefault();
    button.click();
  });
}());
