/* Content editor: focus the error summary, refresh the chat preview while the answer is edited. */
(function () {
  "use strict";
  var summary = document.getElementById("virheet");
  if (summary) summary.focus();

  var form = document.getElementById("answer-form");
  var target = document.getElementById("preview-messages");
  if (!form || !target || !window.fetch) return;
  var timer = null;
  var pending = null;

  function refresh() {
    if (pending) pending.abort();
    pending = new AbortController();
    fetch(form.getAttribute("data-preview"), {
      method: "POST",
      body: new FormData(form),
      headers: { "X-Esikatselu": "1" },
      credentials: "same-origin",
      signal: pending.signal
    }).then(function (r) {
      return r.ok ? r.text() : null;
    }).then(function (html) {
      if (html !== null) target.innerHTML = html;  // server-rendered and autoescaped
    }).catch(function () { /* keep the last preview */ });
  }
  function later() {
    clearTimeout(timer);
    timer = setTimeout(refresh, 400);
  }
  form.addEventListener("input", later);
  form.addEventListener("change", later);
})();
