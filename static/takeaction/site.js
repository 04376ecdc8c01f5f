// Progressive enhancement only: every card works without this file.
(function () {
  "use strict";
  function reveal(selector, usable, onClick) {
    document.querySelectorAll(selector).forEach(function (button) {
      if (!usable) return;
      button.hidden = false;
      button.addEventListener("click", function () { onClick(button); });
    });
  }
  reveal("[data-copy]", navigator.clipboard && window.isSecureContext, function (button) {
    var source = document.querySelector(button.getAttribute("data-copy"));
    if (!source) return;
    var label = button.textContent;
    // A text box's words are its value (what the fan typed), not the text it started with.
    var text = "value" in source && source.tagName !== "BUTTON" ? source.value : source.innerText;
    navigator.clipboard.writeText(text.trim()).then(function () {
      button.textContent = button.getAttribute("data-copied") || "Copied ✓";
      setTimeout(function () { button.textContent = label; }, 2000);
    });
  });
  reveal("[data-share-url]", typeof navigator.share === "function", function (button) {
    navigator.share({
      text: button.getAttribute("data-share-text"),
      url: button.getAttribute("data-share-url")
    }).catch(function () { /* the fan closed the share sheet */ });
  });
})();

function cookie(name) {
  var match = document.cookie.match(new RegExp("(?:^|; )" + name + "=([^;]*)"));
  return match ? decodeURIComponent(match[1]) : "";
}

// Acts carry how long after the page loaded they were sent (docs/counting.md):
// a capturing listener runs before any form's own submit handler.
function stampElapsed(form) {
  form.querySelectorAll("[data-elapsed]").forEach(function (input) {
    input.value = String(Math.round(performance.now()));
  });
}
document.addEventListener("submit", function (event) { stampElapsed(event.target); }, true);

// Share and donate links: nothing is counted on a GET. With the CSRF cookie, a tap
// posts straight to the link (counted once, then sent on to the app or the
// organization); without it, the link opens a page with the same button.
(function () {
  "use strict";
  function post(action, target, fields) {
    var token = cookie("csrftoken");
    if (!token) return false;
    var form = document.createElement("form");
    form.method = "post";
    form.action = action;
    if (target) form.target = target;
    fields.csrfmiddlewaretoken = token;
    fields.elapsed = String(Math.round(performance.now()));
    Object.keys(fields).forEach(function (name) {
      var input = document.createElement("input");
      input.type = "hidden";
      input.name = name;
      input.value = fields[name];
      form.appendChild(input);
    });
    document.body.appendChild(form);
    form.submit();
    form.remove();
    return true;
  }
  document.querySelectorAll("a[data-link-out]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      if (post(link.href, link.target, {})) event.preventDefault();
    });
  });
  document.querySelectorAll("form[data-link-out]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      var fields = {};
      new FormData(form).forEach(function (value, name) { fields[name] = value; });
      if (post(form.action, form.target, fields)) event.preventDefault();
    });
  });
})();

// After an act: the fan's own link, to send to three friends (from me.json, which now
// knows the fan). The block is in the cached page, empty and hidden, for everyone.
function showNextStep(near) {
  var block = document.querySelector("[data-next-step]");
  var me = document.querySelector("[data-me-url]");
  if (!block || !me || !window.fetch) return;
  fetch(me.getAttribute("data-me-url"), { headers: { "Accept": "application/json" } })
    .then(function (response) { return response.ok ? response.json() : null; })
    .then(function (data) {
      if (!data || !data.personal_url) return;
      var words = data.invite + " " + data.personal_url;
      block.querySelector("[data-next-link]").textContent = data.personal_url;
      block.querySelector("[data-next-href=whatsapp]").href = "https://wa.me/?text=" + encodeURIComponent(words);
      block.querySelector("[data-next-href=sms]").href = "sms:?&body=" + encodeURIComponent(words);
      block.querySelectorAll("[data-share-url]").forEach(function (button) {
        button.setAttribute("data-share-url", data.personal_url);
        button.setAttribute("data-share-text", data.invite);
      });
      // Right under the card the fan just used, where their eyes are.
      var card = near && near.closest(".verb");
      if (card) card.parentNode.insertBefore(block, card.nextSibling);
      block.hidden = false;
    })
    .catch(function () {});
}

// Officials lookup: show the result inside the card instead of a new page, and log
// call outcomes without leaving it.
(function () {
  "use strict";
  if (!window.fetch) return;
  function withFragment(url) {
    var target = new URL(url, window.location.href);
    target.searchParams.set("fragment", "1");
    return target.toString();
  }
  // The result is the same for everyone who asks for that ZIP (it is cached); what is
  // this fan's (the calls they logged, the CSRF token of the outcome forms) comes from
  // me.json, asked for at the same time.
  var meNode = document.querySelector("[data-me-url]");
  function mine() {
    // A fan from the story link has the CSRF cookie from the landing and nothing logged
    // yet: no request. Only a fan who has acted here (ta_known) has a call log to show.
    if (cookie("csrftoken") && !cookie("ta_known")) return Promise.resolve({});
    if (!meNode) return Promise.resolve(null);
    var url = new URL(meNode.getAttribute("data-me-url"), window.location.href);
    url.searchParams.set("csrf", "1");
    return fetch(url.toString(), { headers: { "Accept": "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .catch(function () { return null; });
  }
  function markMine(box, me) {
    if (!me) return;
    var token = me.csrf_token || cookie("csrftoken") || "";
    box.querySelectorAll("[data-csrf]").forEach(function (input) { input.value = token; });
    var calls = me.calls || {};
    var cards = box.querySelectorAll(".target[id^='target-']");
    var done = 0;
    cards.forEach(function (card) {
      var outcome = calls[card.id.slice("target-".length)];
      if (!outcome) return;
      done += 1;
      card.classList.add("done");
      var form = card.querySelector("[data-act]");
      if (form) form.remove();
      var note = card.querySelector("[data-logged]");
      if (note) {
        note.querySelector("[data-logged-outcome]").textContent = outcome;
        note.hidden = false;
      }
    });
    var tally = box.querySelector(".calls-done[data-template]");
    if (tally) tally.textContent = tally.getAttribute("data-template").replace("{done}", done);
    if (done) box.querySelectorAll("details[open]").forEach(function (d) { d.open = false; });
  }
  function load(box, url) {
    box.setAttribute("aria-busy", "true");
    box.setAttribute("data-url", url);
    var result = fetch(withFragment(url), { headers: { "Accept": "text/html" } })
      .then(function (response) { return response.text(); });
    return Promise.all([result, mine()])
      .then(function (both) {
        var holder = document.createElement("div");
        holder.innerHTML = both[0];
        var fresh = holder.querySelector(".lookup-result");
        box.innerHTML = fresh ? fresh.innerHTML : "";
        markMine(box, both[1]);
        box.removeAttribute("aria-busy");
        box.focus();
        document.dispatchEvent(new CustomEvent("ta:loaded"));
      })
      .catch(function () { window.location.href = url; });
  }
  document.querySelectorAll("[data-lookup]").forEach(function (form) {
    var box = document.querySelector(form.getAttribute("data-result"));
    if (!box) return;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var url = new URL(form.action, window.location.href);
      url.search = new URLSearchParams(new FormData(form)).toString();
      load(box, url.toString());
    });
    box.addEventListener("click", function (event) {
      var link = event.target.closest("[data-fragment-link]");
      if (!link) return;
      event.preventDefault();
      load(box, link.href);
    });
    box.addEventListener("submit", function (event) {
      var act = event.target.closest("[data-act]");
      if (!act) return;
      event.preventDefault();
      var token = act.querySelector("[data-csrf]");
      // Without a token (me.json did not answer) the page of its own has forms that work.
      if (token && !token.value) { window.location.href = box.getAttribute("data-url"); return; }
      var data = new FormData(act);
      if (event.submitter && event.submitter.name) data.set(event.submitter.name, event.submitter.value);
      fetch(act.action, { method: "POST", body: data, headers: { "Accept": "application/json" } })
        .then(function (response) {
          if (response.status === 429 || !response.ok) { act.submit(); return; }
          showNextStep(box);
          return load(box, box.getAttribute("data-url"));
        })
        .catch(function () { act.submit(); });
    });
    var locate = form.querySelector("[data-locate]");
    var status = form.querySelector("[data-locate-status]");
    if (locate && navigator.geolocation) {
      locate.hidden = false;
      locate.addEventListener("click", function () {
        status.hidden = false;
        status.textContent = locate.getAttribute("data-wait") || "…";
        navigator.geolocation.getCurrentPosition(function (position) {
          status.hidden = true;
          var url = new URL(form.action, window.location.href);
          var mode = form.querySelector("[name=for]");
          if (mode) url.searchParams.set("for", mode.value);
          // Rounded to about 100 m: enough for a district, and nothing is stored.
          url.searchParams.set("lat", position.coords.latitude.toFixed(3));
          url.searchParams.set("lon", position.coords.longitude.toFixed(3));
          load(box, url.toString());
        }, function () {
          status.textContent = locate.getAttribute("data-denied") || "";
        }, { maximumAge: 600000, timeout: 15000 });
      });
    }
  });
})();

// Live counts: refresh the numbers every few seconds without reloading the page.
(function () {
  "use strict";
  var panel = document.querySelector("[data-counts-url]");
  if (!panel || !window.fetch) return;
  function update(data) {
    panel.querySelectorAll("[data-count]").forEach(function (node) {
      var key = node.getAttribute("data-count");
      var value = key in data ? data[key] : (data.by_verb[key] || 0);
      node.textContent = value.toLocaleString();
    });
    document.querySelectorAll("[data-live]").forEach(function (node) {
      node.textContent = data[node.getAttribute("data-live")].toLocaleString();
    });
    // "1 fan took action", "2 fans took action": the words follow the number.
    panel.querySelectorAll("[data-plural]").forEach(function (label) {
      var n = data[label.getAttribute("data-plural")];
      label.textContent = label.getAttribute(n === 1 ? "data-one" : "data-other");
    });
    var bar = panel.querySelector("[data-goal-bar]");
    if (bar && data.goal) bar.value = Math.min(data.actions, data.goal);
    panel.querySelectorAll("[data-state]").forEach(function (tile) {
      var n = data.by_state[tile.getAttribute("data-state")] || 0;
      var level = n === 0 ? 0 : n < 10 ? 1 : n < 100 ? 2 : 3;
      tile.setAttribute("class", "tile level-" + level);
      var label = tile.querySelector("title");
      if (label) label.textContent = label.textContent.replace(/\d[\d,.]*$/, n.toLocaleString());
    });
  }
  function poll() {
    fetch(panel.getAttribute("data-counts-url"), { cache: "no-cache", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) { if (data) update(data); })
      .catch(function () {});
  }
  poll();
  setInterval(function () { if (!document.hidden) poll(); }, 10000);
})();

// This fan: personal link in the share text, their progress, remembered Mastodon server.
(function () {
  "use strict";
  var remember = document.querySelectorAll("[data-remember]");
  remember.forEach(function (input) {
    var value = cookie(input.getAttribute("data-remember"));
    if (value && !input.value) input.value = value;
  });
  var me = document.querySelector("[data-me-url]");
  // Progress and a personal link exist only for a fan who has acted here (ta_known).
  if (!me || !window.fetch || !cookie("ta_known")) return;
  fetch(me.getAttribute("data-me-url"), { headers: { "Accept": "application/json" } })
    .then(function (response) { return response.ok ? response.json() : null; })
    .then(function (data) {
      if (!data || !data.personal_url) return;
      var slot = document.querySelector("[data-personal-url]");
      if (slot) slot.textContent = data.personal_url;
      // Only a fan who has called, written or talked shares the words that say so.
      var words = document.querySelector("[data-share-message][data-after]");
      if (words && data.acted) {
        words.textContent = words.getAttribute("data-after");
        document.querySelectorAll("[data-share-text]").forEach(function (button) {
          button.setAttribute("data-share-text", words.textContent);
        });
      }
      document.querySelectorAll("[data-share-url]").forEach(function (button) {
        button.setAttribute("data-share-url", data.personal_url);
      });
      // On return visits: how much of the campaign this fan has done.
      var progress = document.querySelector("[data-my-progress]");
      if (progress && data.progress.done) {
        progress.textContent = progress.getAttribute("data-template")
          .replace("{done}", data.progress.done).replace("{of}", data.progress.of);
        progress.hidden = false;
      }
    })
    .catch(function () {});
})();

// The fan's name and town in call scripts: kept in this tab only, never sent.
(function () {
  "use strict";
  var panel = document.querySelector("[data-reader]");
  if (!panel || !window.sessionStorage) return;
  panel.hidden = false;
  var fields = panel.querySelectorAll("[data-reader-field]");
  function apply() {
    document.querySelectorAll(".script").forEach(function (script) {
      if (!script.hasAttribute("data-template")) script.setAttribute("data-template", script.textContent);
      var text = script.getAttribute("data-template");
      fields.forEach(function (field) {
        if (field.value.trim()) text = text.split(field.getAttribute("data-reader-field")).join(field.value.trim());
      });
      script.textContent = text;
    });
  }
  fields.forEach(function (field) {
    field.value = sessionStorage.getItem("ta:" + field.id) || "";
    field.addEventListener("input", function () {
      sessionStorage.setItem("ta:" + field.id, field.value);
      apply();
    });
  });
  document.addEventListener("ta:loaded", apply);
  apply();
})();

// The letter: the fan's name and town take the placeholders' place as they type. Until the
// fan edits the letter it is re-filled from its first text on every key; after that, only
// the placeholders still in it are filled, when a field is left.
(function () {
  "use strict";
  var form = document.getElementById("letter-form");
  if (!form) return;
  var body = form.querySelector("textarea[name=body]");
  var fields = form.querySelectorAll("[data-placeholder]");
  if (!body || !fields.length) return;
  var first = body.value;
  var edited = false;
  function fill(text) {
    fields.forEach(function (field) {
      var value = field.value.trim();
      if (value) text = text.split(field.getAttribute("data-placeholder")).join(value);
    });
    return text;
  }
  body.addEventListener("input", function () { edited = true; });
  fields.forEach(function (field) {
    field.addEventListener("input", function () { if (!edited) body.value = fill(first); });
    field.addEventListener("change", function () { if (edited) body.value = fill(body.value); });
  });
  if (!edited) body.value = fill(first);
  var mail = form.querySelector("[data-mail-letter]");
  if (mail) {
    var base = mail.getAttribute("href");
    mail.addEventListener("click", function () {
      mail.setAttribute("href", base + "&body=" + encodeURIComponent(fill(body.value)));
    });
  }
})();

// The browser's own "Please match the requested format" becomes the page's words.
document.querySelectorAll("input[data-invalid]").forEach(function (input) {
  input.addEventListener("invalid", function () {
    if (input.validity.patternMismatch) input.setCustomValidity(input.getAttribute("data-invalid"));
  });
  input.addEventListener("input", function () { input.setCustomValidity(""); });
});
