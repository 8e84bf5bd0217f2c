/* 科教资源目录: facets on list pages. Rows carry their values as data-f-* attributes; this script
   builds the filters with counts (AND across facets, OR within one), keeps the whole state in the
   address (shareable; the back button works), and sorts. Status is computed from today's date.
   Unknown is not "no": a row whose record leaves a filtered field empty (value "?") stays in the
   results after the known matches, labelled 未注明, and the count says how many; 未注明 is also a
   choice of its own. A row may be partly unknown ("A|?", a topic list some of whose items leave the
   field empty): it is a known match for its known values and an unknown one for the others. A row valid everywhere (region "*", an online course) matches every region. */
(function () {
  "use strict";

  var shared = window.kejiao; // from catalogue.js

  function statusOf(row, now) {
    var spans = (row.getAttribute("data-windows") || "").split(" ").filter(Boolean);
    return window.kejiaoCore.registrationStatus(spans.map(function (s) { return s.split("/"); }), now);
  }

  function valuesOf(row, facet, now) {
    if (facet.kind === "status") return [statusOf(row, now)];
    var raw = row.getAttribute("data-f-" + facet.key);
    return raw ? raw.split("|") : [];
  }

  var UNKNOWN = "?", ANYWHERE = "*";

  function isUnknown(row, facet) {
    return facet.kind !== "status" && row.getAttribute("data-f-" + facet.key) === UNKNOWN;
  }

  /* Wholly or partly unknown: "A|?" is a topic list some of whose items leave the field empty;
     a status facet that offers 未注明 counts a row without date windows as unknown. */
  function hasUnknown(row, facet) {
    if (facet.kind === "status") {
      return !row.hasAttribute("data-windows") && facet.values.some(function (p) { return p[0] === UNKNOWN; });
    }
    return (row.getAttribute("data-f-" + facet.key) || "").split("|").indexOf(UNKNOWN) >= 0;
  }

  // The row's known value matches `value` (never for an unknown row).
  function knownMatch(row, facet, value, now) {
    if (value === UNKNOWN || isUnknown(row, facet)) return false;
    if (facet.kind === "grade") {
      var range = (row.getAttribute("data-f-grade") || "").split("-");
      return range.length === 2 && +range[0] <= +value && +value <= +range[1];
    }
    var have = valuesOf(row, facet, now);
    return have.indexOf(value) >= 0 || (facet.kind === "region" && have.indexOf(ANYWHERE) >= 0);
  }

  // `keepUnknown`: a row whose value is unknown stays when a known value is chosen.
  function matches(row, facet, selected, now, keepUnknown) {
    if (!selected.length) return true;
    if (selected.some(function (v) { return knownMatch(row, facet, v, now); })) return true;
    if (!hasUnknown(row, facet)) return false;
    return selected.indexOf(UNKNOWN) >= 0 || (keepUnknown && selected.some(function (v) { return v !== UNKNOWN; }));
  }

  // The facets whose chosen (known) values this row is shown for without knowing its value.
  function unknownFor(row, facets, state, now) {
    return facets.filter(function (f) {
      var selected = state[f.key];
      return selected.length && selected.indexOf(UNKNOWN) < 0 && hasUnknown(row, f) &&
        !selected.some(function (v) { return knownMatch(row, f, v, now); });
    });
  }

  var root = shared.root;

  function hasState() {
    var params = new URLSearchParams(location.search);
    return Array.from(params.keys()).length > 0;
  }

  /* A long list is split into pages; its filters work on every row, loaded from rows.json the
     first time the reader opens them (so the first page stays light). */
  function loadAllRows(table) {
    return fetch(new URL(table.getAttribute("data-kj-rows"), location.href)).then(function (r) {
      if (!r.ok) throw new Error(r.status);
      return r.json();
    }).then(function (data) {
      var tbody = table.tBodies[0];
      tbody.textContent = "";
      data.rows.forEach(function (r) {
        var tr = document.createElement("tr");
        Object.keys(r[4]).forEach(function (k) { tr.setAttribute(k, r[4][k]); });
        var first = document.createElement("td");
        first.className = "kj-table__title";
        var a = document.createElement("a");
        a.href = new URL(r[0], root).href;
        a.textContent = r[1];
        first.appendChild(a);
        if (r[2]) {
          first.appendChild(document.createTextNode(" "));
          first.appendChild(shared.exampleBadge());
        }
        tr.appendChild(first);
        r[3].forEach(function (cell, i) {
          var td = document.createElement("td");
          td.setAttribute("data-label", data.headers[i + 1]);
          td.textContent = cell;
          tr.appendChild(td);
        });
        tbody.appendChild(tr);
      });
      table.removeAttribute("data-kj-rows");
      var pages = document.querySelector("[data-kj-pages]");
      if (pages) pages.hidden = true;
      table.dispatchEvent(new CustomEvent("kj:rows", { bubbles: true }));
    });
  }

  // Moves focus to `target` (opening its panel): a skip link that lands where the keyboard is.
  function focusOn(target, event) {
    if (event) event.preventDefault();
    if (target.tagName === "SUMMARY") target.parentNode.open = true;
    target.focus();
    target.scrollIntoView({ block: "start" });
  }

  // A second skip link, 跳到筛选, next to the page's 跳到正文 (site_overrides/main.html).
  function skipToFilters(wrap) {
    var skip = document.querySelector("[data-kj-skip]");
    var summary = wrap && wrap.querySelector("summary");
    if (!skip || !summary) return;
    var link = document.createElement("a");
    link.className = "md-skip";
    link.href = "#" + summary.id;
    link.textContent = "跳到筛选";
    link.addEventListener("click", function (event) { focusOn(summary, event); });
    skip.appendChild(link);
  }

  function setup() {
    var table = document.querySelector("[data-kj-list]");
    var form = document.querySelector("[data-kj-facets]");
    var configNode = document.getElementById("kj-facets");
    if (!table || !form || !configNode) return;
    var wrap = form.closest("details");
    skipToFilters(wrap);
    if (table.hasAttribute("data-kj-rows")) {
      wrap.hidden = false;
      var started = false;
      var start = function () {
        if (started) return;
        started = true;
        form.hidden = false;
        form.textContent = "正在加载全部记录…";
        loadAllRows(table).then(function () { init(table, form, configNode); }, function () {
          form.textContent = "加载失败，请刷新页面重试。";
        });
      };
      wrap.addEventListener("toggle", function () { if (wrap.open) start(); });
      if (hasState()) { wrap.open = true; start(); }
      return;
    }
    init(table, form, configNode);
  }

  function init(table, form, configNode) {
    var config = JSON.parse(configNode.textContent);
    var tbody = table.tBodies[0];
    var rows = Array.prototype.slice.call(tbody.rows);
    rows.forEach(function (row, i) { row.setAttribute("data-order", i); });
    var count = document.querySelector("[data-kj-count]");
    var none = document.querySelector("[data-kj-none]");
    var now = shared.today();
    var state = {};

    function readState() {
      var params = new URLSearchParams(location.search);
      state = { sort: params.get("sort") || "name", unknown: params.get("unknown") === "hide" ? "hide" : "" };
      config.facets.forEach(function (f) { state[f.key] = params.getAll(f.key); });
    }

    function writeState(push) {
      var params = new URLSearchParams();
      config.facets.forEach(function (f) { state[f.key].forEach(function (v) { params.append(f.key, v); }); });
      if (state.sort !== "name") params.set("sort", state.sort);
      if (state.unknown) params.set("unknown", state.unknown);
      var query = params.toString();
      var url = location.pathname + (query ? "?" + query : "") + location.hash;
      if (push) history.pushState(null, "", url); else history.replaceState(null, "", url);
    }

    // --- the form -----------------------------------------------------------------------
    form.textContent = "";
    var controls = {};
    config.facets.forEach(function (facet) {
      var box = document.createElement("fieldset");
      box.className = "kj-facet";
      box.setAttribute("data-facet", facet.key);
      var legend = document.createElement("legend");
      legend.textContent = facet.label;
      box.appendChild(legend);
      if (facet.kind === "region") {
        var selects = [];
        ["省", "市", "区县"].forEach(function (level, depth) {
          var select = document.createElement("select");
          select.setAttribute("aria-label", facet.label + "：" + level);
          select.setAttribute("data-depth", depth);
          select.addEventListener("change", function () {
            var chosen = selects.slice(0, depth + 1).map(function (s) { return s.value; }).filter(Boolean);
            state.region = chosen.length ? [chosen[chosen.length - 1]] : [];
            update(true);
          });
          selects.push(select);
          box.appendChild(select);
        });
        controls[facet.key] = selects;
      } else if (facet.kind === "grade") {
        var select = document.createElement("select");
        select.setAttribute("aria-label", facet.label);
        select.addEventListener("change", function () {
          state.grade = select.value ? [select.value] : [];
          update(true);
        });
        box.appendChild(select);
        controls[facet.key] = select;
      } else {
        controls[facet.key] = {};
        facet.values.forEach(function (pair) {
          var label = document.createElement("label");
          label.className = "kj-facet__option";
          var input = document.createElement("input");
          input.type = "checkbox";
          input.value = pair[0];
          if (pair[0] === UNKNOWN) label.className += " kj-facet__option--unknown";
          input.addEventListener("change", function () {
            var list = state[facet.key].filter(function (v) { return v !== pair[0]; });
            if (input.checked) list.push(pair[0]);
            state[facet.key] = list;
            update(true);
          });
          var text = document.createElement("span");
          var number = document.createElement("span");
          number.className = "kj-facet__count";
          label.appendChild(input);
          label.appendChild(text);
          label.appendChild(number);
          text.textContent = pair[1];
          box.appendChild(label);
          controls[facet.key][pair[0]] = { label: label, input: input, count: number };
        });
      }
      form.appendChild(box);
    });
    var sortBox = document.createElement("fieldset");
    sortBox.className = "kj-facet kj-facet--sort";
    sortBox.innerHTML = "<legend>排序</legend>";
    var sort = document.createElement("select");
    sort.setAttribute("aria-label", "排序");
    var sorts = [["name", "按名称"], ["date", "按" + config.dateSort]];
    if (config.distanceSort && navigator.geolocation) sorts.push(["distance", "按距离（使用我的位置）"]);
    sorts.forEach(function (pair) {
      var option = document.createElement("option");
      option.value = pair[0];
      option.textContent = pair[1];
      sort.appendChild(option);
    });
    var here = null;
    sort.addEventListener("change", function () {
      if (sort.value === "distance" && !here) {
        count.textContent = "正在获取位置…";
        navigator.geolocation.getCurrentPosition(function (pos) {
          here = [pos.coords.latitude, pos.coords.longitude];
          state.sort = "distance";
          update(true);
        }, function () {
          state.sort = "name";
          update(true);
          count.appendChild(document.createTextNode("（没有获得位置授权，按名称排列）"));
        }, { timeout: 10000 });
        return;
      }
      state.sort = sort.value;
      update(true);
    });
    sortBox.appendChild(sort);
    var reset = document.createElement("button");
    reset.type = "button";
    reset.className = "md-button kj-facet__reset";
    reset.textContent = "清除筛选";
    reset.addEventListener("click", clear);
    sortBox.appendChild(reset);
    form.appendChild(sortBox);
    // Whether rows with an unknown value stay when a known value is chosen (they do by default).
    var keepBox = document.createElement("label");
    keepBox.className = "kj-facet__option kj-facet__keep";
    var keep = document.createElement("input");
    keep.type = "checkbox";
    keep.setAttribute("data-kj-keep-unknown", "");
    keep.addEventListener("change", function () {
      state.unknown = keep.checked ? "" : "hide";
      update(true);
    });
    keepBox.appendChild(keep);
    keepBox.appendChild(document.createTextNode("同时列出所选信息未注明的记录（请向提供方核实）"));
    form.appendChild(keepBox);
    // On a phone the open panel is long: a jump to the results at its top and at its bottom.
    var jumps = [form.firstChild, null].map(function (before) {
      var jump = document.createElement("a");
      jump.className = "md-button md-button--primary kj-facet__results";
      jump.href = "#kj-results";
      jump.setAttribute("data-kj-jump", "");
      jump.addEventListener("click", function (event) { focusOn(table, event); });
      form.insertBefore(jump, before);
      return jump;
    });
    form.hidden = false;
    var wrap = form.closest("details");
    if (wrap && wrap.hidden) {
      wrap.hidden = false;
      wrap.open = window.matchMedia("(min-width: 45em)").matches || hasState();
    }

    function clear(event) {
      if (event) event.preventDefault();
      config.facets.forEach(function (f) { state[f.key] = []; });
      update(true);
    }
    var resetLink = document.querySelector("[data-kj-reset]");
    if (resetLink) resetLink.addEventListener("click", clear);

    // --- filtering and counting ---------------------------------------------------------
    function visibleExcept(skip, keepUnknown) {
      if (keepUnknown === undefined) keepUnknown = state.unknown !== "hide";
      return rows.filter(function (row) {
        return config.facets.every(function (f) {
          return f.key === skip || matches(row, f, state[f.key], now, keepUnknown);
        });
      });
    }

    function addOption(select, value, text) {
      var option = document.createElement("option");
      option.value = value;
      option.textContent = text;
      select.appendChild(option);
    }

    // One level of the region cascade; `chosen` (the active code at this level) is always offered,
    // with its count even when it is 0, so the control shows what the list is filtered by.
    function regionOptions(select, parent, depth, pool, chosen, facet) {
      var counts = {}, anywhere = 0, unknown = 0;
      pool.forEach(function (row) {
        if (isUnknown(row, facet)) { unknown++; return; }
        (row.getAttribute("data-f-region") || "").split("|").forEach(function (code) {
          if (code === ANYWHERE) { anywhere++; return; }
          var info = config.regions[code];
          if (info && (info[1] || "") === (parent || "")) counts[code] = (counts[code] || 0) + 1;
        });
      });
      if (chosen && chosen !== UNKNOWN && !(chosen in counts)) counts[chosen] = 0;
      var codes = Object.keys(counts).sort();
      select.textContent = "";
      addOption(select, "", depth === 0 ? "全部地区" : "全部");
      codes.forEach(function (code) {
        var name = config.regions[code] ? config.regions[code][0] : "地区代码 " + code;
        addOption(select, code, name + "（" + (counts[code] + anywhere) + "）");
      });
      if (depth === 0 && (unknown || chosen === UNKNOWN)) {
        addOption(select, UNKNOWN, facet.label + "未注明（" + unknown + "）");
        codes.push(UNKNOWN);
      }
      select.hidden = depth > 0 && !codes.length;
      return codes;
    }

    function markUnknown(row, facets) {
      var cell = row.cells[0];
      var old = cell.querySelector("[data-kj-unknown]");
      if (old) old.remove();
      if (!facets.length) return;
      var badge = document.createElement("span");
      badge.className = "kj-badge kj-badge--unknown";
      badge.setAttribute("data-kj-unknown", "");
      badge.textContent = facets.map(function (f) { return f.label; }).join("、") + "未注明";
      cell.appendChild(document.createTextNode(" "));
      cell.appendChild(badge);
    }

    function update(push) {
      if (push !== undefined) writeState(push);
      var shown = visibleExcept(null);
      var unsure = new Map();
      rows.forEach(function (row) {
        row.hidden = shown.indexOf(row) < 0;
        var facets = row.hidden ? [] : unknownFor(row, config.facets, state, now);
        if (facets.length) unsure.set(row, facets);
        markUnknown(row, facets);
      });
      var hiddenUnknown = state.unknown === "hide" ? visibleExcept(null, true).length - shown.length : 0;
      count.innerHTML = "";
      count.appendChild(document.createTextNode(shown.length === rows.length ? "共 " : "筛选出 "));
      var strong = document.createElement("strong");
      strong.textContent = shown.length;
      count.appendChild(strong);
      count.appendChild(document.createTextNode(shown.length === rows.length ? " 条" : " 条（共 " + rows.length + " 条）"));
      if (unsure.size) {
        count.appendChild(document.createTextNode("：所选信息已注明的 " + (shown.length - unsure.size) +
          " 条，未注明的 " + unsure.size + " 条（排在后面，标有“未注明”，请向提供方核实）"));
      }
      if (hiddenUnknown) {
        count.appendChild(document.createTextNode("；另有 " + hiddenUnknown + " 条所选信息未注明，未列出"));
      }
      keep.checked = state.unknown !== "hide";
      jumps.forEach(function (jump) { jump.textContent = "查看 " + shown.length + " 条结果"; });
      if (none) none.hidden = shown.length > 0;
      config.facets.forEach(function (facet) {
        var pool = visibleExcept(facet.key);
        var selected = state[facet.key];
        if (facet.kind === "region") {
          var selects = controls.region;
          var chain = [];
          var code = selected[0];
          while (code && config.regions[code]) { chain.unshift(code); code = config.regions[code][1]; }
          if (selected[0] && !chain.length) chain = [selected[0]]; // 未注明, or a code no row has
          var parent = "";
          selects.forEach(function (select, depth) {
            var codes = depth === 0 || (parent && parent !== UNKNOWN) ? regionOptions(select, parent, depth, pool, chain[depth], facet) : [];
            if (depth > 0 && (!parent || parent === UNKNOWN)) { select.textContent = ""; select.hidden = true; }
            select.value = chain[depth] && codes.indexOf(chain[depth]) >= 0 ? chain[depth] : "";
            parent = select.value;
          });
        } else if (facet.kind === "grade") {
          var select = controls.grade;
          select.textContent = "";
          var any = document.createElement("option");
          any.value = "";
          any.textContent = "全部年级";
          select.appendChild(any);
          facet.values.forEach(function (pair) {
            var n = pool.filter(function (row) { return countsFor(row, facet, pair[0]); }).length;
            addOption(select, pair[0], pair[1] + "（" + n + "）");
          });
          select.value = selected[0] || "";
        } else {
          facet.values.forEach(function (pair) {
            var control = controls[facet.key][pair[0]];
            var n = pool.filter(function (row) { return countsFor(row, facet, pair[0]); }).length;
            control.count.textContent = n;
            control.input.checked = selected.indexOf(pair[0]) >= 0;
            control.label.hidden = n === 0 && !control.input.checked;
          });
          var box = form.querySelector('[data-facet="' + facet.key + '"]');
          box.hidden = !facet.values.some(function (pair) { return !controls[facet.key][pair[0]].label.hidden; });
        }
      });
      sort.value = state.sort;
      var distance = function (row) {
        var ll = (row.getAttribute("data-ll") || "").split(",");
        return ll.length === 2 && here ? shared.distanceKm(here, [+ll[0], +ll[1]]) : Infinity;
      };
      if (state.sort === "distance" && !here) state.sort = "name"; // a shared link cannot carry my position
      var ordered = rows.slice().sort(function (a, b) {
        var ua = unsure.has(a) ? 1 : 0, ub = unsure.has(b) ? 1 : 0;
        if (ua !== ub) return ua - ub; // known matches first
        if (state.sort === "distance") {
          var d = distance(a) - distance(b);
          if (d) return d;
        }
        if (state.sort === "date") {
          var da = a.getAttribute("data-date"), db = b.getAttribute("data-date");
          if (da && !db) return -1; // records without a date go last
          if (db && !da) return 1;
          var newestFirst = config.dateSort === "最近核实";
          if (da !== db) return (da < db ? -1 : 1) * (newestFirst ? -1 : 1);
        }
        return a.getAttribute("data-order") - b.getAttribute("data-order");
      });
      ordered.forEach(function (row) { tbody.appendChild(row); });
    }

    // An option's count: rows whose known value it is (未注明: rows without a value).
    function countsFor(row, facet, value) {
      return value === UNKNOWN ? hasUnknown(row, facet) : knownMatch(row, facet, value, now);
    }

    window.addEventListener("popstate", function () { readState(); update(); });
    readState();
    update();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
