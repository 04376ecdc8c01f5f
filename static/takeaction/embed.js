// On an organizer's site: size each <iframe data-takeaction-embed> to its action card.
(function () {
  "use strict";
  function originOf(frame) {
    try { return new URL(frame.src, document.baseURI).origin; } catch (e) { return null; }
  }
  window.addEventListener("message", function (event) {
    var data = event.data;
    if (!data || data.type !== "takeaction:height") return;
    var height = Math.ceil(Number(data.height));
    if (!(height > 0 && height < 10000)) return;
    var frames = document.querySelectorAll("iframe[data-takeaction-embed]");
    for (var i = 0; i < frames.length; i++) {
      // Only the card in this frame, served from the frame's own origin, may size it.
      if (frames[i].contentWindow === event.source && originOf(frames[i]) === event.origin) {
        frames[i].style.height = height + "px";
      }
    }
  });
})();
