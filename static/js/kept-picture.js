// A kept picture in the admin: the file box shows only once "Choose
// another" is ticked. Without this script both show, and a file chosen
// is used whichever button is ticked.
(function () {
  "use strict";
  function enhance(kept) {
    var keep = kept.querySelector("input[type=radio][value=keep]");
    var replace = kept.querySelector("input[type=radio][value=replace]");
    var box = kept.querySelector("[data-kept-picture-new]");
    if (!keep || !replace || !box) {
      return;
    }
    var file = box.querySelector("input[type=file]");
    function update() {
      box.hidden = keep.checked;
      if (keep.checked && file) {
        file.value = "";
      }
    }
    keep.addEventListener("change", update);
    replace.addEventListener("change", update);
    update();
  }
  // the admin loads its forms' scripts in the page's head
  function start() {
    document.querySelectorAll("[data-kept-picture]").forEach(enhance);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
