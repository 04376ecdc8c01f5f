// Inside the embedded action card: tell the framing page how tall the card is
// (static/takeaction/embed.js on that page sets the iframe's height).
(function () {
  "use strict";
  if (window.parent === window) return;
  var sent = 0;
  function post() {
    // The root element's own box, not scrollHeight, which never drops below the frame.
    var height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === sent) return;
    sent = height;
    window.parent.postMessage({type: "takeaction:height", height: height}, "*");
  }
  window.addEventListener("load", post);
  window.addEventListener("resize", post);
})();
