/* Opens a thread's folded replies when the address points into them:
   not every browser opens a <details> for a link into it. */
(function () {
  "use strict";
  function openFoldsAroundTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id ? document.getElementById(id) : null;
    var fold = target && target.closest ? target.closest(".comments details") : null;
    if (fold && !fold.open) {
      fold.open = true;
      target.scrollIntoView();
    }
  }
  openFoldsAroundTarget();
  window.addEventListener("hashchange", openFoldsAroundTarget);
})();

/* Opens the comment form under a comment when "Reply" is chosen.
   Without JavaScript the Reply link goes to a reply page instead. */
(function () {
  "use strict";
  var form = document.getElementById("comment-form");
  if (!form || !form.querySelector) { return; }
  var home = form.parentNode;
  var placeholder = document.createComment("comment form");
  home.insertBefore(placeholder, form);
  var replyTo = form.querySelector("input[name=reply_to]");
  // A reply answers a comment, not a point: the point and the stance go
  // together, and the server ignores both in a reply.
  var pointGroups = ["id_point-group", "id_stance-group"].map(function (id) {
    return document.getElementById(id);
  }).filter(Boolean);
  var quotedPoint = form.querySelector(".quoted-point");
  if (quotedPoint) { pointGroups.push(quotedPoint); }
  var sendButton = form.querySelector("button[name=post]");
  var sendLabel = sendButton ? sendButton.textContent : "";
  var heading = document.createElement("h3");
  heading.className = "comment-form__reply-heading";
  heading.tabIndex = -1;
  var cancel = document.createElement("button");
  cancel.type = "button";
  cancel.className = "button--secondary";
  cancel.textContent = "Cancel reply";

  function reset() {
    replyTo.value = "0";
    if (heading.parentNode) { heading.parentNode.removeChild(heading); }
    if (cancel.parentNode) { cancel.parentNode.removeChild(cancel); }
    pointGroups.forEach(function (group) { group.hidden = false; });
    if (sendButton) { sendButton.textContent = sendLabel; }
    home.insertBefore(form, placeholder.nextSibling);
  }

  function openReply(link) {
    var comment = link.closest("li");
    var previous = document.querySelector(".comment--replying");
    if (previous) { previous.classList.remove("comment--replying"); }
    var article = link.closest("article");
    replyTo.value = link.getAttribute("href").match(/(\d+)\/$/)[1];
    heading.textContent = "Reply to " + article.querySelector("p b").textContent;
    pointGroups.forEach(function (group) {
      group.hidden = true;
      var select = group.querySelector("select");
      if (select) { select.value = ""; }
      var noAnswer = group.querySelector("input[type=radio][value='']");
      if (noAnswer) { noAnswer.checked = true; }
    });
    if (sendButton) { sendButton.textContent = "Send reply"; }
    article.appendChild(form);
    form.insertBefore(heading, form.firstChild);
    form.querySelector(".button-group").appendChild(cancel);
    comment.classList.add("comment--replying");
    form.querySelector("textarea").focus();
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest(".comments .act a[href*='/reply/']") : null;
    if (link && replyTo) {
      event.preventDefault();
      openReply(link);
    }
  });
  cancel.addEventListener("click", function () {
    var replying = document.querySelector(".comment--replying");
    var link = replying ? replying.querySelector(".act a[href*='/reply/']") : null;
    if (replying) { replying.classList.remove("comment--replying"); }
    reset();
    if (link) { link.focus(); }
  });
})();
