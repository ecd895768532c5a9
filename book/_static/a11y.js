/* Site-wide accessibility fixes for markup the course does not write itself.
 *
 * jupyterquiz (the self-check quizzes):
 *   - a numeric question's text box gets its visible label ("Type numeric answer
 *     here:") as its accessible name;
 *   - each multiple-choice answer is a <label> around a radio button, so Tab,
 *     the arrow keys and Space already choose answers; the answer cards show a
 *     focus ring (a11y.css);
 *   - the feedback line is a polite live region: the course's jupyterquiz adapter
 *     (itband/course/adapters/jupyterquiz.py) creates it so, in the book and in a
 *     kernel alike, so nothing here needs to.
 * Scrollable boxes (wide tables, long outputs) become keyboard-reachable: a tab
 * stop with a name, so keyboard users can scroll them.
 * Quizzes are drawn by inline scripts as the page is parsed, so everything here
 * runs once on DOMContentLoaded and again whenever new quiz markup appears. */
(function () {
  "use strict";
  function fixQuizzes(root) {
    var labels = root.querySelectorAll(".Quiz label.InpLabel");
    for (var i = 0; i < labels.length; i++) {
      var lab = labels[i];
      var inp = lab.parentElement && lab.parentElement.querySelector("input.Input-text");
      if (inp && inp.id && !lab.htmlFor) { lab.htmlFor = inp.id; }
    }
  }

  function nameOf(box) {
    var cap = box.querySelector("caption, figcaption");
    if (cap && cap.textContent.trim()) { return cap.textContent.trim().slice(0, 120); }
    return box.querySelector("table") ? "Scrollable table" : "Scrollable content";
  }

  function scrollable(el) {
    var cs = window.getComputedStyle(el);
    var sx = /(auto|scroll)/.test(cs.overflowX) && el.scrollWidth > el.clientWidth + 1;
    var sy = /(auto|scroll)/.test(cs.overflowY) && el.scrollHeight > el.clientHeight + 1;
    return sx || sy;
  }

  // Reads first, then writes: setting an attribute between two layout reads would make the
  // browser lay the page out again for every box (a long task on a phone).
  function fixScrollables() {
    var boxes = document.querySelectorAll(".bd-article div, .bd-article figure");
    var found = [];
    for (var i = 0; i < boxes.length; i++) {
      var box = boxes[i];
      if (box.hasAttribute("tabindex") || !scrollable(box)) { continue; }
      if (box.querySelector("a[href], button, input, select, textarea, [tabindex]")) { continue; }
      found.push(box);
    }
    found.forEach(function (box) {
      box.setAttribute("tabindex", "0");
      if (!box.hasAttribute("role")) { box.setAttribute("role", "region"); }
      if (!box.hasAttribute("aria-label") && !box.hasAttribute("aria-labelledby")) {
        box.setAttribute("aria-label", nameOf(box));
      }
    });
  }

  // Once the page has loaded (its pictures set the boxes' sizes), when the browser is idle.
  function whenIdle() {
    if (window.requestIdleCallback) { window.requestIdleCallback(fixScrollables, {timeout: 500}); }
    else { window.setTimeout(fixScrollables, 0); }
  }

  function init() {
    fixQuizzes(document);
    if (window.MutationObserver) {
      var pending = false;
      new MutationObserver(function () {
        if (pending) { return; }
        pending = true;
        window.requestAnimationFrame(function () { pending = false; fixQuizzes(document); });
      }).observe(document.body, { childList: true, subtree: true });
    }
    if (document.readyState === "complete") { whenIdle(); } else { window.addEventListener("load", whenIdle); }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
