"use strict";
// The report's behaviour: filters, tooltips, links to places. Document text
// is only ever read and moved as DOM nodes or set with textContent.
(function () {
  var keys = ["r", "c", "s", "x"];
  var form = document.getElementById("filters");
  var tip = document.getElementById("tip");
  var shown = document.getElementById("shown");
  var docs = Array.prototype.slice.call(document.querySelectorAll("details.doc"));
  var total = document.querySelectorAll("mark.f:not(.cont)").length;
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
  // Only what changes is written: a large report has many thousand.
  function filterItems(doc, want) {
    Array.prototype.forEach.call(doc.querySelectorAll("li.item"), function (item) {
      var on = matches(item, want);
      if (item.hidden === on) item.hidden = !on;
    });
  }
  function applyFilters() {
    var want = selects();
    var any = keys.some(function (k) { return want[k] !== ""; });
    var count = 0, docCount = 0;
    docs.forEach(function (doc) {
      var n = 0;
      Array.prototype.forEach.call(doc.querySelectorAll("mark.f"), function (mark) {
        var on = matches(mark, want);
        if (mark.classList.contains("off") === on) {
          mark.classList.toggle("off", !on);
          if (!mark.classList.contains("cont")) mark.tabIndex = on ? 0 : -1;
        }
        if (on && !mark.classList.contains("cont")) n++;
      });
      if (doc.hasAttribute("data-built")) filterItems(doc, want);
      var label = doc.querySelector(".shown");
      if (label.textContent !== String(n)) label.textContent = String(n);
      if (doc.hidden !== (any && n === 0)) doc.hidden = any && n === 0;
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

  // The side list of a document, built from its data when it is opened.
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }
  var icons = { error: "\u2716", warning: "\u25B2", info: "\u25CF" };
  function itemElement(id, i, it) {
    var li = el("li", "item s-" + it.s);
    li.id = "i" + id + "-" + i;
    li.setAttribute("data-f", String(i));
    li.setAttribute("data-r", it.r);
    li.setAttribute("data-c", it.c);
    li.setAttribute("data-s", it.s);
    li.setAttribute("data-x", it.x);
    var head = el("div", "head");
    var loc = el("a", "loc", it.l + ":" + it.k);
    loc.href = "#f" + id + "-" + i;
    loc.title = "Show in the text";
    var sev = el("span", "sev s-" + it.s);
    var icon = el("span", null, icons[it.s] || "");
    icon.setAttribute("aria-hidden", "true");
    sev.append(icon, " " + it.s);
    head.append(loc, " ", sev, " ", el("code", "rule", it.r), " ", el("span", "cat c-" + it.c, it.c));
    li.append(head, el("p", "msg", it.m));
    if (it.h) li.append(el("p", "help", it.h));
    if (it.fix) {
      var fix = el("div", "fix " + it.fix.a);
      fix.append(el("span", "badge", it.fix.a === "safe" ? "\u2713 safe fix" : "\u26A0 unsafe fix: review it"),
        " ", el("span", "title", it.fix.t));
      var diff = el("div", "diff");
      it.fix.d.forEach(function (piece) {
        var kind = piece[0], text = piece[1];
        if (kind === "eq") diff.append(text);
        else if (kind === "del" || kind === "ins") {
          var change = el(kind);
          change.append(el("span", "sr", kind === "del" ? "removed: " : "added: "), text);
          diff.append(change);
        } else {
          var span = el("span", kind, text);
          if (kind === "sep") span.setAttribute("aria-hidden", "true");
          diff.append(span);
        }
      });
      if (it.fix.more) diff.append(el("span", "more", " and " + it.fix.more + " more edits"));
      fix.append(diff);
      li.append(fix);
    }
    if (it.p && it.p.length) {
      var places = el("ul", "places");
      it.p.forEach(function (p) {
        var a = el("a", "place", p.w);
        a.href = "#d" + p.d;
        a.setAttribute("data-doc", String(p.d));
        a.setAttribute("data-from", String(p.f));
        a.setAttribute("data-to", String(p.t));
        var row = el("li");
        row.append(a, " " + p.m);
        places.append(row);
      });
      li.append(places);
    }
    return li;
  }
  function build(doc) {
    if (!doc || doc.hasAttribute("data-built")) return;
    doc.setAttribute("data-built", "");
    var data = doc.querySelector("script.data");
    var list = doc.querySelector("ol.findings");
    if (!data || !list) return;
    var id = doc.id.slice(1);
    var fragment = document.createDocumentFragment();
    JSON.parse(data.textContent).forEach(function (it, i) {
      fragment.append(itemElement(id, i, it));
    });
    list.append(fragment);
    filterItems(doc, selects());
  }
  docs.forEach(function (doc) {
    doc.addEventListener("toggle", function () { if (doc.open) build(doc); });
    if (doc.open) build(doc);
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
    build(mark.closest("details.doc"));
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
      build(doc);
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
  shown.textContent = "Showing all " + total + " findings";
})();
