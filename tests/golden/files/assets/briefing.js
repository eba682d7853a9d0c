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

  /* ==== Footnote popovers: never over the sentence they cite ======================================
     The theme puts a note's popover above its mark when the mark is in the lower half of the screen,
     which hides the sentence the note is for. A mark ends its sentence, so the popover goes below
     the mark's line, its tail pointing at the mark. Where it does not fit below, a tap or a keyboard
     focus scrolls the page just enough, the sentence staying in view; a mouse pointing at a mark never
     scrolls the page, so there (or where scrolling cannot make room) the popover goes above the
     sentence's first line. The theme keeps the popover's horizontal place; this only sets how far
     below the mark's top it starts (--briefing-tip-y, briefing.css). */
  var GAP = 8;
  var SENTENCE_HOLDER = "p, li, td, th, dd, dt, summary, blockquote, h1, h2, h3, h4, h5, h6";
  var lastRef = null;
  function noteRef(ev) {
    var ref = ev.target instanceof Element ? ev.target.closest("a.footnote-ref") : null;
    if (ref) lastRef = ref;
  }
  ["pointerover", "pointerdown", "focusin"].forEach(function (type) {
    document.addEventListener(type, noteRef, true);
  });

  /* The lines of the sentence a mark cites: from the mark before it in the same block (or the
     block's start) to the mark itself. */
  function sentenceRects(ref) {
    var sup = ref.closest("sup") || ref;
    var block = sup.parentElement.closest(SENTENCE_HOLDER) || sup.parentElement;
    var range = document.createRange();
    var before = null;
    block.querySelectorAll('sup[id^="fnref"]').forEach(function (other) {
      if (other.compareDocumentPosition(sup) & Node.DOCUMENT_POSITION_FOLLOWING) before = other;
    });
    if (before) range.setStartAfter(before); else range.setStart(block, 0);
    range.setEndAfter(sup);
    return Array.prototype.filter.call(range.getClientRects(), function (r) { return r.width > 0 && r.height > 0; });
  }

  function place(tip, ref) {
    var inner = tip.querySelector(".md-tooltip2__inner");
    if (!inner || !ref.isConnected) return;
    var host = ref.getBoundingClientRect();
    var lines = sentenceRects(ref).concat([host]);
    var top = Math.min.apply(null, lines.map(function (r) { return r.top; }));
    var bottom = Math.max.apply(null, lines.map(function (r) { return r.bottom; }));
    var header = document.querySelector(".md-header");
    var ceiling = header ? Math.max(0, header.getBoundingClientRect().bottom) : 0;
    var height = inner.getBoundingClientRect().height;
    var below = bottom + GAP;
    var above = top - GAP - height;
    var where = "below";
    var need = below + height - (innerHeight - GAP);
    if (need > 0) {
      var room = Math.max(0, top - ceiling - GAP);  /* scrolling further would hide the sentence */
      var asked = document.activeElement === ref;  /* a tap or the keyboard, not a passing mouse */
      if (asked && room >= need) {
        window.scrollBy({ top: need, behavior: "instant" });
      } else if (above >= ceiling + GAP) {
        where = "above";
      } else if (asked) {
        window.scrollBy({ top: room, behavior: "instant" });
      }
    }
    tip.setAttribute("data-briefing-place", where);
    tip.style.setProperty("--briefing-tip-y", ((where === "below" ? bottom + GAP : above) - host.top) + "px");
  }

  function watchTip(tip) {
    if (!(tip instanceof Element) || !tip.matches('.md-tooltip2[role="dialog"]')) return;
    var ref = document.querySelector('a.footnote-ref[aria-controls="' + CSS.escape(tip.id) + '"]') || lastRef;
    if (!ref || !ref.matches("a.footnote-ref")) return;
    place(tip, ref);
    /* the theme fills the popover and sets its width as it appears: place it again once it has */
    requestAnimationFrame(function () { place(tip, ref); });
  }
  new MutationObserver(function (changes) {
    changes.forEach(function (change) { change.addedNodes.forEach(watchTip); });
  }).observe(document.body, { childList: true });
  /* ==== end of footnote popovers ================================================================= */

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

  /* ==== Timeline: a link to an event in the folded background (timeline.md.j2) ====================
     The theme opens a closed <details> that holds the link's target but scrolls to the block's top;
     a browser that does not open it itself leaves the event off screen. Open every fold around the
     target, then bring the target itself into view (after the theme has done its part). */
  function revealTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id ? document.getElementById(id) : null;
    if (!target || !target.closest("details")) return;
    setTimeout(function () {
      for (var fold = target.closest("details"); fold; fold = fold.parentElement.closest("details")) {
        fold.open = true;
      }
      target.scrollIntoView();
    }, 0);
  }
  window.addEventListener("hashchange", revealTarget);
  revealTarget();
  /* ==== end of timeline ========================================================================== */
})();

/* ==== Relationship view (briefing/charts/relations_chart.py) =======================================
   A name picks out its relations: its rows stay, the rest dim. With a mouse, pointing at a name does
   it and a click opens the page; with the keyboard, moving to a name does it and Enter opens the page;
   on a touch screen the first tap on a name does it and a second tap on the same name opens the page.
   Tapping anywhere else, Escape or "Show all" shows every relation again. No network, no state kept. */
(function () {
  function setup(fig) {
    var bar = document.createElement("div");
    bar.className = "rm-bar rm-idle";
    var said = document.createElement("p");
    said.setAttribute("role", "status");
    var all = document.createElement("button");
    all.type = "button";
    /* the words, in the page's language: relations_chart.py writes them into data-words */
    var words = JSON.parse(fig.getAttribute("data-words") || "{}");
    all.textContent = words.all || "Show all";
    bar.appendChild(said);
    bar.appendChild(all);
    fig.insertBefore(bar, fig.firstChild);
    var pinned = null;  /* the name a tap picked out */
    var shown = null;   /* the name picked out now */
    var touch = false;  /* the pointer that went down last was a finger or a pen */
    var again = false;  /* that pointer went down on the name already picked out by a tap */

    function nameOf(target) {
      var el = target instanceof Element ? target.closest(".rm-name[data-rid]") : null;
      return el && fig.contains(el) && !el.closest(".rm-legend") ? el : null;
    }
    function show(el, how) {
      var rid = el.getAttribute("data-rid");
      var rels = {};
      var count = 0;
      shown = rid;
      fig.classList.add("rm-filtering");
      fig.querySelectorAll("[data-rids]").forEach(function (item) {
        var on = item.getAttribute("data-rids").split(" ").indexOf(rid) >= 0;
        item.classList.toggle("rm-on", on);
        if (on && item.hasAttribute("data-rel") && !rels[item.getAttribute("data-rel")]) {
          rels[item.getAttribute("data-rel")] = true;
          count += 1;
        }
      });
      /* a name's neighbours stand out in the list of names too */
      var near = {};
      fig.querySelectorAll(".rm-row.rm-on").forEach(function (row) {
        row.getAttribute("data-rids").split(" ").forEach(function (id) { near[id] = true; });
      });
      fig.querySelectorAll(".rm-chips > li").forEach(function (li) {
        if (near[li.getAttribute("data-rids")]) li.classList.add("rm-on");
      });
      fig.querySelectorAll(".rm-event").forEach(function (ev) {
        ev.classList.toggle("rm-on", ev.querySelector(".rm-row.rm-on") !== null);
      });
      fig.querySelectorAll(".rm-name[data-rid]").forEach(function (n) {
        n.classList.toggle("rm-self", n.getAttribute("data-rid") === rid);
      });
      var name = el.textContent;
      var open = how === "touch" ? " " + (words.touch || "Tap it again to open its page.")
        : how === "key" ? " " + (words.key || "Enter opens its page.") : "";
      var picked = (count === 1 ? words.one || "{name}: {n} relation picked out."
        : words.many || "{name}: {n} relations picked out.");
      said.textContent = picked.replace("{n}", String(count)).replace("{name}", function () { return name; }) + open;
      bar.classList.remove("rm-idle");
    }
    function clear() {
      shown = null;
      fig.classList.remove("rm-filtering");
      fig.querySelectorAll(".rm-on, .rm-self").forEach(function (el) {
        el.classList.remove("rm-on", "rm-self");
      });
      said.textContent = "";
      bar.classList.add("rm-idle");
    }
    function back() {  /* to what a tap picked out, or to everything */
      var el = pinned && fig.querySelector('.rm-name[data-rid="' + CSS.escape(pinned) + '"]');
      if (el) show(el, "touch"); else clear();
    }

    fig.addEventListener("pointerdown", function (ev) {
      touch = ev.pointerType === "touch" || ev.pointerType === "pen";
      var el = nameOf(ev.target);
      again = !!el && pinned !== null && el.getAttribute("data-rid") === pinned;
    });
    fig.addEventListener("click", function (ev) {
      var el = nameOf(ev.target);
      var byTouch = ev.pointerType ? ev.pointerType === "touch" || ev.pointerType === "pen" : touch && ev.detail > 0;
      if (!byTouch) return;
      if (!el) {
        if (pinned !== null && !(ev.target instanceof Element && ev.target.closest(".rm-bar"))) {
          pinned = null;
          clear();
        }
        return;
      }
      if (again && el.getAttribute("data-rid") === pinned) return;  /* the second tap: open its page */
      ev.preventDefault();
      pinned = el.getAttribute("data-rid");
      show(el, "touch");
    });
    fig.addEventListener("pointerover", function (ev) {
      var el = nameOf(ev.target);
      if (el && ev.pointerType === "mouse") show(el, "mouse");
    });
    fig.addEventListener("pointerout", function (ev) {
      var el = nameOf(ev.target);
      if (el && ev.pointerType === "mouse" && !(ev.relatedTarget instanceof Node && el.contains(ev.relatedTarget))) {
        if (document.activeElement && nameOf(document.activeElement)) show(document.activeElement, "key"); else back();
      }
    });
    fig.addEventListener("focusin", function (ev) {
      var el = nameOf(ev.target);
      if (el && !touch) show(el, "key");
    });
    fig.addEventListener("focusout", function (ev) {
      if (!touch && !(ev.relatedTarget instanceof Node && fig.contains(ev.relatedTarget) && nameOf(ev.relatedTarget))) back();
    });
    fig.addEventListener("keydown", function (ev) {
      touch = false;
      if (ev.key === "Escape" && shown !== null) {
        pinned = null;
        clear();
      }
    });
    all.addEventListener("click", function () {
      pinned = null;
      clear();
    });
    document.addEventListener("pointerdown", function (ev) {
      if (pinned !== null && !(ev.target instanceof Node && fig.contains(ev.target))) {
        pinned = null;
        clear();
      }
    });
  }
  document.querySelectorAll("figure.briefing-relmap").forEach(setup);
})();
/* ==== end of the relationship view ================================================================ */

/* ==== Arriving from a search result (briefing/publish/shards.py) ===================================
   A result's link carries the query words found on its page (?h=, Material's search.highlight).
   Material marks them only once a page has loaded the whole search index, which pages no longer do;
   they are marked here: each word of the page that starts with one of them, accents and case aside
   ("chavez" marks "Chávez"), and an article's number in either form ("12" marks the XII of
   "Article XII"). Text inside a closed fold is marked too, for when it is opened. */
(function () {
  var query = new URLSearchParams(location.search).get("h");
  var content = document.querySelector("[data-md-component=content]");
  if (!query || !content) return;
  var SKIP = "script, style, svg, noscript, textarea, .headerlink, mark[data-md-highlight]";
  var ARTICLE = "(?<=(?:article|articulo|art\\.)\\s+)";
  var ROMAN = [[100, "c"], [90, "xc"], [50, "l"], [40, "xl"], [10, "x"], [9, "ix"], [5, "v"], [4, "iv"], [1, "i"]];

  function roman(n) {
    var out = "";
    ROMAN.forEach(function (r) { while (n >= r[0]) { out += r[1]; n -= r[0]; } });
    return out;
  }
  function fold(text) { /* lowercase without accents, and where each character came from */
    var out = "", from = [];
    for (var i = 0; i < text.length; i++) {
      var f = text[i].normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
      for (var j = 0; j < f.length; j++) { out += f[j]; from.push(i); }
    }
    from.push(text.length);
    return { text: out, from: from };
  }
  var parts = [];
  fold(query).text.split(/[\s*+\-:~^"]+/).forEach(function (word) {
    if (!word) return;
    parts.push("(?<![\\p{L}\\p{N}])" + word.replace(/[.*+?^${}()|[\]\\\/]/g, "\\$&") + "[\\p{L}\\p{N}]*");
    var n = /^\d{1,3}$/.test(word) ? +word : 0;
    if (n > 0 && n < 400) parts.push(ARTICLE + roman(n) + "(?![\\p{L}\\p{N}])");
    for (n = 1; n < 400; n++) if (roman(n) === word) parts.push(ARTICLE + n + "(?![\\p{L}\\p{N}])");
  });
  if (!parts.length) return;
  var found = new RegExp(parts.join("|"), "gu");

  var walker = document.createTreeWalker(content, NodeFilter.SHOW_TEXT);
  var nodes = [];
  for (var node = walker.nextNode(); node; node = walker.nextNode()) {
    var el = node.parentElement;
    if (el && !el.closest(SKIP) && (el.offsetHeight || el.closest("details:not([open])"))) nodes.push(node);
  }
  nodes.forEach(function (node) {
    var text = node.data, folded = fold(text), piece = document.createDocumentFragment(), last = 0, m;
    found.lastIndex = 0;
    while ((m = found.exec(folded.text)) !== null) {
      if (!m[0]) { found.lastIndex++; continue; }
      var start = folded.from[m.index], end = folded.from[m.index + m[0].length - 1] + 1;
      piece.appendChild(document.createTextNode(text.slice(last, start)));
      var mark = document.createElement("mark");
      mark.setAttribute("data-md-highlight", "");
      mark.textContent = text.slice(start, end);
      piece.appendChild(mark);
      last = end;
    }
    if (!last) return;
    piece.appendChild(document.createTextNode(text.slice(last)));
    node.parentNode.replaceChild(piece, node);
  });
})();
/* ==== end of search arrival ======================================================================= */
