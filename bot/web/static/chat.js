/* Asumisen Botti chat widget: same-origin /api/chat, transcript kept in this tab only. */
(function () {
  "use strict";
  var SENDER_KEY = "asumisbotti-sender";
  var PRO_KEY = "asumisbotti-professional";
  var LOG_KEY = "asumisbotti-log";
  var CONFIG = JSON.parse(document.getElementById("chat-config").textContent);
  var MAX = CONFIG.maxChars;
  var T = CONFIG.texts;
  var log = document.getElementById("log");
  var form = document.getElementById("composer");
  var input = document.getElementById("message");
  var counter = document.getElementById("counter");
  var typing = document.getElementById("typing");
  var statusBox = document.getElementById("status");
  var transcript = [];
  var healthTimer = null;

  function randomId() {
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }
  function sender() {
    var id = sessionStorage.getItem(SENDER_KEY);
    if (!id) { id = randomId(); sessionStorage.setItem(SENDER_KEY, id); }
    return id;
  }
  function save() {
    try { sessionStorage.setItem(LOG_KEY, JSON.stringify(transcript)); } catch (e) { /* storage full: keep going */ }
  }

  function appendText(el, text) {
    // Links: https addresses, and the same-origin audit summary path /kartoitus/<code>.
    var parts = String(text).split(/(https:\/\/[^\s]+|\/kartoitus\/[A-Z0-9]+)/g);
    parts.forEach(function (part) {
      if (/^(https:\/\/|\/kartoitus\/)/.test(part)) {
        var url = part.replace(/[.,;:)]+$/, "");
        var a = document.createElement("a");
        a.href = url; a.textContent = url; a.rel = "noopener"; a.target = "_blank";
        if (url.charAt(0) === "/") { a.textContent = window.location.origin + url; }
        el.appendChild(a);
        if (url.length < part.length) el.appendChild(document.createTextNode(part.slice(url.length)));
      } else if (part) {
        el.appendChild(document.createTextNode(part));
      }
    });
  }

  function render(entry, index) {
    var el = document.createElement("div");
    el.className = "msg " + entry.who;
    var who = document.createElement("span");
    who.className = "visually-hidden";
    who.textContent = entry.who === "user" ? T.speaker_user : entry.who === "bot" ? T.speaker_bot : T.speaker_note;
    el.appendChild(who);
    appendText(el, entry.text || "");
    if (entry.buttons && entry.buttons.length) {
      var group = document.createElement("div");
      group.className = "buttons";
      group.setAttribute("role", "group");
      group.setAttribute("aria-label", T.buttons_label);
      entry.buttons.forEach(function (b) {
        var btn = document.createElement("button");
        btn.type = "button";
        btn.textContent = b.title;
        btn.disabled = !!entry.used;
        btn.addEventListener("click", function () {
          transcript[index].used = true;
          Array.prototype.forEach.call(group.querySelectorAll("button"), function (x) { x.disabled = true; });
          send(b.payload, b.title);
        });
        group.appendChild(btn);
      });
      el.appendChild(group);
    }
    log.appendChild(el);
    log.scrollTop = log.scrollHeight;
  }

  function add(who, text, buttons) {
    var entry = { who: who, text: text, buttons: buttons || [] };
    transcript.push(entry);
    render(entry, transcript.length - 1);
    save();
  }

  function setBusy(busy) {
    typing.hidden = !busy;
    document.getElementById("send").disabled = busy;
  }

  function setStatus(rasaUp) {
    statusBox.hidden = rasaUp;
    if (!rasaUp && !healthTimer) healthTimer = setInterval(checkHealth, 30000);
    if (rasaUp && healthTimer) { clearInterval(healthTimer); healthTimer = null; }
  }

  function checkHealth() {
    return fetch("/health", { cache: "no-store" })
      .then(function (r) { return r.json(); })
      .then(function (h) { setStatus(h.rasa === "ok"); })
      .catch(function () { setStatus(false); });
  }

  // A professional who started from the staff portal: a signed token (no client data) lets the
  // server list the audit code in their portal. Kept for this tab only, never in a cookie.
  function withProfessional(body) {
    var token = sessionStorage.getItem(PRO_KEY);
    if (token) body.professional = token;
    return body;
  }

  // `quiet`: the bot's reply is not shown (the mode question the portal link answers itself).
  function send(message, shownAs, quiet) {
    if (shownAs !== null) add("user", shownAs || message);
    setBusy(true);
    return fetch("/api/chat", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(withProfessional({ sender: sender(), message: message }))
    }).then(function (r) {
      return r.json().then(function (body) { return { ok: r.ok, body: body }; });
    }).then(function (res) {
      // A refused message can still carry the crisis answer: it comes first, then the refusal.
      if (!quiet || !res.ok) (res.body.messages || []).forEach(function (m) { add("bot", m.text, m.buttons); });
      if (!res.ok) { add("note", res.body.message || T.send_failed); return; }
      if (res.body.degraded) setStatus(false);
    }).catch(function () {
      add("note", T.connection_lost);
    }).then(function () {
      setBusy(false);
      if (shownAs !== null) input.focus();  // keep the page's focus alone on the silent greeting
    });
  }

  function updateCounter() {
    var n = input.value.length;
    counter.textContent = n + "/" + MAX;
    counter.classList.toggle("over", n >= MAX);
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text) { input.focus(); return; }
    if (text.length > MAX) { add("note", T.too_long); return; }
    input.value = "";
    updateCounter();
    send(text);
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey) { event.preventDefault(); form.requestSubmit(); }
  });
  input.addEventListener("input", updateCounter);
  document.getElementById("restart").addEventListener("click", function () {
    if (!window.confirm(T.restart_confirm)) return;
    sessionStorage.removeItem(LOG_KEY);
    sessionStorage.removeItem(PRO_KEY);
    sessionStorage.setItem(SENDER_KEY, randomId());
    transcript = [];
    log.textContent = "";
    send("/greet", null);
  });

  try { transcript = JSON.parse(sessionStorage.getItem(LOG_KEY) || "[]"); } catch (e) { transcript = []; }
  transcript.forEach(render);
  checkHealth();
  // The staff portal opens `/?tila=ammattilainen`: a new audit with the professional mode chosen.
  var start = CONFIG.professionalStart;
  if (new URLSearchParams(window.location.search).get("tila") === "ammattilainen" && start) {
    var token = new URLSearchParams(window.location.hash.slice(1)).get("t");
    window.history.replaceState(null, "", window.location.pathname);
    if (token) sessionStorage.setItem(PRO_KEY, token); else sessionStorage.removeItem(PRO_KEY);
    sessionStorage.removeItem(LOG_KEY);
    sessionStorage.setItem(SENDER_KEY, randomId());
    transcript = [];
    log.textContent = "";
    send(start[0], null, true).then(function () { return send(start[1], null); });
  } else if (!transcript.length) send("/greet", null);
})();
