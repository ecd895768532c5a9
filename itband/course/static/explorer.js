/* Kernel-free explorers: each control picks one of the pre-rendered frames.
 * Markup comes from itband.explorer.Explorer.static_html(); frames are ordered
 * with the last control fastest (row-major over data-shape). */
(function () {
  "use strict";
  function wire(fig) {
    var shape = (fig.getAttribute("data-shape") || "").split(",").filter(Boolean).map(Number);
    var controls = Array.prototype.slice.call(fig.querySelectorAll(".itb-controls input, .itb-controls select"));
    var frames = fig.querySelectorAll(".itb-frame");
    function index(ctrl) {
      if (ctrl.type === "checkbox") { return ctrl.checked ? 1 : 0; }
      return parseInt(ctrl.value, 10) || 0;
    }
    function update() {
      var flat = 0;
      controls.forEach(function (ctrl, i) {
        var k = index(ctrl);
        flat = flat * shape[i] + k;
        if (ctrl.type === "range") {
          var texts = JSON.parse(ctrl.getAttribute("data-texts") || "[]");
          var text = texts[k] !== undefined ? texts[k] : String(k);
          ctrl.setAttribute("aria-valuetext", text);
          var out = fig.querySelector("#" + CSS.escape(ctrl.id + "-out"));
          if (out) { out.textContent = text; }
        }
      });
      for (var j = 0; j < frames.length; j++) {
        frames[j].hidden = (j !== flat);
      }
    }
    controls.forEach(function (ctrl) {
      ctrl.addEventListener("input", update);
      ctrl.addEventListener("change", update);
    });
    update();
  }
  function init() {
    var figs = document.querySelectorAll("figure.itb-explorer");
    for (var i = 0; i < figs.length; i++) { wire(figs[i]); }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
