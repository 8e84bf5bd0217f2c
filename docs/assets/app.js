/* 科教资源目录: the browser tools — partner-base finder, recommendations, upcoming dates and the
   shortlist — over the record shards that app/manifest.json lists, with the vocabularies and stage
   rules of app/vocab.json (all written by the build; nothing here copies Python by hand). Each tool
   downloads only the shards its question needs: the finder its own shards near the school
   (app/near.json), 为我推荐 the school's province, the records without a region and the bases
   within reach, 近期 the months it shows, the shortlist the buckets of its records. The first
   requests are started from the page's head by early.js and shared with it. The pure logic
   (ranking, status, stages, distance, untrusted shortlist input, CSV and .ics text) is in core.js,
   tested with node. Everything runs on the device; nothing is sent anywhere. */
(function () {
  "use strict";

  var shared = window.kejiao; // from catalogue.js
  var core = window.kejiaoCore; // from core.js
  var root = shared.root;
  var today = shared.today, addDays = shared.addDays;
  var KEY = "kejiao.shortlist";
  var FAILED = "数据加载失败，请刷新页面重试。";

  /* A file of app/, once. The requests are shared with early.js (window.kejiaoEarly), whichever of
     the two scripts runs first: a file early.js asked for is not asked for again, and the other
     way round. */
  var cache = window.kejiaoEarly || (window.kejiaoEarly = Object.create(null));
  function load(path) {
    if (!core.hasOwn(cache, path)) {
      cache[path] = fetch(new URL(path, root)).then(function (r) {
        if (!r.ok) throw new Error(path + " " + r.status);
        return r.json();
      });
    }
    return cache[path];
  }

  /* The records of a kind in the given shards (app/<folder>/<key>.json; keys the manifest does
     not list hold nothing and are not asked for), each record once; with `subjects` (domain
     indices), only their part of a shard split by subject (core.shardFiles). */
  function shardRecords(data, name, keys, subjects) {
    var shards = data.manifest.shards[name] || {}, folder = folderOf(data, name), paths = [];
    var withEnded = !data.manifest.since || today() < data.manifest.since;
    keys.forEach(function (key) {
      if (!core.hasOwn(shards, key)) return;
      core.shardFiles(shards[key], key, subjects, withEnded).forEach(function (file) { paths.push("app/" + folder + "/" + file + ".json"); });
    });
    return Promise.all(paths.map(load)).then(function (lists) { return unique([].concat.apply([], lists)); });
  }

  function unique(records) { return core.uniqueRecords(records); }

  /* Marks the tool busy (aria-busy) until `work` settles, however many questions overlap. */
  var busyCount = 0;
  function busy(work) {
    var app = document.querySelector("[data-kj-app]");
    busyCount++;
    app.setAttribute("aria-busy", "true");
    function done() { if (--busyCount === 0) app.removeAttribute("aria-busy"); }
    return Promise.resolve(work).then(function (value) { done(); return value; }, function (error) { done(); throw error; });
  }

  /* The province file of a division code (its cities and districts), merged into `divisions`. */
  function withProvince(divisions, code) {
    var key = typeof code === "string" && /^[1-9]\d{5}$/.test(code) ? code.slice(0, 2) : "";
    if (!key || !core.hasOwn(divisions, key + "0000")) return Promise.resolve();
    return load("app/divisions/" + key + ".json").then(function (rows) {
      Object.keys(rows).forEach(function (c) { divisions[c] = rows[c]; });
    });
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k];
      else if (k === "class") node.className = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) {
      if (c != null) node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  }

  function zh(iso) {
    var p = iso.split("-");
    return +p[0] + "年" + +p[1] + "月" + +p[2] + "日";
  }

  function recordUrl(data, r) {
    return new URL(data.kinds[r.k][0] + "/" + r.id + "/", root).href;
  }

  function link(data, r) {
    var a = el("a", { href: recordUrl(data, r), text: r.t });
    return r.ex ? el("span", {}, [a, " ", shared.exampleBadge()]) : a;
  }

  /* --- division pickers (province → city → district) ---------------------------------- */
  function divisionPicker(selects, divisions, onChange, initial) {
    function children(parent) {
      return Object.keys(divisions).filter(function (code) { return (divisions[code][1] || "") === parent; }).sort();
    }
    function fill(depth, parent) {
      var select = selects[depth];
      select.textContent = "";
      var codes = depth === 0 ? children("") : parent ? children(parent) : [];
      select.appendChild(el("option", { value: "", text: depth === 0 ? "选择省份" : "全部" }));
      codes.forEach(function (c) { select.appendChild(el("option", { value: c, text: divisions[c][0] })); });
      select.hidden = depth > 0 && !codes.length;
    }
    function chainOf(code) {
      var chain = [];
      while (code && core.hasOwn(divisions, code)) { chain.unshift(code); code = divisions[code][1]; }
      return chain;
    }
    function set(code) {
      var chain = chainOf(code);
      var parent = "";
      selects.forEach(function (select, depth) {
        fill(depth, parent);
        select.value = chain[depth] || "";
        parent = select.value;
      });
    }
    selects.forEach(function (select, depth) {
      select.addEventListener("change", function () {
        var chosen = selects.slice(0, depth + 1).map(function (s) { return s.value; }).filter(Boolean);
        var code = chosen[chosen.length - 1] || "";
        busy(withProvince(divisions, code).then(function () {
          set(code);
          return onChange(code);
        }));
      });
    });
    var ready = withProvince(divisions, initial).then(function () {
      set(core.hasOwn(divisions, initial) ? initial : "");
    });
    return { set: set, chain: chainOf, ready: ready };
  }

  function gradeOptions(select, first, vocab) {
    select.appendChild(el("option", { value: "", text: first }));
    for (var g = vocab.stages.grades[0]; g <= vocab.stages.grades[1]; g++) {
      select.appendChild(el("option", { value: g, text: g + "年级" }));
    }
  }

  function params() { return new URLSearchParams(location.search); }

  function setParams(values) {
    var p = new URLSearchParams();
    Object.keys(values).forEach(function (k) {
      [].concat(values[k]).forEach(function (v) { if (v !== "" && v != null) p.append(k, v); });
    });
    var query = p.toString();
    history.replaceState(null, "", location.pathname + (query ? "?" + query : ""));
  }

  /* --- 找合作基地 ------------------------------------------------------------------------ */
  function kindOf(data, r) { return data.kinds[r.k][2]; }

  function gradeText(g) {
    return g ? (g[0] === g[1] ? g[0] + "年级" : g[0] + "–" + g[1] + "年级") : "";
  }

  function knownCount(items, what) {
    var unknown = items.filter(function (i) { return i.grade === "unknown" || i.service === "unknown"; }).length;
    return unknown ? "：" + (items.length - unknown) + " 个已注明符合，" + unknown + " 个" + what + "未注明（请向场馆核实）" : "";
  }

  var NEAREST = 20; // bases the finder lists at first, and adds with each 显示更远的基地

  /* The bases fitting `q`, nearest first, loading the finder's shards (app/<folder>/near/<key>.json,
     a province or, in a dense one, a city; app/near.json) only until the first `limit` are final (core.nearShards): {items, final: how many of them
     are, all: every shard loaded}. */
  function nearestBases(data, q, limit) {
    var near = data.near.base || {}, folder = folderOf(data, "base");
    var plan = core.shardsByDistance(near, q.origin);
    var loaded = Object.create(null), pool = [];
    function round() {
      var ranked = core.rankFinder(pool, q).items;
      var need = core.nearShards(plan, loaded, ranked.map(function (i) { return i.km; }), limit);
      if (!need.length) {
        var frontier = core.frontierKm(plan, loaded);
        var final = ranked.filter(function (i) { return i.km < frontier; }).length;
        return { items: ranked, final: frontier === Infinity ? ranked.length : final, all: frontier === Infinity };
      }
      return Promise.all(need.map(function (s) { return load("app/" + folder + "/near/" + s.key + ".json"); })).then(function (lists) {
        var found = [].concat.apply([], lists);
        need.forEach(function (s) { loaded[s.key] = true; });
        pool = unique(pool.concat(found));
        return round();
      });
    }
    return Promise.resolve().then(round);
  }

  function finder(app, data, divisions, vocab) {
    var form = app.querySelector("[data-kj-form]");
    var output = app.querySelector("[data-kj-output]");
    var status = app.querySelector("[data-kj-status]");
    var services = vocab.services;
    var q = params();
    var state = {
      region: q.get("region") || "", grade: validGrade(q.get("grade"), vocab) || "",
      svc: q.getAll("service").filter(function (s) { return services.indexOf(s) >= 0; }), here: null,
    };
    var serviceBox = form.querySelector("[data-kj-services]");
    var serviceNote = serviceBox.querySelector(".kj-note");
    services.forEach(function (s) {
      var input = el("input", { type: "checkbox", value: s });
      input.checked = state.svc.indexOf(s) >= 0;
      input.addEventListener("change", function () {
        state.svc = services.filter(function (v) { return serviceBox.querySelector('input[value="' + v + '"]').checked; });
        render();
      });
      serviceBox.insertBefore(el("label", { class: "kj-facet__option" }, [input, el("span", { text: s })]), serviceNote);
    });
    var grade = form.querySelector("[data-kj-grade]");
    gradeOptions(grade, "全部年级", vocab);
    grade.value = state.grade;
    grade.addEventListener("change", function () { state.grade = grade.value; render(); });
    var picker = divisionPicker(Array.prototype.slice.call(form.querySelectorAll("[data-kj-division]")), divisions,
      function (code) { state.region = code; state.here = null; render(); }, state.region);
    var limit = NEAREST, asked = 0;
    form.querySelector("[data-kj-locate]").addEventListener("click", function () {
      if (!navigator.geolocation) { status.textContent = "这个浏览器不能获取位置，请选择地区。"; return; }
      status.textContent = "正在获取位置…";
      navigator.geolocation.getCurrentPosition(function (pos) {
        state.here = [pos.coords.latitude, pos.coords.longitude];
        render();
      }, function () { status.textContent = "没有获得位置授权，请选择地区。"; }, { timeout: 10000 });
    });
    form.hidden = false;

    function origin() {
      if (state.here) return { point: state.here, label: "你的位置" };
      if (state.region && core.hasOwn(divisions, state.region) && divisions[state.region].length > 3) {
        var d = divisions[state.region];
        return { point: [d[2], d[3]], label: picker.chain(state.region).map(function (c) { return divisions[c][0]; }).join(" ") };
      }
      return null;
    }

    function render(more) {
      setParams({ region: state.region, grade: state.grade, service: state.svc });
      limit = more ? limit + NEAREST : NEAREST;
      var from = origin();
      var mine = ++asked; // only the latest question's answer is shown
      if (!from) {
        output.textContent = "";
        status.textContent = "请选择学校所在地区，或点“使用我的位置”。";
        return Promise.resolve();
      }
      return busy(nearestBases(data, { origin: from.point, grade: +state.grade || 0, services: state.svc }, limit)
        .then(function (found) { if (mine === asked) show(from, found); }, function () { status.textContent = FAILED; }));
    }

    function show(from, found) {
      output.textContent = "";
      var now = today();
      var shown = found.items.slice(0, Math.min(limit, found.final));
      var what = [state.grade ? "年级" : null, state.svc.length ? "服务" : null].filter(Boolean).join("或");
      var whole = found.all && shown.length === found.items.length;
      status.textContent = "从" + from.label + "出发，" + (whole ? "共 " : "列出最近的 ") + shown.length + " 个基地，按直线距离由近到远排列" + knownCount(shown, what);
      var list = el("ol", { class: "kj-cards-list", "data-kj-results": "" });
      shown.forEach(function (item) {
        var r = item.r;
        var next = (r.od || []).filter(function (d) { return d[1] >= now; })[0];
        var ask = [];
        if (item.grade === "unknown") ask.push("年级未注明，请向场馆核实");
        if (item.service === "unknown") ask.push("服务未注明，请向场馆核实");
        var facts = el("dl", { class: "kj-facts" }, [
          fact("距离", distanceText(item)),
          fact("地址", r.ad),
          fact("年级", gradeText(r.g) || "未注明"),
          fact("服务", (r.sv || []).join("、") || "未注明"),
          fact("下次开放日", next ? zh(next[0]) + " " + next[2] : "暂无"),
          r.cs && r.cs.length ? factNode("开设课程", r.cs.map(function (c) {
            return el("a", { href: new URL(folderOf(data, "course") + "/" + c[0] + "/", root).href, text: c[1] });
          })) : null,
          r.bk ? factNode("预约", [/^https?:\/\//.test(r.bk) ? el("a", { href: r.bk, rel: "noopener noreferrer", text: "预约页面" }) : document.createTextNode(r.bk)]) : null,
        ]);
        list.appendChild(el("li", { class: "kj-result", "data-id": r.id, "data-kj-fit": ask.length ? "unknown" : "known" }, [
          el("h2", {}, [link(data, r)]),
          ask.length ? el("p", { class: "kj-badge kj-badge--warning kj-unknown", text: ask.join("；") }) : null,
          facts, shortlistButton(folderOf(data, "base"), r.id),
        ]));
      });
      output.appendChild(list);
      if (!whole) {
        var button = el("button", { type: "button", class: "md-button", "data-kj-more": "", text: "显示更远的基地" });
        button.addEventListener("click", function () { render(true); });
        output.appendChild(button);
      }
    }
    return picker.ready.then(function () { return render(); });
  }


  function folderOf(data, name) {
    for (var i = 0; i < data.kinds.length; i++) if (data.kinds[i][2] === name) return data.kinds[i][0];
    return name;
  }

  function validGrade(value, vocab) {
    var g = +value, limits = vocab.stages.grades;
    return Math.floor(g) === g && g >= limits[0] && g <= limits[1] ? g : 0;
  }

  function distanceText(item) {
    var r = item.r, km = item.km;
    if (!isFinite(km)) return "未知（没有坐标）";
    if (r.ap && km < 1) return "在同一区县（按区县中心估算）";
    var text = km < 10 ? km.toFixed(1) : String(Math.round(km));
    return r.ap ? "约 " + text + " 公里（按所在区县中心估算）" : text + " 公里";
  }

  function fact(label, value) {
    return value ? el("div", { class: "kj-fact" }, [el("dt", { text: label }), el("dd", { text: value })]) : null;
  }

  function factNode(label, nodes) {
    var dd = el("dd");
    nodes.forEach(function (n, i) { if (i) dd.appendChild(document.createTextNode("、")); dd.appendChild(n); });
    return el("div", { class: "kj-fact" }, [el("dt", { text: label }), dd]);
  }

  /* --- 为我推荐 ------------------------------------------------------------------------ */
  var SHOWN = 8; // cards per section

  function recommend(app, data, divisions, vocab) {
    var form = app.querySelector("[data-kj-form]");
    var output = app.querySelector("[data-kj-output]");
    var status = app.querySelector("[data-kj-status]");
    var FIELDS = vocab.domains;
    var q = params();
    var state = {
      from: validGrade(q.get("from"), vocab), to: validGrade(q.get("to"), vocab),
      fields: q.getAll("field").filter(function (f) { return FIELDS.indexOf(f) >= 0; }),
      region: q.get("region") || "", vocational: q.get("vocational") === "1",
    };
    var gFrom = form.querySelector("[data-kj-grade-from]"), gTo = form.querySelector("[data-kj-grade-to]");
    var voc = form.querySelector("[data-kj-vocational]");
    gradeOptions(gFrom, "选择", vocab);
    gradeOptions(gTo, "选择", vocab);
    gFrom.value = state.from || "";
    gTo.value = state.to || "";
    voc.checked = state.vocational;
    [gFrom, gTo, voc].forEach(function (s) {
      s.addEventListener("change", function () {
        state.from = +gFrom.value || 0;
        state.to = +gTo.value || state.from;
        state.vocational = voc.checked;
        render();
      });
    });
    var box = form.querySelector("[data-kj-fields]");
    FIELDS.forEach(function (f) {
      var input = el("input", { type: "checkbox", value: f });
      input.checked = state.fields.indexOf(f) >= 0;
      input.addEventListener("change", function () {
        state.fields = FIELDS.filter(function (v) { return box.querySelector('input[value="' + v + '"]').checked; });
        render();
      });
      box.appendChild(el("label", { class: "kj-facet__option" }, [input, el("span", { text: f })]));
    });
    var picker = divisionPicker(Array.prototype.slice.call(form.querySelectorAll("[data-kj-division]")), divisions,
      function (code) { state.region = code; render(); }, state.region);
    form.hidden = false;
    var RADIUS = 300, asked = 0;

    function regionWhy(code) {
      if (!state.region || !code) return null;
      var mine = picker.chain(state.region), theirs = picker.chain(code);
      for (var i = Math.min(mine.length, theirs.length) - 1; i >= 0; i--) {
        if (mine[i] === theirs[i]) return { level: i, text: "同在" + divisions[mine[i]][0] };
      }
      return null;
    }

    /* The subjects a base speaks for: its type's (vocab.baseTypeDomains) and its courses' (cf). */
    function baseFields(r) {
      var out = (core.hasOwn(vocab.baseTypeDomains, r.bt) ? vocab.baseTypeDomains[r.bt] : []).slice();
      (r.cf || []).forEach(function (f) { if (out.indexOf(f) < 0) out.push(f); });
      return out;
    }

    function regionOrigin() {
      return state.region && core.hasOwn(divisions, state.region) && divisions[state.region].length > 3
        ? [divisions[state.region][2], divisions[state.region][3]] : null;
    }

    /* Only what the question needs: the records of the school's province and those without a
       region (online, 不限地区) — the others are never recommended — and the bases of the
       provinces that can lie within RADIUS km; of a shard split by subject, only the chosen
       subjects' part and the unrecorded one. Without a region, only the records without one. */
    function gather() {
      var keys = state.region ? [state.region.slice(0, 2), "00"] : ["00"];
      var origin = regionOrigin();
      var near = origin ? core.shardsByDistance(data.manifest.shards.base, origin)
        .filter(function (s) { return s.km <= RADIUS; }).map(function (s) { return s.key; }) : [];
      var names = ["course", "expert", "topic_list", "competition"];
      var subjects = state.fields.map(function (f) { return vocab.domains.indexOf(f); });
      return Promise.all(names.map(function (name) { return shardRecords(data, name, keys, subjects); })
        .concat([shardRecords(data, "base", near, subjects)])).then(function (lists) {
        return { course: lists[0], expert: lists[1], topic_list: lists[2], competition: lists[3], base: lists[4] };
      });
    }

    function render() {
      setParams({ from: state.from || "", to: state.to || "", vocational: state.vocational ? "1" : "", field: state.fields, region: state.region });
      var mine = ++asked;
      if (!state.from) { output.textContent = ""; status.textContent = "请先选择年级范围。"; return Promise.resolve(); }
      return busy(gather().then(function (records) {
        if (mine === asked) show(records);
      }, function () { status.textContent = FAILED; }));
    }

    function show(records) {
      output.textContent = "";
      var from = state.from, to = Math.max(state.to || from, from), now = today();
      var stages = core.stagesOf(from, to, state.vocational, vocab.stages);
      var wantFields = state.fields;
      function fieldWhy(fields) {
        var hit = (fields || []).filter(function (f) { return wantFields.indexOf(f) >= 0; });
        return hit.length ? "领域：" + hit.join("、") : null;
      }
      var gradeLabel = "适合 " + from + (to > from ? "–" + to : "") + " 年级";
      function gradeWhy(r) {
        return core.gradeFit(r.g, from, to) === "unknown" ? "年级未注明，请核实" : gradeLabel;
      }
      function section(title, items, explain, unknownOf, empty) {
        var shown = items.slice(0, SHOWN);
        var list = el("ol", { class: "kj-cards-list" });
        shown.forEach(function (r) {
          var unknown = unknownOf ? unknownOf(r) : null;
          list.appendChild(el("li", { class: "kj-result", "data-id": r.id, "data-kj-fit": unknown ? "unknown" : "known" }, [
            el("h3", {}, [link(data, r)]),
            unknown ? el("p", { class: "kj-badge kj-badge--warning kj-unknown", text: unknown }) : null,
            el("p", { class: "kj-why" }, ["推荐理由：" + explain(r).filter(Boolean).join("；")]),
            shortlistButton(folderOf(data, kindOf(data, r)), r.id),
          ]));
        });
        var unknownShown = unknownOf ? shown.filter(unknownOf).length : 0;
        var notes = [];
        if (unknownShown) notes.push("其中 " + (shown.length - unknownShown) + " 个已注明符合，" + unknownShown + " 个有信息未注明（请核实）");
        if (items.length > shown.length) notes.push("另有 " + (items.length - shown.length) + " 个符合条件的未列出");
        output.appendChild(el("section", { class: "kj-recommend", "data-section": title }, [
          el("h2", { text: title + "（" + shown.length + "）" }),
          notes.length ? el("p", { class: "kj-count", text: notes.join("；") + "。" }) : null,
          items.length ? list : el("p", { class: "kj-empty", text: empty || "暂无符合条件的" + title + "。" }),
        ]));
      }
      function gradeUnknown(r) { return core.gradeFit(r.g, from, to) === "unknown" ? "年级未注明，请核实" : null; }
      function byFit(a, b) { return b._score - a._score || (a.t < b.t ? -1 : a.t > b.t ? 1 : 0); }
      function fitScore(r) { return core.gradeFit(r.g, from, to) === "yes" ? 1 : 0; }
      var courses = records.course.filter(function (r) {
        if (core.gradeFit(r.g, from, to) === "no") return false;
        if (core.fieldsFit(r.f, wantFields) === "no") return false;
        var near = regionWhy(r.r);
        r._score = 10 * fitScore(r) + (near ? 2 + near.level : 0) + (r.mo === "线上" || r.mo === "双师课堂" ? 1 : 0);
        return !state.region || near || !r.r;
      }).sort(byFit);
      section("课程", courses, function (r) {
        var near = regionWhy(r.r);
        return [gradeWhy(r), fieldWhy(r.f), near ? near.text : (r.r ? null : r.mo + "，不限地区")];
      }, gradeUnknown);
      var origin = regionOrigin();
      var ranked = core.rankRecommendBases(origin ? records.base : [],
        { origin: origin, radius: RADIUS, from: from, to: to, fields: wantFields, fieldsOf: baseFields });
      var fits = Object.create(null);
      ranked.items.forEach(function (i) { fits[i.r.id] = i; });
      section("附近基地", ranked.items.map(function (i) { return i.r; }), function (r) {
        var item = fits[r.id], why = [];
        if (isFinite(item.km)) why.push("距离约 " + Math.round(item.km) + " 公里");
        if (wantFields.length && item.field === "yes") why.push(fieldWhy(baseFields(r)) + (core.hasOwn(vocab.baseTypeDomains, r.bt) ? "（" + r.bt + "）" : "（开设相关课程）"));
        why.push(item.grade === "yes" ? gradeLabel : null);
        why.push((r.sv || []).length ? "提供" + r.sv.join("、") : null);
        return why;
      }, function (r) {
        var item = fits[r.id], ask = [];
        if (item.field === "unknown") ask.push("领域未注明");
        if (item.grade === "unknown") ask.push("年级未注明");
        return ask.length ? ask.join("、") + "，请向场馆核实" : null;
      }, origin ? null : "选择学校所在地区后，列出 " + RADIUS + " 公里内的基地。");
      var experts = records.expert.filter(function (r) {
        if (core.gradeFit(r.g, from, to) === "no") return false;
        if (core.fieldsFit(r.f, wantFields) === "no") return false;
        var near = (r.rs || []).map(regionWhy).filter(Boolean)[0];
        r._score = 10 * fitScore(r) + (near ? near.level + 1 : 0);
        return !state.region || !(r.rs || []).length || near;
      }).sort(byFit);
      section("专家", experts, function (r) {
        var near = (r.rs || []).map(regionWhy).filter(Boolean)[0];
        return [fieldWhy(r.f), gradeWhy(r), near ? "服务" + near.text.replace("同在", "") : "不限地区"];
      }, gradeUnknown);
      var topics = [];
      records.topic_list.forEach(function (r) {
        if (r.v && r.v[1] < now) return;
        (r.it || []).forEach(function (item, i) {
          var fields = item[2] ? [item[2]] : []; // null: 领域未注明 (unknown, not "no")
          if (core.gradeFit(item[3], from, to) === "no" || core.fieldsFit(fields, wantFields) === "no") return;
          topics.push({ k: r.k, id: r.id, t: item[0] + "（" + r.t + "）", ex: r.ex, f: fields, g: item[3], _v: !!r.v,
            _score: (core.gradeFit(item[3], from, to) === "yes" ? 1 : 0) + (core.fieldsFit(fields, wantFields) === "yes" ? 1 : 0), _i: i });
        });
      });
      topics.sort(byFit);
      section("报告主题", topics, function (r) { return [fieldWhy(r.f), gradeWhy(r), r._v ? "清单在有效期内" : null]; }, function (r) {
        var ask = [];
        if (core.gradeFit(r.g, from, to) === "unknown") ask.push("年级");
        if (core.fieldsFit(r.f, wantFields) === "unknown") ask.push("领域");
        if (!r._v) ask.push("有效期");
        return ask.length ? ask.join("、") + "未注明，请向发布单位核实" : null;
      });
      var competitions = records.competition.filter(function (r) {
        if (!(r.st || []).some(function (s) { return stages.indexOf(s) >= 0; })) return false;
        if (core.fieldsFit(r.f, wantFields) === "no") return false;
        r._status = core.registrationStatus((r.ed || []).map(function (e) { return [e[1], e[2]]; }), now);
        r._score = { open: 3, upcoming: 2, unknown: 1, closed: 0 }[r._status] + (r.wl ? 0.5 : 0);
        return r._status !== "closed";
      }).sort(byFit);
      section("可报名的竞赛", competitions, function (r) {
        return ["面向" + stages.filter(function (s) { return r.st.indexOf(s) >= 0; }).join("、"), fieldWhy(r.f),
          { open: "正在报名", upcoming: "即将报名", unknown: "报名时间待公布" }[r._status],
          r.wl ? "列入教育部 " + r.wl + " 名单" : "未列入教育部白名单"];
      }, function (r) { return r._status === "unknown" ? "报名时间未注明，请查看官方通知" : null; });
      status.textContent = "为 " + from + (to > from ? "–" + to : "") + " 年级" + (state.vocational ? "（中职）" : "") + "推荐" + (wantFields.length ? "（" + wantFields.join("、") + "）" : "")
        + (state.region ? "" : "。未选择地区：只列出不限地区的课程、专家和报告主题；选择学校所在地区后加上本地的和附近基地");
    }
    return picker.ready.then(function () { return render(); });
  }

  /* --- 近期 ---------------------------------------------------------------------------- */
  function upcoming(app, data) {
    var form = app.querySelector("[data-kj-form]");
    var output = app.querySelector("[data-kj-output]");
    var status = app.querySelector("[data-kj-status]");
    var days = params().get("days") === "90" ? 90 : 30;
    form.querySelector('input[value="' + days + '"]').checked = true;
    form.addEventListener("change", function () { days = +form.querySelector("input:checked").value; render(); });
    form.hidden = false;
    var asked = 0;
    /* Only the months shown: app/dates/<YYYY-MM>.json holds each record with a date in that month. */
    function render() {
      setParams({ days: days === 30 ? "" : days });
      var now = today(), until = addDays(now, days), mine = ++asked;
      var months = core.monthsBetween(now, until).filter(function (m) { return data.manifest.months.indexOf(m) >= 0; });
      return busy(Promise.all(months.map(function (m) { return load("app/dates/" + m + ".json"); })).then(function (lists) {
        if (mine === asked) show(now, until, unique([].concat.apply([], lists)));
      }, function () { status.textContent = FAILED; }));
    }
    function show(now, until, records) {
      var items = [];
      records.forEach(function (r) {
        var kind = kindOf(data, r);
        if (kind === "competition") {
          (r.ed || []).forEach(function (e) {
            if (e[2] && e[2] >= now && e[2] <= until) items.push({ date: e[2], what: "报名截止", r: r, note: e[0], kind: kind });
          });
        } else if (kind === "base") {
          (r.od || []).forEach(function (d) {
            if (d[1] >= now && d[0] <= until) items.push({ date: d[0] < now ? now : d[0], what: "开放日", r: r, note: d[2], kind: kind, day: d });
          });
        }
      });
      items.sort(function (a, b) { return a.date < b.date ? -1 : a.date > b.date ? 1 : (a.r.t < b.r.t ? -1 : 1); });
      output.textContent = "";
      status.textContent = "未来 " + days + " 天（" + zh(now) + " 至 " + zh(until) + "）共 " + items.length + " 项";
      var list = el("ol", { class: "kj-cards-list", "data-kj-results": "" });
      items.forEach(function (item) {
        var extra = item.kind === "competition"
          ? el("a", { href: new URL(folderOf(data, "competition") + "/" + item.r.id + "/calendar.ics", root).href, class: "md-button kj-ics", download: "", text: "加入日历" })
          : openDayCalendar(data, item.r, item.day);
        list.appendChild(el("li", { class: "kj-result", "data-id": item.r.id }, [
          el("p", { class: "kj-result__date" }, [el("time", { datetime: item.date, text: zh(item.date) }), " " + item.what]),
          el("h2", {}, [link(data, item.r)]),
          el("p", {}, [item.note, " · ", extra]),
        ]));
      });
      output.appendChild(items.length ? list : el("p", { class: "kj-empty", text: "这段时间没有报名截止或开放日。" }));
    }
    return render();
  }

  /* An open day as a one-event .ics, made on the device when asked for (a download, like the CSV). */
  function openDayCalendar(data, r, day) {
    var button = el("button", { type: "button", class: "md-button kj-ics", "data-kj-ics": "", text: "加入日历" });
    button.addEventListener("click", function () {
      var mark = r.ex ? "【示例】" : "";
      var url = recordUrl(data, r);
      var stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
      var text = core.icsCalendar(mark + r.t + "：" + day[2], [{
        uid: r.id + "-" + day[0] + "-open-day@kejiao", summary: mark + "【开放日】" + day[2] + "（" + r.t + "）",
        start: day[0], end: day[1], description: mark + r.t + (r.ad ? "，" + r.ad : "") + "。详情：" + url, url: url,
      }], stamp);
      save(new Blob([text], { type: "text/calendar;charset=utf-8" }), r.id + "-" + day[0] + ".ics");
    });
    return button;
  }

  function save(blob, name) {
    var a = el("a", { href: URL.createObjectURL(blob), download: name });
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(a.href); }, 1000);
  }

  /* --- 我的清单 ------------------------------------------------------------------------ */
  /* The viewer's own list, from localStorage: untrusted (another script, an old version or a hand
     edit may have written anything). A value that is not a list of refs is repaired on read. */
  function readList() {
    var raw = null, parsed = [];
    try { raw = localStorage.getItem(KEY); } catch (e) { return []; }
    if (raw == null) return [];
    try { parsed = JSON.parse(raw); } catch (e) { parsed = null; }
    var clean = core.parseRefs(Array.isArray(parsed) ? parsed : 0); // only an array is a list
    if (clean.broken || clean.dropped) writeList(clean.refs);
    return clean.refs;
  }
  function writeList(items) {
    try { localStorage.setItem(KEY, JSON.stringify(items)); } catch (e) { /* storage full or off */ }
  }
  function has(items, ref) { return items.indexOf(ref) >= 0; }

  function shortlistButton(folder, id) {
    var ref = folder + "/" + id;
    var button = el("button", { type: "button", class: "md-button kj-keep", "data-kj-keep": ref });
    function paint() {
      var kept = has(readList(), ref);
      button.textContent = kept ? "✓ 已在清单中" : "＋ 加入清单";
      button.setAttribute("aria-pressed", kept ? "true" : "false");
    }
    button.addEventListener("click", function () {
      var items = readList();
      items = has(items, ref) ? items.filter(function (x) { return x !== ref; }) : items.concat([ref]);
      writeList(items);
      paint();
      updateCounter();
    });
    paint();
    return button;
  }

  function updateCounter() {
    var n = readList().length;
    document.querySelectorAll("[data-kj-counter]").forEach(function (node) { node.textContent = n ? "（" + n + "）" : ""; });
  }

  /* Two lists can be on this page: someone's shared list (?items=…, lives only in the address) or
     the viewer's own (localStorage). Every action works on the one shown; the own list changes
     only through 保存为我的清单 (asks before replacing) or 合并到我的清单. */
  function shortlist(app, data) {
    var output = app.querySelector("[data-kj-output]");
    var status = app.querySelector("[data-kj-status]");
    var actions = app.querySelector("[data-kj-actions]");
    var sharedBox = app.querySelector("[data-kj-shared]");
    var modeLine = app.querySelector("[data-kj-mode]");
    var droppedNote = app.querySelector("[data-kj-dropped]");
    /* Records are looked up in the refs buckets (app/refs/<n>.json, by core.refBucket): only the
       buckets of the refs shown are downloaded. A ref is dropped as gone only once its bucket is
       here and does not hold it, never because it has not been loaded yet. */
    var byRef = Object.create(null), buckets = data.manifest.refs[0], filled = data.manifest.refs[1];
    var here = Object.create(null); // buckets loaded
    function bucketOf(ref) { return core.refBucket(ref, buckets); }
    function known(ref) { return !here[bucketOf(ref)] || core.hasOwn(byRef, ref); }
    function fetchRefs(refs) {
      var wanted = [];
      refs.forEach(function (ref) {
        var b = bucketOf(ref);
        if (!here[b] && wanted.indexOf(b) < 0) wanted.push(b);
      });
      return Promise.all(wanted.map(function (b) {
        return (filled.indexOf(b) >= 0 ? load("app/refs/" + b + ".json") : Promise.resolve([])).then(function (records) {
          records.forEach(function (r) { byRef[data.kinds[r.k][0] + "/" + r.id] = r; });
          here[b] = true;
        });
      }));
    }
    var query = params();
    var view = query.has("items") ? { mode: "shared", raw: query.get("items") } : { mode: "own" };

    function current() {
      if (view.mode === "shared") return core.parseRefs(view.raw, known);
      var mine = core.parseRefs(readList(), known);
      if (mine.unknown) writeList(mine.refs); // records no longer in the catalogue
      return mine;
    }
    function setShared(refs) {
      view.raw = refs.join(",");
      history.replaceState(null, "", location.pathname + "?items=" + encodeURIComponent(view.raw).replace(/%2F/g, "/").replace(/%2C/g, ","));
    }
    function showOwn() {
      view = { mode: "own" };
      history.replaceState(null, "", location.pathname);
      render();
    }

    function render() {
      var pending = view.mode === "shared" ? core.parseRefs(view.raw, null, Infinity).refs : core.parseRefs(readList(), null, Infinity).refs;
      return busy(fetchRefs(pending).then(draw, function () { status.textContent = FAILED; }));
    }

    function draw() {
      var parsed = current();
      var refs = parsed.refs.filter(function (ref) { return core.hasOwn(byRef, ref); }); // all, once loaded
      var own = view.mode === "own";
      output.textContent = "";
      actions.hidden = false;
      sharedBox.hidden = own;
      app.setAttribute("data-kj-view", view.mode);
      app.querySelector("h1").textContent = own ? "我的清单" : "分享的清单";
      var ownCount = own ? refs.length : readList().length;
      modeLine.textContent = own
        ? "这是你的清单，保存在这台设备的浏览器中。"
        : "你在查看别人分享的清单，不是你自己的清单（你的清单有 " + ownCount + " 项，不会被改动）。";
      var lost = parsed.unknown + parsed.dropped;
      droppedNote.hidden = !lost;
      droppedNote.textContent = lost ? (own ? "已从你的清单中移除 " + lost + " 项目录中已不存在的记录。" : "链接中有 " + lost + " 项无法识别或已不在目录中，已略去。") : "";
      status.textContent = refs.length
        ? (own ? "我的清单" : "分享的清单") + "：共 " + refs.length + " 项"
        : own ? "清单是空的：在任何记录页面点“加入清单”即可添加。" : "这份分享的清单是空的。";
      app.querySelector("[data-kj-adopt]").disabled = !refs.length;
      app.querySelector("[data-kj-merge]").disabled = !refs.length;
      var list = el("ol", { class: "kj-shortlist", "data-kj-results": "" });
      refs.forEach(function (ref) {
        var r = byRef[ref], kind = data.kinds[r.k];
        var facts = [];
        if (r.g) facts.push(gradeText(r.g));
        if (r.st && r.st.length && !r.g) facts.push(r.st.join("、"));
        if (r.f && r.f.length) facts.push(r.f.join("、"));
        if (r.ad) facts.push(r.ad);
        if (r.af) facts.push(r.af);
        var remove = el("button", { type: "button", class: "md-button kj-noprint", text: "移除" });
        remove.addEventListener("click", function () {
          if (view.mode === "own") writeList(readList().filter(function (x) { return x !== ref; }));
          else setShared(current().refs.filter(function (x) { return x !== ref; }));
          render();
          updateCounter();
        });
        list.appendChild(el("li", { class: "kj-shortlist__item", "data-id": r.id }, [
          el("p", { class: "kj-shortlist__kind", text: kind[1] + (r.ex ? "（示例）" : "") }),
          el("h2", {}, [el("a", { href: recordUrl(data, r), text: r.t })]),
          facts.length ? el("p", { text: facts.join(" · ") }) : null,
          el("p", { class: "kj-shortlist__url", text: recordUrl(data, r) }), // printed only
          remove,
        ]));
      });
      output.appendChild(list);
    }
    app.querySelector("[data-kj-print]").addEventListener("click", function () { window.print(); });
    app.querySelector("[data-kj-clear]").addEventListener("click", function () {
      if (view.mode === "own") {
        if (window.confirm("确定清空你的清单吗？")) { writeList([]); render(); updateCounter(); }
      } else if (window.confirm("清空这份分享的清单吗？只影响这个页面，你自己的清单不会改动。")) {
        setShared([]);
        render();
      }
    });
    app.querySelector("[data-kj-csv]").addEventListener("click", function () {
      if (/MicroMessenger/i.test(navigator.userAgent)) { // WeChat's browser cannot save files
        status.textContent = "微信内不能下载文件：请点右上角“…”，选择“在浏览器打开”后再导出。";
        return;
      }
      var rows = [["类型", "名称", "示例", "年级", "学段", "领域", "地址", "网址"]];
      current().refs.forEach(function (ref) {
        var r = byRef[ref];
        if (!r) return; // its bucket is not loaded yet
        rows.push([data.kinds[r.k][1], r.t, r.ex ? "示例" : "", r.g ? r.g.join("–") : "", (r.st || []).join("、"),
          (r.f || []).join("、"), r.ad || "", recordUrl(data, r)]);
      });
      var text = "\ufeff" + rows.map(function (row) { return row.map(core.csvCell).join(","); }).join("\r\n") + "\r\n";
      save(new Blob([text], { type: "text/csv;charset=utf-8" }), view.mode === "own" ? "我的清单.csv" : "分享的清单.csv");
    });
    app.querySelector("[data-kj-share]").addEventListener("click", function () {
      var url = new URL("shortlist/", root);
      url.searchParams.set("items", current().refs.join(","));
      var done = function () { status.textContent = "分享链接已复制：" + url.href; };
      if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(url.href).then(done, function () { status.textContent = url.href; });
      else status.textContent = "请复制这个链接发给同事：" + url.href;
      app.setAttribute("data-kj-share-url", url.href);
    });
    app.querySelector("[data-kj-adopt]").addEventListener("click", function () {
      var incoming = current().refs, mine = readList();
      var same = mine.length === incoming.length && mine.every(function (x, i) { return x === incoming[i]; });
      if (mine.length && !same && !window.confirm("你的清单已有 " + mine.length + " 项。用这份分享的清单（" + incoming.length + " 项）替换它吗？替换后原来的 " + mine.length + " 项将被删除。")) return;
      writeList(incoming);
      updateCounter();
      showOwn();
    });
    app.querySelector("[data-kj-merge]").addEventListener("click", function () {
      var merged = readList();
      current().refs.forEach(function (ref) { if (!has(merged, ref)) merged.push(ref); });
      writeList(merged);
      updateCounter();
      showOwn();
    });
    app.querySelector("[data-kj-own]").addEventListener("click", function (event) { event.preventDefault(); showOwn(); });
    window.addEventListener("storage", function (event) { if (event.key === KEY && view.mode === "own") render(); });
    return render();
  }

  /* --- wiring ----------------------------------------------------------------------------- */
  function addKeepButtons() {
    // On a record page: next to the title. On list pages: in each row's first cell.
    var article = document.querySelector(".kj-record");
    if (article) {
      var parts = location.pathname.replace(/\/$/, "").split("/");
      var id = parts.pop(), folder = parts.pop();
      var h1 = article.querySelector("h1");
      if (h1 && folder && id) h1.insertAdjacentElement("afterend", el("p", { class: "kj-keep-row kj-noprint" }, [shortlistButton(folder, id)]));
    }
    var table = document.querySelector("[data-kj-list]");
    if (table) {
      var addToRows = function () {
        table.querySelectorAll("tbody td:first-child").forEach(function (cell) {
          var a = cell.querySelector("a");
          if (!a || cell.querySelector("[data-kj-keep]")) return;
          var parts = a.pathname.replace(/\/$/, "").split("/");
          var rowId = parts.pop(), rowFolder = parts.pop();
          var button = shortlistButton(rowFolder, rowId);
          button.classList.add("kj-keep--small");
          cell.appendChild(button);
        });
      };
      addToRows();
      table.addEventListener("kj:rows", addToRows); // a paged list loaded all its rows
    }
    var tabs = document.querySelectorAll('a[href$="shortlist/"]');
    tabs.forEach(function (a) {
      if (!a.querySelector("[data-kj-counter]")) a.appendChild(el("span", { "data-kj-counter": "" }));
    });
    updateCounter();
  }

  /* Dates decide what a record page says about itself, in the browser, so the built site does not
     depend on the day it was built: stale records, whitelist cycles that ended, expired topic lists,
     past editions moved to history. */
  function lifecycle() {
    var article = document.querySelector(".kj-record");
    if (!article) return;
    var now = today();
    var notes = [];
    var verified = article.getAttribute("data-kj-verified");
    var staleDays = +article.getAttribute("data-kj-stale-days") || 365;
    if (verified && addDays(verified, staleDays) < now) {
      notes.push("信息可能已过时：最后核实于 " + zh(verified) + "，请以官方渠道为准");
    }
    var cycle = article.querySelector("[data-kj-cycle-end]");
    if (cycle && cycle.getAttribute("data-kj-cycle-end") < now) {
      notes.push("不在当前名单：该白名单周期已结束");
      cycle.classList.add("kj-whitelist--ended");
    }
    var valid = article.querySelector("[data-kj-valid-to]");
    if (valid && valid.getAttribute("data-kj-valid-to") < now) notes.push("已过期：清单有效期已结束");
    else if (valid && valid.getAttribute("data-kj-valid-from") > now) notes.push("尚未开始：清单有效期尚未开始");
    var box = article.querySelector("[data-kj-lifecycle]");
    if (box && notes.length) {
      notes.forEach(function (text) { box.appendChild(el("span", { class: "kj-badge kj-badge--warning", text: text })); });
      box.hidden = false;
    }
    var table = article.querySelector(".kj-editions");
    if (table) {
      var past = Array.prototype.filter.call(table.tBodies[0].rows, function (row) {
        return (row.getAttribute("data-kj-ends") || "9999") < now;
      });
      if (past.length && past.length < table.tBodies[0].rows.length + 1) {
        var history = el("details", { class: "kj-history" }, [el("summary", { text: "往届（" + past.length + "）" })]);
        var copy = table.cloneNode(false);
        copy.appendChild(table.tHead.cloneNode(true));
        var body = el("tbody");
        past.forEach(function (row) { body.appendChild(row); });
        copy.appendChild(body);
        history.appendChild(el("div", { class: "kj-table-wrap" }, [copy]));
        table.parentNode.insertAdjacentElement("afterend", history);
        if (!table.tBodies[0].rows.length) table.parentNode.hidden = true;
      }
    }
  }

  function setup() {
    lifecycle();
    addKeepButtons();
    var app = document.querySelector("[data-kj-app]");
    if (!app) return;
    var tool = app.getAttribute("data-kj-app");
    var status = app.querySelector("[data-kj-status]");
    status.textContent = "正在加载…";
    // the manifest and the vocabularies; the provinces for the two tools that ask for a region.
    // Each tool then loads the shards its question needs.
    var needs = [load("app/manifest.json"), load("app/vocab.json")];
    if (tool === "finder" || tool === "recommend") {
      needs.push(load("app/divisions/00.json"), tool === "finder" ? load("app/near.json") : null);
      // the school's province in parallel, when the address names a region (used once checked)
      var region = params().get("region") || "";
      if (/^[1-9]\d{5}$/.test(region)) load("app/divisions/" + region.slice(0, 2) + ".json").catch(function () {});
    }
    var tools = { finder: finder, recommend: recommend, upcoming: upcoming, shortlist: shortlist };
    if (!core.hasOwn(tools, tool)) return;
    mark("kj:start"); // timing marks, reported by bench/tools_phone.py
    Promise.all(needs).then(function (loaded) {
      mark("kj:data");
      var data = { manifest: loaded[0], kinds: loaded[0].kinds, near: loaded[3] || {} };
      var divisions = Object.create(null);
      Object.keys(loaded[2] || {}).forEach(function (c) { divisions[c] = loaded[2][c]; });
      return tools[tool](app, data, divisions, loaded[1]);
    }).then(function () { app.setAttribute("data-kj-ready", ""); mark("kj:ready"); }, function () { status.textContent = FAILED; });
  }

  function mark(name) { if (window.performance && performance.mark) performance.mark(name); }

  window.addEventListener("storage", function (event) { if (event.key === KEY) updateCounter(); });
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
