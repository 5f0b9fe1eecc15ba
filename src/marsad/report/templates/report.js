// Evidence links (#ev-ARTICLE-START-END, offsets in code points of the article's text) open the article
// and wrap exactly those characters in <mark>. Each text segment carries its start offset in data-o.
(function () {
  "use strict";
  var EV = /^#ev-(.+)-(\d+)-(\d+)$/;

  function units(s, cp) { // UTF-16 index of the cp-th code point of s
    var i = 0;
    for (var n = 0; n < cp && i < s.length; n++) {
      var c = s.charCodeAt(i);
      i += (c >= 0xD800 && c < 0xDC00) ? 2 : 1;
    }
    return i;
  }

  function clear() {
    document.querySelectorAll("mark.ev").forEach(function (m) {
      var parent = m.parentNode;
      while (m.firstChild) parent.insertBefore(m.firstChild, m);
      parent.removeChild(m);
      parent.normalize();
    });
    document.querySelectorAll(".s.hit").forEach(function (s) { s.classList.remove("hit"); });
  }

  function cpLength(s) { return Array.from(s).length; }

  function highlight(hash) {
    var m;
    try { m = EV.exec(decodeURIComponent(hash || "")); } catch (err) { return null; }
    if (!m) return null;
    var art = document.getElementById("art-" + m[1]);
    if (!art) return null;
    var start = +m[2], end = +m[3], first = null;
    clear();
    art.open = true;
    art.querySelectorAll("[data-o]").forEach(function (seg) {
      var node = seg.firstChild;
      if (!node || node.nodeType !== 3) return;
      var o = +seg.getAttribute("data-o"), len = cpLength(node.data);
      var a = Math.max(start, o) - o, b = Math.min(end, o + len) - o;
      if (a >= b) return;
      var sentence = seg.closest(".s");  // a sentence, or a fact segment inside one
      if (sentence) sentence.classList.add("hit");
      var piece = node.splitText(units(node.data, a));
      piece.splitText(units(piece.data, b - a));
      var mark = document.createElement("mark");
      mark.className = "ev";
      piece.parentNode.replaceChild(mark, piece);
      mark.appendChild(piece);
      if (!first) { first = mark; mark.id = m[0].slice(1); mark.tabIndex = -1; }
    });
    if (first) {
      first.scrollIntoView({block: "center"});
      first.focus({preventScroll: true});
    }
    return first;
  }

  function show(hash) { // an evidence span, else the article or sentence the fragment names
    if (highlight(hash)) return;
    var id;
    try { id = decodeURIComponent((hash || "").slice(1)); } catch (err) { return; }
    var el = id && document.getElementById(id);
    var box = el && el.closest("details");
    if (box && !box.open) { box.open = true; el.scrollIntoView(); }
  }

  window.addEventListener("hashchange", function () { show(location.hash); });
  document.addEventListener("click", function (e) {
    var link = e.target.closest && e.target.closest('a[href^="#ev-"]');
    if (link && link.getAttribute("href") === location.hash) highlight(location.hash);
  });
  if (location.hash) show(location.hash);
})();
