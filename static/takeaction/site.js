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
    navigator.clipboard.writeText(source.innerText.trim()).then(function () {
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

// Officials lookup: show the result inside the call card instead of a new page.
(function () {
  "use strict";
  var form = document.querySelector("[data-lookup]");
  var box = document.getElementById("officials-result");
  if (!form || !box || !window.fetch) return;
  function load(url) {
    box.setAttribute("aria-busy", "true");
    var target = new URL(url, window.location.href);
    target.searchParams.set("fragment", "1");
    fetch(target.toString(), { headers: { "Accept": "text/html" } })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        var holder = document.createElement("div");
        holder.innerHTML = html;
        var fresh = holder.querySelector("#officials-result");
        box.innerHTML = fresh ? fresh.innerHTML : "";
        box.removeAttribute("aria-busy");
        box.focus();
      })
      .catch(function () { window.location.href = url; });
  }
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var url = new URL(form.action, window.location.href);
    url.search = new URLSearchParams(new FormData(form)).toString();
    load(url.toString());
  });
  box.addEventListener("click", function (event) {
    var link = event.target.closest("[data-fragment-link]");
    if (!link) return;
    event.preventDefault();
    load(link.href);
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
        // Rounded to about 100 m: enough for a district, and nothing is stored.
        url.searchParams.set("lat", position.coords.latitude.toFixed(3));
        url.searchParams.set("lon", position.coords.longitude.toFixed(3));
        load(url.toString());
      }, function () {
        status.textContent = locate.getAttribute("data-denied") || "";
      }, { maximumAge: 600000, timeout: 15000 });
    });
  }
})();
