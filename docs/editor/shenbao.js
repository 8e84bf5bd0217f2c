// The 申报 page: a form drawn from a kind's JSON Schema, checked in the browser with ajv against that
// schema plus the few rules a schema cannot say (with the CLI's wording), ending in a .yml record, a
// 申报表 row (CSV) and, where configured, a link to the forge's "new file" page. Nothing is sent.
(function () {
  "use strict";
  var settings = JSON.parse(document.getElementById("kj-apply-settings").textContent);
  var RY = window.RecordYaml;
  var form = document.getElementById("kj-apply");
  var holder = document.getElementById("kj-fields");
  var errorsBox = document.getElementById("kj-errors");
  var result = document.getElementById("kj-result");
  var schemas = {};
  var validators = {};
  var divisions = null;
  var current = null; // {kind, doc, spec}
  var counter = 0;
  var ID_PATTERN = "^[a-z0-9]+(?:-[a-z0-9]+)*$";
  var URL_LIMIT = 8000; // characters a forge reliably accepts in a link

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (attrs[k] === null || attrs[k] === undefined || attrs[k] === false) return;
      if (k === "text") node.textContent = attrs[k];
      else node.setAttribute(k, attrs[k] === true ? "" : attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(c); });
    return node;
  }

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (m, k) { return k in values ? values[k] : m; });
  }

  function labelOf(path) {
    var generic = path.replace(/\.\d+(?=\.|$)/g, "");
    return current.spec.labels[generic] || generic.split(".").pop();
  }

  // ---- drawing ----

  function regionControl(id, value) {
    var box = el("span", { class: "kj-region", "data-shape": "region" });
    var names = ["省份", "城市或区县", "区县"];
    function draw(code) {
      box.textContent = "";
      var chain = [];
      for (var c = code; c && divisions.table[c]; c = divisions.table[c][1]) chain.unshift(c);
      var parent = "";
      for (var level = 0; level < 3; level++) {
        var options = divisions.children[parent] || [];
        if (!options.length) break;
        var select = el("select", { id: level === 0 ? id : id + "-" + level, "aria-label": names[level], "data-level": level });
        select.appendChild(el("option", { value: "", text: level === 0 ? "请选择" : "（不细分）" }));
        options.forEach(function (o) { select.appendChild(el("option", { value: o, text: divisions.table[o][0] })); });
        select.value = chain[level] || "";
        select.addEventListener("change", (function (lv) {
          return function (event) { draw(event.target.value || (lv > 0 ? chain[lv - 1] : "")); };
        })(level));
        box.appendChild(select);
        if (!chain[level]) break;
        parent = chain[level];
      }
      box.setAttribute("data-value", code || "");
    }
    draw(value || "");
    return box;
  }

  // The schemas list every division code: a province → city → district choice, not a select.
  function isRegion(node) {
    return node.pattern === "^\\d{6}$" ||
      (Array.isArray(node.enum) && node.enum.length > 100 && /^\d{6}$/.test(node.enum[0]));
  }

  function inputFor(node, id, path) {
    var doc = current.doc;
    if (isRegion(node)) return regionControl(id, "");
    if (node.enum) {
      var select = el("select", { id: id, "data-shape": "scalar" });
      select.appendChild(el("option", { value: "", text: "请选择" }));
      node.enum.forEach(function (v) { select.appendChild(el("option", { value: v, text: v })); });
      return select;
    }
    if (node.type === "array") {
      var item = RY.resolve(doc, node.items);
      if (item.enum) {
        var group = el("span", { class: "kj-choices", "data-shape": "choices", id: id, role: "group" });
        item.enum.forEach(function (v) {
          group.appendChild(el("label", {}, [el("input", { type: "checkbox", value: v }), document.createTextNode(" " + v)]));
        });
        return group;
      }
      if (item.type === "object") return listControl(item, id, path);
      return el("textarea", { id: id, rows: 2, "data-shape": "lines", placeholder: "每行一项" });
    }
    if (node.type === "object") return objectControl(node, path);
    if (node.type === "boolean") return el("input", { type: "checkbox", id: id, "data-shape": "bool" });
    if (node.type === "integer" || node.type === "number") {
      return el("input", {
        type: "number", id: id, "data-shape": node.type, inputmode: node.type === "integer" ? "numeric" : "decimal",
        step: node.type === "integer" ? "1" : "any", min: node.minimum, max: node.maximum,
      });
    }
    if (node.format === "date") return el("input", { type: "date", id: id, "data-shape": "scalar" });
    if (node.pattern === "^\\d{6}$") return regionControl(id, "");
    if ((node.maxLength || 0) >= 1000) return el("textarea", { id: id, rows: 4, "data-shape": "scalar", maxlength: node.maxLength });
    return el("input", { type: "text", id: id, "data-shape": "scalar", maxlength: node.maxLength, autocomplete: "off" });
  }

  function fieldRow(name, node, required, path) {
    var id = "kj-f" + (++counter);
    var control = inputFor(node, id, path);
    var composite = node.type === "object" || (node.type === "array" && RY.resolve(current.doc, node.items).type === "object");
    var hintText = current.spec.hints[path.replace(/\.\d+(?=\.|$)/g, "")];
    var hintId = hintText ? id + "-hint" : null;
    var errorId = id + "-error";
    var title = labelOf(path) + (required ? "" : "（可选）");
    var row;
    if (composite) {
      row = el("fieldset", { class: "kj-field kj-group", "data-key": name, "data-path": path }, [
        el("legend", { text: title }),
        hintText ? el("p", { class: "kj-hint", id: hintId, text: hintText }) : null,
        el("p", { class: "kj-error", id: errorId, hidden: true }),
        control,
      ]);
    } else {
      var isGroup = control.getAttribute("role") === "group";
      row = el("div", { class: "kj-field", "data-key": name, "data-path": path }, [
        isGroup ? el("span", { class: "kj-label", id: id + "-label", text: title })
          : el("label", { for: id, text: title }),
        control,
        hintText ? el("p", { class: "kj-hint", id: hintId, text: hintText }) : null,
        el("p", { class: "kj-error", id: errorId, hidden: true }),
      ]);
      if (isGroup) control.setAttribute("aria-labelledby", id + "-label");
      var described = [hintId, errorId].filter(Boolean).join(" ");
      var focusable = control.matches("input, select, textarea") ? control : control.querySelector("select, input");
      if (focusable) {
        focusable.setAttribute("aria-describedby", described);
        if (required) focusable.setAttribute("aria-required", "true");
      }
    }
    row.control = control;
    return row;
  }

  function objectControl(node, path) {
    var box = el("div", { class: "kj-object", "data-shape": "object" });
    var required = node.required || [];
    Object.keys(node.properties || {}).forEach(function (name) {
      if (name === "example") return; // 申报 is never a demo record
      var raw = node.properties[name];
      var child = RY.resolve(current.doc, raw);
      var nullable = (raw.anyOf || []).some(function (o) { return o.type === "null"; });
      var needed = required.indexOf(name) >= 0 && !nullable;
      box.appendChild(fieldRow(name, child, needed, path ? path + "." + name : name));
    });
    return box;
  }

  function listControl(item, id, path) {
    var box = el("div", { class: "kj-list", "data-shape": "list", id: id });
    var items = el("ol", { class: "kj-items" });
    var add = el("button", { type: "button", class: "kj-add", text: "添加一项：" + labelOf(path) });
    // The list's own path now (it moves when an item of an outer list is deleted).
    function here() {
      var row = box.closest(".kj-field");
      return row ? row.getAttribute("data-path") : path;
    }
    // Items are numbered by position: after a deletion every path inside a later item moves down
    // one, so messages (found by path) land on the item they are about.
    function renumber() {
      var at = here();
      Array.prototype.forEach.call(items.children, function (li, i) {
        li.querySelector(".kj-item-title").textContent = labelOf(at) + " 第 " + (i + 1) + " 项";
        var was = at + "." + li.getAttribute("data-index");
        var now = at + "." + i;
        li.setAttribute("data-index", i);
        if (was === now) return;
        li.querySelectorAll("[data-path]").forEach(function (node) {
          var p = node.getAttribute("data-path");
          if (p === was || p.indexOf(was + ".") === 0) node.setAttribute("data-path", now + p.slice(was.length));
        });
      });
    }
    add.addEventListener("click", function () {
      var index = items.children.length;
      var remove = el("button", { type: "button", class: "kj-remove", text: "删除此项" });
      var li = el("li", { class: "kj-item", "data-index": index }, [
        el("p", { class: "kj-item-title" }), objectControl(item, here() + "." + index), remove,
      ]);
      remove.addEventListener("click", function () {
        li.remove();
        renumber();
        add.focus();
        formChanged(); // the offered files are out of date, shown messages are re-checked
      });
      items.appendChild(li);
      renumber();
      var first = li.querySelector("input, select, textarea");
      if (first) first.focus();
    });
    box.appendChild(items);
    box.appendChild(add);
    return box;
  }

  function drawForm(kind) {
    current = { kind: kind, doc: schemas[kind], spec: settings.kinds[kind] };
    holder.textContent = "";
    errorsBox.hidden = true;
    result.hidden = true;
    var id = "kj-f" + (++counter);
    holder.appendChild(el("div", { class: "kj-field", "data-path": "id" }, [
      el("label", { for: id, text: "编号（文件名）" }),
      el("input", { type: "text", id: id, name: "kj-id", autocomplete: "off", spellcheck: "false", "aria-describedby": id + "-hint " + id + "-error", "aria-required": "true" }),
      el("p", { class: "kj-hint", id: id + "-hint", text: "小写拼音加连字符，例如 zhong-guo-ke-ji-guan；会成为文件名和网址的一部分" }),
      el("p", { class: "kj-error", id: id + "-error", hidden: true }),
    ]));
    holder.appendChild(objectControl(current.doc, ""));
  }

  // ---- reading ----

  function collect(control) {
    var shape = control.getAttribute("data-shape");
    if (shape === "object") {
      var out = {};
      Array.prototype.forEach.call(control.children, function (row) {
        if (!row.classList.contains("kj-field")) return;
        var value = collect(row.control);
        if (value !== undefined) out[row.getAttribute("data-key")] = value;
      });
      return out;
    }
    if (shape === "list") {
      return Array.prototype.map.call(control.querySelector(".kj-items").children, function (li) {
        return collect(li.querySelector(".kj-object"));
      });
    }
    if (shape === "choices") {
      return Array.prototype.filter.call(control.querySelectorAll("input"), function (i) { return i.checked; })
        .map(function (i) { return i.value; });
    }
    if (shape === "lines") {
      return control.value.split(/[\n；;]/).map(function (s) { return s.trim(); }).filter(Boolean);
    }
    if (shape === "bool") return control.checked;
    if (shape === "region") return control.getAttribute("data-value") || undefined;
    if (shape === "integer" || shape === "number") {
      var text = control.value.trim();
      if (!text) return control.validity && control.validity.badInput ? "不是数字" : undefined;
      return Number(text);
    }
    var value = control.value;
    return value.trim() === "" ? undefined : value.trim();
  }

  // ---- checking ----

  function message(error) {
    var m = settings.messages;
    var p = error.params || {};
    switch (error.keyword) {
      case "required": return { path: join(error.instancePath, p.missingProperty), text: m.required };
      case "pattern": return { path: error.instancePath, text: settings.patterns[p.pattern] || m.pattern };
      case "format": return { path: error.instancePath, text: m.format };
      case "enum": return { path: error.instancePath, text: format(m.enum, { allowed: (p.allowedValues || []).join("、") }) };
      case "additionalProperties": return { path: join(error.instancePath, p.additionalProperty), text: m.additionalProperties };
      case "minLength": case "maxLength": case "minimum": case "maximum": case "minItems": case "maxItems":
        return { path: error.instancePath, text: format(m[error.keyword], { limit: p.limit }) };
      default: return { path: error.instancePath, text: m[error.keyword] || m.type };
    }
  }

  function join(base, key) { return (base ? base + "/" : "/") + key; }
  function dotted(pointer) { return pointer.replace(/^\//, "").split("/").filter(Boolean).join("."); }

  function get(data, path) {
    return path.split(".").reduce(function (o, k) { return o == null ? undefined : o[k]; }, data);
  }

  // Rules that compare one field with another: the models' validators, with their wording.
  function rules(data) {
    var r = settings.rules;
    var out = [];
    function walk(value, path) {
      if (Array.isArray(value)) { value.forEach(function (v, i) { walk(v, path ? path + "." + i : String(i)); }); return; }
      if (!value || typeof value !== "object") return;
      Object.keys(value).forEach(function (k) { walk(value[k], path ? path + "." + k : k); });
      var at = function (key) { return path ? path + "." + key : key; };
      if (typeof value.from === "number" && typeof value.to === "number" && value.from > value.to) {
        out.push({ path: at("from"), text: r.grade_order });
      }
      if (typeof value.from === "string" && typeof value.to === "string" && value.from > value.to) {
        out.push({ path: at("from"), text: r.date_order });
      }
      if (typeof value.opens === "string" && typeof value.closes === "string" && value.opens >= value.closes) {
        out.push({ path: at("opens"), text: r.hours_order });
      }
    }
    walk(data, "");
    ["region"].forEach(function (key) {
      var code = data[key];
      if (code && /^\d{6}$/.test(code) && !divisions.table[code]) out.push({ path: key, text: format(r.region_unknown, { code: code }) });
    });
    var cost = data.cost;
    if (cost && cost.type === "收费" && cost.amount === undefined) out.push({ path: "cost.amount", text: r.cost_amount });
    var booking = data.booking;
    if (booking && !(booking.url || booking.phone || booking.email || booking.note)) out.push({ path: "booking", text: r.booking_empty });
    if (current.kind === "course" && !data.base && !data.provider) out.push({ path: "provider", text: r.course_provider });
    if (Array.isArray(data.items)) {
      var seen = {};
      data.items.forEach(function (it, i) {
        if (it && it.title) {
          if (seen[it.title]) out.push({ path: "items." + i + ".title", text: format(r.topic_dup, { title: it.title }) });
          seen[it.title] = true;
        }
      });
    }
    return out;
  }

  function rowFor(path) {
    var rows = holder.querySelectorAll(".kj-field");
    for (var i = 0; i < rows.length; i++) if (rows[i].getAttribute("data-path") === path) return rows[i];
    var parent = path.replace(/\.[^.]+$/, "");
    return parent !== path ? rowFor(parent) : null;
  }

  function showErrors(problems, quiet) {
    holder.querySelectorAll(".kj-error").forEach(function (p) { p.hidden = true; p.textContent = ""; });
    holder.querySelectorAll("[aria-invalid]").forEach(function (n) { n.removeAttribute("aria-invalid"); });
    errorsBox.textContent = "";
    if (!problems.length) { errorsBox.hidden = true; return; }
    // In the order of the form, not of the checks.
    var rows = Array.prototype.slice.call(holder.querySelectorAll(".kj-field"));
    problems = problems.map(function (p, i) {
      var at = rows.indexOf(rowFor(p.path));
      return { p: p, key: (at < 0 ? rows.length : at) * 1000 + i };
    }).sort(function (a, b) { return a.key - b.key; }).map(function (x) { return x.p; });
    errorsBox.appendChild(el("p", { text: "有 " + problems.length + " 处需要修改：" }));
    var list = el("ul");
    problems.forEach(function (problem) {
      var row = rowFor(problem.path);
      var text = labelOf(problem.path || "id") + "：" + problem.text;
      list.appendChild(el("li", { text: text }));
      if (!row) return;
      var box = row.querySelector(":scope > .kj-error");
      if (box) {
        box.textContent = box.textContent ? box.textContent + "；" + problem.text : problem.text;
        box.hidden = false;
      }
      var target = row.querySelector("input, select, textarea");
      if (target) target.setAttribute("aria-invalid", "true");
    });
    errorsBox.appendChild(list);
    errorsBox.hidden = false;
    if (!quiet) errorsBox.focus();
  }

  // ---- results ----

  function csvCell(value) {
    var text = value === undefined || value === null ? "" : String(value);
    if (/^[=+\-@\t\r]/.test(text)) text = "'" + text; // never a formula in Excel or WPS
    return /[",\n\r]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  function sheetRow(id, data) {
    var spec = current.spec;
    var headers = [];
    var cells = [];
    spec.columns.forEach(function (column) {
      headers.push(column.header);
      var value = column.path === "id" ? id : get(data, column.path);
      if (value === undefined) { cells.push(""); return; }
      if (column.shape === "records") {
        var node = RY.resolve(current.doc, current.doc.properties[column.path]);
        // A YAML list starts with "-", which a spreadsheet would take for a formula: a comment
        // line first keeps the cell text and the YAML unchanged.
        cells.push("# " + column.header + "\n" + RY.dumpList(value, node, current.doc));
      } else if (column.shape === "list") cells.push(value.join("；"));
      else if (typeof value === "boolean") cells.push(value ? "是" : "否");
      else cells.push(value);
    });
    return "\ufeff" + headers.map(csvCell).join(",") + "\r\n" + cells.map(csvCell).join(",") + "\r\n";
  }

  function link(anchor, text, type, name) {
    if (anchor.href && anchor.href.indexOf("blob:") === 0) URL.revokeObjectURL(anchor.href);
    anchor.href = URL.createObjectURL(new Blob([text], { type: type }));
    anchor.download = name;
  }

  function finish(id, data) {
    var kind = current.kind;
    var text = RY.dump(kind, data, current.doc);
    var dir = "content/" + current.spec.folder + "/";
    link(document.getElementById("kj-download-yml"), text, "text/yaml;charset=utf-8", id + ".yml");
    document.getElementById("kj-download-yml").textContent = "下载记录文件 " + id + ".yml";
    link(document.getElementById("kj-download-csv"), sheetRow(id, data), "text/csv;charset=utf-8", current.spec.label + "申报表-" + id + ".csv");
    document.getElementById("kj-yaml").textContent = text;
    var forge = settings.new_file;
    var item = document.getElementById("kj-forge-item");
    var tooLong = document.getElementById("kj-forge-too-long");
    item.hidden = true;
    tooLong.hidden = true;
    if (forge) {
      var url = format(forge.url, {
        dir: encodeURI(dir), name: encodeURIComponent(id + ".yml"), value: encodeURIComponent(text),
      });
      if (url.length <= URL_LIMIT) {
        var anchor = document.getElementById("kj-forge");
        anchor.href = url;
        anchor.target = "_blank";
        anchor.rel = "noopener noreferrer";
        anchor.textContent = "在 " + forge.forge + " 上提交（打开新文件页面）";
        item.hidden = false;
      } else {
        tooLong.hidden = false;
      }
    }
    result.hidden = false;
    document.getElementById("kj-result-title").focus();
  }

  function check(event) {
    event.preventDefault();
    result.hidden = true;
    var found = problemsNow();
    showErrors(found.problems);
    if (!found.problems.length) finish(found.id, found.data);
  }

  // After a change that no input event reports (a deleted list item): hide the files, and bring the
  // messages on show up to date so none stays on a field it is no longer about.
  function formChanged() {
    result.hidden = true;
    if (!errorsBox.hidden) showErrors(problemsNow().problems, true);
  }

  function problemsNow() {
    var id = holder.querySelector("input[name=kj-id]").value.trim();
    var raw = collect(holder.querySelector(".kj-object"));
    var data = RY.clean(raw, current.doc, current.doc);
    var problems = [];
    if (!id) problems.push({ path: "id", text: settings.messages.required });
    else if (!new RegExp(ID_PATTERN).test(id)) problems.push({ path: "id", text: settings.patterns[ID_PATTERN] });
    var validate = validators[current.kind];
    if (!validate(data)) {
      validate.errors.forEach(function (e) {
        if (e.keyword === "anyOf" || e.keyword === "if") return; // the branch errors say it better
        var m = message(e);
        problems.push({ path: dotted(m.path), text: m.text });
      });
    }
    problems = problems.concat(rules(data));
    var unique = {};
    problems = problems.filter(function (p) {
      var key = p.path + "|" + p.text;
      if (unique[key]) return false;
      return (unique[key] = true);
    });
    return { id: id, data: data, problems: problems };
  }

  function isDate(text) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
    var d = new Date(text + "T00:00:00Z");
    return !isNaN(d) && d.toISOString().slice(0, 10) === text;
  }

  function start() {
    var Ajv = window.ajv2020 && (window.ajv2020.default || window.ajv2020);
    var ajv = new Ajv({ allErrors: true, strict: false, formats: { date: isDate } });
    var kinds = Object.keys(settings.kinds);
    Promise.all([
      fetch(settings.divisions).then(function (r) { return r.json(); }),
    ].concat(kinds.map(function (k) {
      return fetch(settings.schemas + k + ".schema.json").then(function (r) { return r.json(); });
    }))).then(function (loaded) {
      var table = loaded[0];
      var children = {};
      Object.keys(table).forEach(function (code) {
        var parent = table[code][1] || "";
        (children[parent] = children[parent] || []).push(code);
      });
      divisions = { table: table, children: children };
      kinds.forEach(function (k, i) {
        schemas[k] = loaded[i + 1];
        // The schemas are draft-07 (what editors read); ajv's 2020 build checks the same keywords.
        var compiled = Object.assign({}, loaded[i + 1]);
        delete compiled.$schema;
        validators[k] = ajv.compile(compiled);
      });
      var chosen = form.querySelector("input[name=kj-kind]:checked");
      drawForm(chosen ? chosen.value : kinds[0]);
      form.querySelectorAll("input[name=kj-kind]").forEach(function (radio) {
        radio.addEventListener("change", function () { drawForm(radio.value); });
      });
      form.addEventListener("submit", check);
      // A changed form must be checked again before its files are offered.
      holder.addEventListener("input", function () { result.hidden = true; });
      holder.addEventListener("change", function () { result.hidden = true; });
    }).catch(function (error) {
      holder.textContent = "表单无法载入：" + error;
    });
  }

  start();
})();
