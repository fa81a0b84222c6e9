"use strict";
// The report's behaviour: filters, tooltips, links to places. Document text
// is only ever read and moved as DOM nodes or set with textContent.
(function () {
  var keys = ["r", "c", "s", "x"];
  var form = document.getElementById("filters");
  var tip = document.getElementById("tip");
  var shown = document.getElementById("shown");
  var docs = Array.prototype.slice.call(document.querySelectorAll("details.doc"));
  var total = document.querySelectorAll("li.item").length;
  Array.prototype.forEach.call(document.querySelectorAll(".js"), function (el) {
    el.hidden = false;
  });

  function selects() {
    var out = {};
    keys.forEach(function (k) {
      out[k] = document.getElementById("filter-" + k).value;
    });
    return out;
  }
  function matches(el, want) {
    for (var i = 0; i < keys.length; i++) {
      var k = keys[i];
      if (want[k] && el.getAttribute("data-" + k) !== want[k]) return false;
    }
    return true;
  }
  function applyFilters() {
    var want = selects();
    var any = keys.some(function (k) { return want[k] !== ""; });
    var count = 0, docCount = 0;
    docs.forEach(function (doc) {
      var n = 0;
      Array.prototype.forEach.call(doc.querySelectorAll("li.item"), function (item) {
        var on = matches(item, want);
        item.hidden = !on;
        if (on) n++;
      });
      Array.prototype.forEach.call(doc.querySelectorAll("mark.f"), function (mark) {
        var on = matches(mark, want);
        mark.classList.toggle("off", !on);
        if (!mark.classList.contains("cont")) mark.tabIndex = on ? 0 : -1;
      });
      doc.querySelector(".shown").textContent = String(n);
      doc.hidden = any && n === 0;
      count += n;
      if (n > 0) docCount++;
    });
    shown.textContent = any
      ? "Showing " + count + " of " + total + " findings, in " + docCount + " documents"
      : "Showing all " + total + " findings";
  }
  form.addEventListener("change", applyFilters);
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  form.addEventListener("reset", function () { setTimeout(applyFilters, 0); });
  Array.prototype.forEach.call(document.querySelectorAll("button.pick"), function (b) {
    b.addEventListener("click", function () {
      var select = document.getElementById("filter-" + b.getAttribute("data-pick"));
      select.value = b.getAttribute("data-value");
      applyFilters();
      select.focus();
      form.scrollIntoView({ block: "start" });
    });
  });
  document.getElementById("open-all").addEventListener("click", function () {
    docs.forEach(function (d) { if (!d.hidden) d.open = true; });
  });
  document.getElementById("close-all").addEventListener("click", function () {
    docs.forEach(function (d) { d.open = false; });
  });

  // Tooltip: a copy of the finding's entry in the side list.
  function itemFor(mark) {
    var doc = mark.closest("details.doc");
    return doc && document.getElementById("i" + doc.id.slice(1) + "-" + mark.getAttribute("data-f"));
  }
  function markFor(item) {
    var doc = item.closest("details.doc");
    return doc && document.getElementById("f" + doc.id.slice(1) + "-" + item.getAttribute("data-f"));
  }
  var hot = [];
  function cool() {
    hot.forEach(function (el) { el.classList.remove("hot"); });
    hot = [];
  }
  function heat(els) {
    cool();
    els.forEach(function (el) { if (el) { el.classList.add("hot"); hot.push(el); } });
  }
  function showTip(mark) {
    var item = itemFor(mark);
    if (!item) return;
    var copy = item.cloneNode(true);
    copy.removeAttribute("id");
    copy.hidden = false;
    Array.prototype.forEach.call(copy.querySelectorAll("[id]"), function (el) { el.removeAttribute("id"); });
    tip.replaceChildren(copy);
    tip.hidden = false;
    var r = mark.getBoundingClientRect();
    var width = Math.min(416, document.documentElement.clientWidth - 16);
    var left = Math.max(8, Math.min(r.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - width - 8));
    tip.style.left = left + "px";
    tip.style.top = (r.bottom + window.scrollY + 6) + "px";
    heat([mark, item]);
  }
  function hideTip() {
    tip.hidden = true;
    tip.replaceChildren();
    cool();
  }
  function findingMark(target) {
    var mark = target.closest && target.closest("mark.f");
    if (!mark || mark.classList.contains("off")) return null;
    if (mark.classList.contains("cont")) {
      var doc = mark.closest("details.doc");
      mark = document.getElementById("f" + doc.id.slice(1) + "-" + mark.getAttribute("data-f"));
    }
    return mark;
  }
  document.addEventListener("mouseover", function (e) {
    var mark = findingMark(e.target);
    if (mark) showTip(mark);
    else if (!tip.hidden && !(document.activeElement && document.activeElement.matches("mark.f"))) hideTip();
  });
  document.addEventListener("focusin", function (e) {
    if (e.target.matches && e.target.matches("mark.f")) {
      showTip(e.target);
      var item = itemFor(e.target);
      var list = item && item.parentElement;
      if (list && (item.offsetTop < list.scrollTop || item.offsetTop > list.scrollTop + list.clientHeight - 40)) {
        list.scrollTop = item.offsetTop - 8;
      }
    } else if (e.target.closest && e.target.closest("li.item")) {
      hideTip();
      var it = e.target.closest("li.item");
      heat([it, markFor(it)]);
    }
  });
  document.addEventListener("focusout", function (e) {
    if (e.target.matches && e.target.matches("mark.f")) hideTip();
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && !tip.hidden) hideTip();
  });

  // Places: a label's place, by byte offsets into its document's text.
  function locate(container, from, to) {
    var walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
    var bytes = 0, start = null, node;
    var range = document.createRange();
    while ((node = walker.nextNode())) {
      var s = node.data;
      for (var i = 0; i <= s.length; i++) {
        if (start === null && bytes >= from) { range.setStart(node, i); start = true; }
        if (start && bytes >= to) { range.setEnd(node, i); return range; }
        if (i === s.length) break;
        var c = s.codePointAt(i);
        bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
        if (c >= 0x10000) i++;
      }
    }
    return start ? range : null;
  }
  function openDoc(doc) {
    if (doc && doc.tagName === "DETAILS") {
      doc.hidden = false;
      doc.open = true;
    }
  }
  document.addEventListener("click", function (e) {
    var place = e.target.closest && e.target.closest("a.place");
    if (place) {
      var doc = document.getElementById("d" + place.getAttribute("data-doc"));
      var text = document.getElementById("t" + place.getAttribute("data-doc"));
      if (!doc || !text) return;
      e.preventDefault();
      openDoc(doc);
      var range = locate(text, +place.getAttribute("data-from"), +place.getAttribute("data-to"));
      if (!range) { doc.scrollIntoView(); return; }
      if (window.CSS && CSS.highlights && window.Highlight) {
        CSS.highlights.set("place", new Highlight(range));
      } else {
        var sel = window.getSelection();
        sel.removeAllRanges();
        sel.addRange(range);
      }
      var rect = range.getBoundingClientRect();
      window.scrollTo({ top: rect.top + window.scrollY - window.innerHeight / 3 });
      return;
    }
    var jump = e.target.closest && e.target.closest("a[href^='#']:not(.loc)");
    if (jump) { setTimeout(followHash, 0); return; }
    var loc = e.target.closest && e.target.closest("a.loc");
    if (loc) {
      var mark = document.getElementById(loc.getAttribute("href").slice(1));
      if (mark) {
        e.preventDefault();
        openDoc(mark.closest("details.doc"));
        mark.scrollIntoView({ block: "center" });
        mark.focus({ preventScroll: true });
      }
    }
  });
  function followHash() {
    var id = decodeURIComponent(location.hash.slice(1));
    var el = id && document.getElementById(id);
    if (!el) return;
    openDoc(el.closest("details.doc") || el);
    el.scrollIntoView();
    if (el.matches("mark.f")) el.focus({ preventScroll: true });
  }
  window.addEventListener("hashchange", followHash);
  followHash();
  applyFilters();
})();
