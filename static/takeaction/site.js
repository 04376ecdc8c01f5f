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
