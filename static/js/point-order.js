/* Points move in place: Up and Down move a row without reloading the page,
   and a row can be dragged by its handle. Without JavaScript the same
   buttons submit the form, which comes back with the point moved
   (articles/admin/point_order.py). Positions are renumbered in the rows'
   order; a blank row becomes a point, at the end, once something is typed. */
(function () {
  "use strict";

  document.addEventListener("DOMContentLoaded", function () {
    var group = document.querySelector(".point-order");
    if (!group) { return; }
    var body = group.querySelector("tbody");
    var status = document.createElement("p");
    status.className = "visually-hidden";
    status.setAttribute("aria-live", "polite");
    group.appendChild(status);
    var dragged = null;

    function rows() {
      return Array.prototype.filter.call(body.querySelectorAll("tr.form-row"), function (row) {
        return !row.classList.contains("empty-form") && row.querySelector(".point-order__buttons");
      });
    }

    function isPoint(row) {
      var cell = row.querySelector(".point-order__buttons");
      if (!cell.hasAttribute("data-blank")) { return true; }
      var typed = row.querySelector("[name$=-text]");
      var perspective = row.querySelector("[name$=-perspective]");
      return Boolean((typed && typed.value.trim()) || (perspective && perspective.value));
    }

    function points() { return rows().filter(isPoint); }

    function renumber() {
      var all = points();
      all.forEach(function (row, index) {
        var number = index + 1;
        var position = row.querySelector("[name$=-position]");
        if (position && position.value !== String(index)) {
          position.value = String(index);
          position.dispatchEvent(new Event("change", { bubbles: true }));
        }
        Array.prototype.forEach.call(row.querySelectorAll("[data-point-label]"), function (label) {
          label.textContent = label.getAttribute("data-point-label") + " " + number;
        });
        var cell = row.querySelector(".point-order__buttons");
        cell.removeAttribute("data-blank");
        var up = cell.querySelector(".point-order__up");
        var down = cell.querySelector(".point-order__down");
        up.setAttribute("aria-label", "Move point " + number + " up");
        down.setAttribute("aria-label", "Move point " + number + " down");
        up.hidden = number === 1;
        down.hidden = number === all.length;
        handle(row).hidden = all.length < 2;
      });
    }

    function handle(row) {
      var found = row.querySelector(".point-order__handle");
      if (found) { return found; }
      found = document.createElement("span");
      found.className = "point-order__handle";
      found.draggable = true;
      found.title = "Drag to move this point";
      found.setAttribute("aria-hidden", "true");  // the buttons do this for keyboards
      found.textContent = "⠿";
      row.querySelector(".point-order__buttons").prepend(found);
      return found;
    }

    function move(row, direction) {
      var all = points();
      var at = all.indexOf(row);
      var to = direction === "up" ? at - 1 : at + 1;
      if (at < 0 || to < 0 || to >= all.length) { return; }
      var other = all[to];
      body.insertBefore(row, direction === "up" ? other : other.nextSibling);
      renumber();
      var pressed = row.querySelector(".point-order__" + direction);
      var focus = pressed.hidden ? row.querySelector(".point-order__" + (direction === "up" ? "down" : "up")) : pressed;
      if (!focus.hidden) { focus.focus(); }
      status.textContent = "Point moved " + direction + ". It is now point " + (to + 1) + " of " + all.length + ".";
    }

    group.addEventListener("click", function (event) {
      var button = event.target.closest(".point-order__up, .point-order__down");
      if (!button) { return; }
      event.preventDefault();
      move(button.closest("tr"), button.classList.contains("point-order__up") ? "up" : "down");
    });

    group.addEventListener("input", function (event) {
      var row = event.target.closest("tr.form-row");
      var cell = row && row.querySelector(".point-order__buttons[data-blank]");
      if (cell && isPoint(row)) {
        // a new point goes after the last: keep it below the others
        var all = points().filter(function (other) { return other !== row; });
        var last = all[all.length - 1];
        if (last && last.compareDocumentPosition(row) & Node.DOCUMENT_POSITION_PRECEDING) {
          body.insertBefore(row, last.nextSibling);
        }
        renumber();
      }
    });
    group.addEventListener("change", function (event) {
      if (event.target.matches("[name$=-perspective]")) { renumber(); }
    });
    document.addEventListener("formset:added", function (event) {
      if (event.target.closest && event.target.closest(".point-order")) {
        var position = event.target.querySelector("[name$=-position]");
        if (position) { position.value = String(rows().length); }
      }
    });

    body.addEventListener("dragstart", function (event) {
      if (!event.target.classList || !event.target.classList.contains("point-order__handle")) { return; }
      dragged = event.target.closest("tr");
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", "");
      event.dataTransfer.setDragImage(dragged, 0, 0);
    });
    body.addEventListener("dragover", function (event) {
      var over = event.target.closest && event.target.closest("tr.form-row");
      if (!dragged || !over || over === dragged || points().indexOf(over) < 0) { return; }
      event.preventDefault();
      var box = over.getBoundingClientRect();
      var below = event.clientY > box.top + box.height / 2;
      body.insertBefore(dragged, below ? over.nextSibling : over);
    });
    body.addEventListener("dragend", function () {
      if (!dragged) { return; }
      var row = dragged;
      dragged = null;
      renumber();
      status.textContent = "Point moved. It is now point " + (points().indexOf(row) + 1) + " of " + points().length + ".";
    });

    renumber();
  });
})();
