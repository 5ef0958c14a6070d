/* The topics field suggests existing topics as the editor types, through
   the browser's own list (<datalist>): each suggestion completes the topic
   being typed after the last comma. Without JavaScript the field is a
   plain comma-separated list, and a topic typed in another case still
   joins the existing one. */
(function () {
  "use strict";
  if (!window.fetch) { return; }

  document.addEventListener("DOMContentLoaded", function () {
    var field = document.querySelector("input[data-suggestions]");
    if (!field) { return; }
    var list = document.createElement("datalist");
    list.id = field.id + "-suggestions";
    field.after(list);
    field.setAttribute("list", list.id);
    field.setAttribute("autocomplete", "off");
    var asked = "";
    var wait;

    function parts() {
      var all = field.value.split(",");
      return { before: all.slice(0, -1), typing: all[all.length - 1].trim() };
    }

    function suggest() {
      var now = parts();
      if (!now.typing || now.typing === asked) { return; }
      asked = now.typing;
      var url = field.getAttribute("data-suggestions") + "?q=" + encodeURIComponent(now.typing);
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { topics: [] }; })
        .then(function (found) {
          if (asked !== parts().typing) { return; }  // typed on meanwhile
          var chosen = now.before.map(function (name) { return name.trim().toLowerCase(); });
          var prefix = now.before.map(function (name) { return name.trim(); }).filter(Boolean).join(", ");
          list.replaceChildren();
          found.topics.forEach(function (name) {
            if (chosen.indexOf(name.toLowerCase()) !== -1) { return; }
            var option = document.createElement("option");
            option.value = (prefix ? prefix + ", " : "") + name;
            list.appendChild(option);
          });
        })
        .catch(function () { list.replaceChildren(); });
    }

    field.addEventListener("input", function () {
      clearTimeout(wait);
      wait = setTimeout(suggest, 200);
    });
  });
})();
