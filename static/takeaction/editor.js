// Campaign editor: re-render the phone-sized preview from the unsaved fields.
(function () {
  "use strict";
  var form = document.querySelector("[data-live-preview]");
  var frame = document.querySelector(".phone-preview iframe");
  var status = document.querySelector("[data-preview-status]");
  if (!form || !frame || !window.fetch) return;
  var timer = null;
  function refresh() {
    fetch(form.getAttribute("data-live-preview"), { method: "POST", body: new FormData(form) })
      .then(function (response) {
        return response.text().then(function (text) { return { ok: response.ok, text: text }; });
      })
      .then(function (result) {
        if (result.ok) {
          frame.srcdoc = result.text;
          if (status) status.textContent = status.getAttribute("data-live") || status.textContent;
        } else if (status) {
          status.textContent = result.text;
        }
      })
      .catch(function () {});
  }
  form.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(refresh, 600);
  });
})();
