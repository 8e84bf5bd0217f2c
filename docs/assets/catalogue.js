/* 科教资源目录: helpers shared by the site's scripts (window.kejiao), and the header search over the
   catalogue's own index (search/catalogue.json). Substring matching, so any Chinese word inside a
   title or summary hits; title hits rank first. Loaded first: facets.js and app.js use the helpers. */
(function () {
  "use strict";

  var script = document.currentScript;
  var root = new URL("..", script ? script.src : location.href); // the site root, also under a sub-path

  /* Helpers shared with facets.js and app.js, which load after this file. */
  function isoDate(d) {
    return d.getFullYear() + "-" + String(d.getMonth() + 1).padStart(2, "0") + "-" + String(d.getDate()).padStart(2, "0");
  }
  window.kejiao = {
    root: root,
    today: function () { return isoDate(new Date()); },
    addDays: function (iso, days) {
      var d = new Date(iso + "T00:00:00");
      d.setDate(d.getDate() + days);
      return isoDate(d);
    },
    distanceKm: function (a, b) { // straight-line distance between two [lat, lon]
      var rad = Math.PI / 180, dLat = (b[0] - a[0]) * rad, dLon = (b[1] - a[1]) * rad;
      var h = Math.pow(Math.sin(dLat / 2), 2) + Math.cos(a[0] * rad) * Math.cos(b[0] * rad) * Math.pow(Math.sin(dLon / 2), 2);
      return 12742 * Math.asin(Math.sqrt(h));
    },
    exampleBadge: function () {
      var badge = document.createElement("span");
      badge.className = "kj-badge kj-badge--example";
      badge.textContent = "示例";
      return badge;
    },
  };
  var indexPromise = null;

  function loadIndex() {
    if (!indexPromise) {
      indexPromise = fetch(new URL("search/catalogue.json", root)).then(function (r) {
        if (!r.ok) throw new Error(r.status);
        return r.json();
      }).then(function (data) {
        var lower = function (text) { return /[A-Z]/.test(text) ? text.toLowerCase() : text; };
        data.records.forEach(function (r) {
          r.titleLower = lower(r[2]);
          r.restLower = lower(r[3] + " " + r[4]);
        });
        return data;
      });
    }
    return indexPromise;
  }

  function terms(query) {
    return query.toLowerCase().split(/[\s,，、;；]+/).filter(Boolean);
  }

  function score(record, words) {
    var total = 0;
    for (var i = 0; i < words.length; i++) {
      var w = words[i];
      var inTitle = record.titleLower.indexOf(w);
      if (inTitle >= 0) total += inTitle === 0 ? 120 : 100;
      else if (record.restLower.indexOf(w) >= 0) total += 10;
      else return 0; // every word must match somewhere
    }
    return total - record.titleLower.length / 100; // shorter titles first among equals
  }

  function search(data, query) {
    var words = terms(query);
    if (!words.length) return [];
    var hits = [];
    data.records.forEach(function (record, position) {
      var s = score(record, words);
      if (s > 0) hits.push({ record: record, score: s, position: position });
    });
    hits.sort(function (a, b) { return b.score - a.score || a.position - b.position; });
    return hits;
  }

  function highlight(text, words) {
    var fragment = document.createDocumentFragment();
    var lower = text.toLowerCase();
    var i = 0;
    while (i < text.length) {
      var next = -1, length = 0;
      words.forEach(function (w) {
        var at = lower.indexOf(w, i);
        if (at >= 0 && (next < 0 || at < next)) { next = at; length = w.length; }
      });
      if (next < 0) { fragment.appendChild(document.createTextNode(text.slice(i))); break; }
      fragment.appendChild(document.createTextNode(text.slice(i, next)));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(next, next + length);
      fragment.appendChild(mark);
      i = next + length;
    }
    return fragment;
  }

  var LIMIT = 50;

  function render(data, query, list, meta) {
    var words = terms(query);
    var hits = search(data, query);
    list.textContent = "";
    list.setAttribute("data-kj-query", query); // what the list now shows (tests wait on it)
    if (!words.length) { meta.textContent = "输入关键词，例如 天文、机器人、海淀区"; return; }
    meta.textContent = hits.length ? "找到 " + hits.length + " 条" + (hits.length > LIMIT ? "，显示前 " + LIMIT + " 条" : "") : "没有找到匹配的记录";
    hits.slice(0, LIMIT).forEach(function (hit) {
      var r = hit.record, kind = data.kinds[r[0]];
      var item = document.createElement("li");
      item.className = "md-search-result__item kj-search__item";
      var link = document.createElement("a");
      link.className = "md-search-result__link";
      link.href = new URL(kind[0] + "/" + r[1] + "/", root).href;
      var article = document.createElement("article");
      article.className = "md-search-result__article";
      var heading = document.createElement("h2");
      var badge = document.createElement("span");
      badge.className = "kj-badge";
      badge.textContent = kind[1];
      heading.appendChild(badge);
      heading.appendChild(document.createTextNode(" "));
      heading.appendChild(highlight(r[2], words));
      if (r[5]) {
        heading.appendChild(document.createTextNode(" "));
        heading.appendChild(window.kejiao.exampleBadge());
      }
      article.appendChild(heading);
      if (r[3]) {
        var summary = document.createElement("p");
        summary.appendChild(highlight(r[3], words));
        article.appendChild(summary);
      }
      link.appendChild(article);
      item.appendChild(link);
      list.appendChild(item);
    });
  }

  function setup() {
    var input = document.querySelector("[data-kj-search-input]");
    if (!input) return;
    var form = document.querySelector("[data-kj-search-form]");
    var list = document.querySelector("[data-kj-search-results]");
    var meta = document.querySelector("[data-kj-search-meta]");
    var toggle = document.getElementById("__search");
    var timer = null;

    function run() {
      var query = input.value.trim();
      loadIndex().then(function (data) {
        if (input.value.trim() === query) render(data, query, list, meta);
      }, function () { meta.textContent = "搜索索引加载失败，请刷新页面重试"; });
    }
    function open() {
      if (toggle && !toggle.checked) { toggle.checked = true; toggle.dispatchEvent(new Event("change")); }
      loadIndex();
    }
    input.addEventListener("focus", open);
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 25); });
    form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
    form.addEventListener("reset", function () { setTimeout(run, 0); });
    if (toggle) toggle.addEventListener("change", function () { if (toggle.checked) input.focus(); });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && toggle && toggle.checked) { toggle.checked = false; input.blur(); }
      var typing = /^(input|textarea|select)$/i.test((event.target && event.target.tagName) || "");
      if (!typing && (event.key === "/" || event.key === "s")) { event.preventDefault(); open(); input.focus(); }
    });
    var initial = new URLSearchParams(location.search).get("q");
    if (initial) { input.value = initial; open(); run(); }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
