// The portal's only script (no inline code: the Content-Security-Policy forbids it). After an upload the page's address
// becomes the submission's own, so a reload never posts the file again; while processing is pending the page asks the
// status endpoint and reloads itself once the outcome is recorded (for at most ten minutes).
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  var submission = document.getElementById("submission");
  if (!submission) return;
  var self = submission.getAttribute("data-self-url");
  if (self && window.location.pathname !== self) window.history.replaceState(null, "", self);
  var poll = submission.getAttribute("data-poll-url");
  if (!poll) return;
  var interval = parseInt(submission.getAttribute("data-poll-ms"), 10) || 2000;
  var deadline = Date.now() + 10 * 60 * 1000;
  function ask() {
    if (Date.now() > deadline) return;
    fetch(poll, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.ok ? response.json() : { processed: false }; })
      .then(function (status) {
        if (status.processed) window.location.replace(self);
        else window.setTimeout(ask, interval);
      })
      .catch(function () { window.setTimeout(ask, interval * 2); });
  }
  window.setTimeout(ask, interval);
});
