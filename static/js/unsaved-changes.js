/* "Leave this page? Changes you made will not be saved." when an editor
   leaves the article form with changes: by a link on the page (our own
   words) or by closing or reloading the tab (the browser's own words).
   Not when nothing changed, nor on the way out by Save or Preview. */
(function () {
  "use strict";
  var MESSAGE = "Leave this page? Changes you made will not be saved.";
  // management counts and positions change with rows added or moved; what
  // the editor changed shows in the values and in the points' order
  var IGNORED = /^csrfmiddlewaretoken$|-(TOTAL|INITIAL|MIN_NUM|MAX_NUM)_FORMS$|-position$|__prefix__/;

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector("#content-main form[method=post]");
    if (!form || !form.querySelector("[data-word-count]")) { return; }
    // shown again unsaved: after a mistake, or with a point moved
    var unsaved = Boolean(document.querySelector(".errornote, [data-unsaved-changes]"));
    var leaving = false;
    var saved;

    function state() {
      var values = {};
      Array.prototype.forEach.call(form.elements, function (field) {
        if (!field.name || IGNORED.test(field.name) || field.disabled) { return; }
        if (field.type === "submit" || field.type === "button") { return; }
        var value = field.type === "file" ? Array.prototype.map.call(field.files, function (file) { return file.name; }).join()
          : (field.type === "checkbox" || field.type === "radio") ? (field.checked ? field.value : "")
          : field.multiple ? Array.prototype.filter.call(field.options, function (o) { return o.selected; }).map(function (o) { return o.value; }).join()
          : field.value;
        if (value) { values[field.name] = (values[field.name] ? values[field.name] + "\n" : "") + value; }
      });
      var order = form.querySelectorAll("[name^=points-][name$=-position]");
      values["points order"] = Array.prototype.map.call(order, function (position) {
        var row = position.name.replace(/-position$/, "");
        var id = form.elements[row + "-id"];
        var text = form.elements[row + "-text"];
        return (id && id.value) || (text && text.value) || "";
      }).filter(Boolean).join("\n");
      return JSON.stringify(Object.keys(values).sort().map(function (name) { return [name, values[name]]; }));
    }

    function changed() {
      return !leaving && (unsaved || state() !== saved);
    }

    // after the page's own scripts have set up their widgets
    window.addEventListener("load", function () { saved = state(); });
    saved = state();

    form.addEventListener("submit", function (event) {
      var button = event.submitter;
      // Preview opens in another tab: this page stays, with its changes
      if (button && button.formTarget === "_blank") { return; }
      leaving = true;
    });

    window.addEventListener("beforeunload", function (event) {
      if (!changed()) { return; }
      event.preventDefault();
      event.returnValue = MESSAGE;  // older browsers want it; all show their own
    });

    document.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest("a[href]");
      if (!link || event.defaultPrevented || event.button !== 0) { return; }
      if (event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) { return; }
      if (link.target && link.target !== "_self") { return; }
      var href = link.getAttribute("href");
      if (href.charAt(0) === "#" || /^javascript:/i.test(href) || link.hasAttribute("download")) { return; }
      if (!changed()) { return; }
      if (window.confirm(MESSAGE)) {
        leaving = true;  // asked once is enough
      } else {
        event.preventDefault();
      }
    });
  });
})();
