/* 科教资源目录: the browser tools — partner-base finder, recommendations, upcoming dates and the
   shortlist — over app/records.json. Everything runs on the device; nothing is sent anywhere. */
(function () {
  "use strict";

  var shared = window.kejiao; // from catalogue.js
  var root = shared.root;
  var today = shared.today, addDays = shared.addDays, distanceKm = shared.distanceKm;
  var KEY = "kejiao.shortlist";
  var cache = {};

  function load(path) {
    if (!cache[path]) {
      cache[path] = fetch(new URL(path, root)).then(function (r) {
        if (!r.ok) throw new Error(path + " " + r.status);
        return r.json();
      });
    }
    return cache[path];
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

  function overlaps(g, from, to) {
    return !g || (g[0] <= to && g[1] >= from);
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
      while (code && divisions[code]) { chain.unshift(code); code = divisions[code][1]; }
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
        set(code);
        onChange(code);
      });
    });
    set(initial || "");
    return { set: set, chain: chainOf };
  }

  function gradeOptions(select, first) {
    select.appendChild(el("option", { value: "", text: first }));
    for (var g = 1; g <= 12; g++) select.appendChild(el("option", { value: g, text: g + "年级" }));
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
  function finder(app, data, divisions) {
    var form = app.querySelector("[data-kj-form]");
    var output = app.querySelector("[data-kj-output]");
    var status = app.querySelector("[data-kj-status]");
    var services = ["送课进校", "研学", "开放日", "科学营", "双师课堂", "乡村服务"];
    var q = params();
    var state = { region: q.get("region") || "", grade: q.get("grade") || "", svc: q.getAll("service"), here: null };
    var serviceBox = form.querySelector("[data-kj-services]");
    services.forEach(function (s) {
      var input = el("input", { type: "checkbox", value: s });
      input.checked = state.svc.indexOf(s) >= 0;
      input.addEventListener("change", function () {
        state.svc = services.filter(function (v) { return serviceBox.querySelector('input[value="' + v + '"]').checked; });
        render();
      });
      serviceBox.appendChild(el("label", { class: "kj-facet__option" }, [input, el("span", { text: s })]));
    });
    var grade = form.querySelector("[data-kj-grade]");
    gradeOptions(grade, "全部年级");
    grade.value = state.grade;
    grade.addEventListener("change", function () { state.grade = grade.value; render(); });
    var picker = divisionPicker(Array.prototype.slice.call(form.querySelectorAll("[data-kj-division]")), divisions,
      function (code) { state.region = code; state.here = null; render(); }, state.region);
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
      if (state.region && divisions[state.region] && divisions[state.region].length > 3) {
        var d = divisions[state.region];
        return { point: [d[2], d[3]], label: picker.chain(state.region).map(function (c) { return divisions[c][0]; }).join(" ") };
      }
      return null;
    }

    function render() {
      setParams({ region: state.region, grade: state.grade, service: state.svc });
      output.textContent = "";
      var from = origin();
      var now = today();
      var bases = data.records.filter(function (r) {
        if (data.kinds[r.k][0] !== "bases") return false;
        if (state.grade && !overlaps(r.g, +state.grade, +state.grade)) return false;
        return state.svc.every(function (s) { return (r.sv || []).indexOf(s) >= 0; });
      });
      if (!from) {
        status.textContent = "请选择学校所在地区，或点“使用我的位置”。";
        return;
      }
      bases.forEach(function (r) { r._d = r.ll ? distanceKm(from.point, r.ll) : Infinity; });
      bases.sort(function (a, b) { return a._d - b._d || (a.t < b.t ? -1 : 1); });
      status.textContent = "从" + from.label + "出发，共 " + bases.length + " 个基地，按直线距离由近到远排列";
      var list = el("ol", { class: "kj-cards-list", "data-kj-results": "" });
      bases.forEach(function (r) {
        var next = (r.od || []).filter(function (d) { return d[1] >= now; })[0];
        var facts = el("dl", { class: "kj-facts" }, [
          fact("距离", distanceText(r)),
          fact("地址", r.ad),
          fact("服务", (r.sv || []).join("、") || "未注明"),
          fact("下次开放日", next ? zh(next[0]) + " " + next[2] : "暂无"),
          r.cs && r.cs.length ? factNode("开设课程", r.cs.map(function (c) {
            return el("a", { href: new URL("courses/" + c[0] + "/", root).href, text: c[1] });
          })) : null,
          r.bk ? factNode("预约", [/^https?:/.test(r.bk) ? el("a", { href: r.bk, rel: "noopener noreferrer", text: "预约页面" }) : document.createTextNode(r.bk)]) : null,
        ]);
        list.appendChild(el("li", { class: "kj-result", "data-id": r.id }, [
          el("h2", {}, [link(data, r)]), facts, shortlistButton(data.kinds[r.k][0], r.id),
        ]));
      });
      output.appendChild(list);
    }
    render();
  }

  function distanceText(r) {
    if (!isFinite(r._d)) return "未知（没有坐标）";
    if (r.ap && r._d < 1) return "在同一区县（按区县中心估算）";
    var km = r._d < 10 ? r._d.toFixed(1) : String(Math.round(r._d));
    return r.ap ? "约 " + km + " 公里（按所在区县中心估算）" : km + " 公里";
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
  var FIELDS = ["数学与人工智能", "物理与化学", "天文与航天", "能源与材料", "机械与电子", "生物与医药",
    "地球与环境", "农业与食品", "信息科技", "工程与技术", "安全与健康", "科学史与科学家精神", "人文与社会", "艺术与体育"];

  function stagesOf(from, to) {
    var out = [];
    if (from <= 6) out.push("小学");
    if (from <= 9 && to >= 7) out.push("初中");
    if (to >= 10) out.push("高中");
    return out;
  }

  function competitionStatus(r, now) {
    var status = "unknown";
    (r.ed || []).forEach(function (e) {
      if (!e[1]) return;
      if (e[1] <= now && now <= e[2]) status = "open";
      else if (e[1] > now && status !== "open") status = "upcoming";
      else if (status === "unknown") status = "closed";
    });
    return status;
  }

  function recommend(app, data, divisions) {
    var form = app.querySelector("[data-kj-form]");
    var output = app.querySelector("[data-kj-output]");
    var status = app.querySelector("[data-kj-status]");
    var q = params();
    var state = { from: +(q.get("from") || 0), to: +(q.get("to") || 0), fields: q.getAll("field"), region: q.get("region") || "" };
    var gFrom = form.querySelector("[data-kj-grade-from]"), gTo = form.querySelector("[data-kj-grade-to]");
    gradeOptions(gFrom, "选择");
    gradeOptions(gTo, "选择");
    gFrom.value = state.from || "";
    gTo.value = state.to || "";
    [gFrom, gTo].forEach(function (s) {
      s.addEventListener("change", function () {
        state.from = +gFrom.value || 0;
        state.to = +gTo.value || state.from;
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

    function regionWhy(code) {
      if (!state.region || !code) return null;
      var mine = picker.chain(state.region), theirs = picker.chain(code);
      for (var i = Math.min(mine.length, theirs.length) - 1; i >= 0; i--) {
        if (mine[i] === theirs[i]) return { level: i, text: "同在" + divisions[mine[i]][0] };
      }
      return null;
    }

    function render() {
      setParams({ from: state.from || "", to: state.to || "", field: state.fields, region: state.region });
      output.textContent = "";
      if (!state.from) { status.textContent = "请先选择年级范围。"; return; }
      var from = state.from, to = Math.max(state.to || from, from), now = today();
      var stages = stagesOf(from, to);
      var wantFields = state.fields;
      function fieldWhy(fields) {
        var hit = (fields || []).filter(function (f) { return wantFields.indexOf(f) >= 0; });
        return hit.length ? "领域：" + hit.join("、") : null;
      }
      var gradeText = "适合 " + from + (to > from ? "–" + to : "") + " 年级";
      function section(title, items, explain) {
        var list = el("ol", { class: "kj-cards-list" });
        items.slice(0, 8).forEach(function (r) {
          list.appendChild(el("li", { class: "kj-result", "data-id": r.id }, [
            el("h3", {}, [link(data, r)]),
            el("p", { class: "kj-why" }, ["推荐理由：" + explain(r).filter(Boolean).join("；")]),
            shortlistButton(data.kinds[r.k][0], r.id),
          ]));
        });
        output.appendChild(el("section", { class: "kj-recommend", "data-section": title }, [
          el("h2", { text: title + "（" + items.length + "）" }),
          items.length ? list : el("p", { class: "kj-empty", text: "暂无符合条件的" + title + "。" }),
        ]));
      }
      function byFit(a, b) { return b._score - a._score || (a.t < b.t ? -1 : 1); }
      var courses = data.records.filter(function (r) {
        if (data.kinds[r.k][0] !== "courses" || !overlaps(r.g, from, to)) return false;
        if (wantFields.length && !fieldWhy(r.f)) return false;
        var near = regionWhy(r.r);
        r._score = (near ? 2 + near.level : 0) + (r.mo === "线上" || r.mo === "双师课堂" ? 1 : 0);
        return !state.region || near || !r.r;
      }).sort(byFit);
      section("课程", courses, function (r) {
        var near = regionWhy(r.r);
        return [gradeText, fieldWhy(r.f), near ? near.text : (r.r ? null : r.mo + "，不限地区")];
      });
      var origin = state.region && divisions[state.region] && divisions[state.region].length > 3
        ? [divisions[state.region][2], divisions[state.region][3]] : null;
      var bases = data.records.filter(function (r) {
        if (data.kinds[r.k][0] !== "bases" || !overlaps(r.g, from, to)) return false;
        r._km = origin && r.ll ? distanceKm(origin, r.ll) : Infinity;
        r._score = -r._km;
        return !origin || r._km < 300;
      }).sort(byFit);
      section("附近基地", bases, function (r) {
        return [isFinite(r._km) ? "距离约 " + Math.round(r._km) + " 公里" : null, r.g ? gradeText : "未限定年级",
          (r.sv || []).length ? "提供" + r.sv.join("、") : null];
      });
      var experts = data.records.filter(function (r) {
        if (data.kinds[r.k][0] !== "experts" || !overlaps(r.g, from, to)) return false;
        if (wantFields.length && !fieldWhy(r.f)) return false;
        var near = (r.rs || []).map(regionWhy).filter(Boolean)[0];
        r._score = near ? near.level + 1 : 0;
        return !state.region || !(r.rs || []).length || near;
      }).sort(byFit);
      section("专家", experts, function (r) {
        var near = (r.rs || []).map(regionWhy).filter(Boolean)[0];
        return [fieldWhy(r.f), gradeText, near ? "服务" + near.text.replace("同在", "") : "不限地区"];
      });
      var topics = [];
      data.records.forEach(function (r) {
        if (data.kinds[r.k][0] !== "topic-lists" || (r.v && r.v[1] < now)) return;
        (r.it || []).forEach(function (item, i) {
          if (!overlaps(item[3], from, to) || (wantFields.length && wantFields.indexOf(item[2]) < 0)) return;
          topics.push({ k: r.k, id: r.id, t: item[0] + "（" + r.t + "）", ex: r.ex, f: [item[2]], _score: 0, _i: i });
        });
      });
      section("报告主题", topics, function (r) { return [fieldWhy(r.f), gradeText, "清单在有效期内"]; });
      var competitions = data.records.filter(function (r) {
        if (data.kinds[r.k][0] !== "competitions") return false;
        if (!(r.st || []).some(function (s) { return stages.indexOf(s) >= 0; })) return false;
        if (wantFields.length && !fieldWhy(r.f)) return false;
        r._status = competitionStatus(r, now);
        r._score = { open: 3, upcoming: 2, unknown: 1, closed: 0 }[r._status] + (r.wl ? 0.5 : 0);
        return r._status !== "closed";
      }).sort(byFit);
      section("可报名的竞赛", competitions, function (r) {
        return ["面向" + stages.filter(function (s) { return r.st.indexOf(s) >= 0; }).join("、"), fieldWhy(r.f),
          { open: "正在报名", upcoming: "即将报名", unknown: "报名时间待公布" }[r._status],
          r.wl ? "列入教育部 " + r.wl + " 名单" : null];
      });
      status.textContent = "为 " + from + (to > from ? "–" + to : "") + " 年级推荐" + (wantFields.length ? "（" + wantFields.join("、") + "）" : "");
    }
    render();
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
    function render() {
      setParams({ days: days === 30 ? "" : days });
      var now = today(), until = addDays(now, days);
      var items = [];
      data.records.forEach(function (r) {
        var kind = data.kinds[r.k][0];
        if (kind === "competitions") {
          (r.ed || []).forEach(function (e) {
            if (e[2] && e[2] >= now && e[2] <= until) items.push({ date: e[2], what: "报名截止", r: r, note: e[0], ics: true });
          });
        } else if (kind === "bases") {
          (r.od || []).forEach(function (d) {
            if (d[1] >= now && d[0] <= until) items.push({ date: d[0] < now ? now : d[0], what: "开放日", r: r, note: d[2] });
          });
        }
      });
      items.sort(function (a, b) { return a.date < b.date ? -1 : a.date > b.date ? 1 : (a.r.t < b.r.t ? -1 : 1); });
      output.textContent = "";
      status.textContent = "未来 " + days + " 天（" + zh(now) + " 至 " + zh(until) + "）共 " + items.length + " 项";
      var list = el("ol", { class: "kj-cards-list", "data-kj-results": "" });
      items.forEach(function (item) {
        var extra = item.ics ? el("a", { href: new URL("competitions/" + item.r.id + "/calendar.ics", root).href, download: "", text: "加入日历" }) : null;
        list.appendChild(el("li", { class: "kj-result", "data-id": item.r.id }, [
          el("p", { class: "kj-result__date" }, [el("time", { datetime: item.date, text: zh(item.date) }), " " + item.what]),
          el("h2", {}, [link(data, item.r)]),
          el("p", {}, [item.note, extra ? " · " : null, extra]),
        ]));
      });
      output.appendChild(items.length ? list : el("p", { class: "kj-empty", text: "这段时间没有报名截止或开放日。" }));
    }
    render();
  }

  /* --- 我的清单 ------------------------------------------------------------------------ */
  function readList() {
    try { return JSON.parse(localStorage.getItem(KEY) || "[]"); } catch (e) { return []; }
  }
  function writeList(items) { localStorage.setItem(KEY, JSON.stringify(items)); }
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

  function csvCell(value) {
    var text = String(value == null ? "" : value);
    return /[",\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  function shortlist(app, data) {
    var output = app.querySelector("[data-kj-output]");
    var status = app.querySelector("[data-kj-status]");
    var actions = app.querySelector("[data-kj-actions]");
    var sharedBox = app.querySelector("[data-kj-shared]");
    var shared = params().get("items");
    var byRef = {};
    data.records.forEach(function (r) { byRef[data.kinds[r.k][0] + "/" + r.id] = r; });

    function current() { return shared ? shared.split(",").filter(Boolean) : readList(); }

    function render() {
      var refs = current().filter(function (ref) { return byRef[ref]; });
      output.textContent = "";
      actions.hidden = false;
      sharedBox.hidden = !shared;
      status.textContent = refs.length ? "共 " + refs.length + " 项" : "清单是空的：在任何记录页面点“加入清单”即可添加。";
      var list = el("ol", { class: "kj-shortlist", "data-kj-results": "" });
      refs.forEach(function (ref) {
        var r = byRef[ref], kind = data.kinds[r.k];
        var url = recordUrl(data, r);
        var facts = [];
        if (r.g) facts.push(r.g[0] === r.g[1] ? r.g[0] + "年级" : r.g[0] + "–" + r.g[1] + "年级");
        if (r.f && r.f.length) facts.push(r.f.join("、"));
        if (r.ad) facts.push(r.ad);
        if (r.af) facts.push(r.af);
        var remove = el("button", { type: "button", class: "md-button kj-noprint", text: "移除" });
        remove.addEventListener("click", function () {
          writeList(readList().filter(function (x) { return x !== ref; }));
          render();
          updateCounter();
        });
        list.appendChild(el("li", { class: "kj-shortlist__item", "data-id": r.id }, [
          el("p", { class: "kj-shortlist__kind", text: kind[1] }),
          el("h2", {}, [link(data, r)]),
          facts.length ? el("p", { text: facts.join(" · ") }) : null,
          el("p", { class: "kj-shortlist__url", text: url }),
          shared ? null : remove,
        ]));
      });
      output.appendChild(list);
    }
    app.querySelector("[data-kj-print]").addEventListener("click", function () { window.print(); });
    app.querySelector("[data-kj-clear]").addEventListener("click", function () {
      if (window.confirm("确定清空清单吗？")) { writeList([]); render(); updateCounter(); }
    });
    app.querySelector("[data-kj-csv]").addEventListener("click", function () {
      if (/MicroMessenger/i.test(navigator.userAgent)) { // WeChat's browser cannot save files
        status.textContent = "微信内不能下载文件：请点右上角“…”，选择“在浏览器打开”后再导出。";
        return;
      }
      var rows = [["类型", "名称", "年级", "领域", "网址"]];
      current().forEach(function (ref) {
        var r = byRef[ref];
        if (r) rows.push([data.kinds[r.k][1], r.t, r.g ? r.g.join("–") : "", (r.f || []).join("、"), recordUrl(data, r)]);
      });
      var text = "\ufeff" + rows.map(function (row) { return row.map(csvCell).join(","); }).join("\r\n") + "\r\n";
      var a = el("a", { href: URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" })), download: "我的清单.csv" });
      document.body.appendChild(a);
      a.click();
      a.remove();
    });
    app.querySelector("[data-kj-share]").addEventListener("click", function () {
      var url = new URL("shortlist/", root);
      url.searchParams.set("items", current().join(","));
      var done = function () { status.textContent = "分享链接已复制：" + url.href; };
      if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(url.href).then(done, function () { status.textContent = url.href; });
      else status.textContent = "请复制这个链接发给同事：" + url.href;
      app.setAttribute("data-kj-share-url", url.href);
    });
    app.querySelector("[data-kj-adopt]").addEventListener("click", function () {
      var merged = readList();
      shared.split(",").forEach(function (ref) { if (byRef[ref] && !has(merged, ref)) merged.push(ref); });
      writeList(merged);
      shared = null;
      history.replaceState(null, "", location.pathname);
      render();
      updateCounter();
    });
    render();
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
    var needs = [load("app/records.json")];
    if (tool === "finder" || tool === "recommend") needs.push(load("app/divisions.json"));
    Promise.all(needs).then(function (loaded) {
      ({ finder: finder, recommend: recommend, upcoming: upcoming, shortlist: shortlist })[tool](app, loaded[0], loaded[1]);
      app.setAttribute("data-kj-ready", "");
    }, function () { status.textContent = "数据加载失败，请刷新页面重试。"; });
  }

  window.addEventListener("storage", function (event) { if (event.key === KEY) updateCounter(); });
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
