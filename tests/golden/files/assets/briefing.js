/* Shipped by the briefing plugin (briefing/theme). No network, no dependencies. */
(function () {
  /* On a touch screen, tapping a footnote mark shows its note in place, in the theme's footnote
     tooltip (content.footnote.tooltips shows it on hover and on focus), instead of jumping to the
     notes at the bottom of the page. A mouse click or the keyboard still follows the link. */
  var touch = false;
  document.addEventListener("pointerdown", function (ev) {
    touch = ev.pointerType === "touch" || ev.pointerType === "pen";
  }, true);
  document.addEventListener("click", function (ev) {
    var ref = ev.target instanceof Element ? ev.target.closest("a.footnote-ref") : null;
    if (!ref || !touch) return;
    ev.preventDefault();
    ref.focus();
  }, true);

  /* A quoted passage that runs over paragraphs is marked in pieces; the first carries its anchor.
     When a citation leads to it, the other pieces stand out with it. */
  function markTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    document.querySelectorAll("mark.briefing-target").forEach(function (m) {
      m.classList.remove("briefing-target");
    });
    if (!id) return;
    document.querySelectorAll('mark[data-passage="' + CSS.escape(id) + '"]').forEach(function (m) {
      m.classList.add("briefing-target");
    });
  }
  window.addEventListener("hashchange", markTarget);
  markTarget();
})();
