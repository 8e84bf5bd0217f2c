// Saving an existing record in /admin/ without losing what a person wrote by hand. The form only
// knows values; the file also holds comments and the writer's own spelling of each value. merge()
// starts from the original text: a field the form did not change keeps its lines exactly (comments
// inside included), a changed field is rewritten the way record-yaml.js writes it, with the comments
// that stood before it, after its value and inside it kept beside it, and a deleted field leaves its
// comments where it was. Nothing changed: the original text comes back byte for byte.
//
// The original is read line by line (block mappings and lists, flow lists, quoted, plain and block
// scalars: what the catalogue's files use). Anything else (anchors, tags, explicit indentation
// indicators…) stops the save with a message when the file has comments, rather than dropping them.
// Every result is checked before it is returned: it must read back as the form's data and hold every
// comment of the original; otherwise the save stops with a message.
(function (root) {
  "use strict";

  var MODELINE = /^# yaml-language-server: \$schema=/;
  var KEY = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"\[\]{},&*!|>%@`?:\-][^#]*?|[?:\-][^\s#][^#]*?)[ \t]*:(?=[ \t]|$)/;

  function Unsupported(line, what) {
    this.line = line;
    this.what = what;
  }

  // --- reading the original's layout ---------------------------------------------------------

  function trivial(s) { return /^[ \t]*(#|$)/.test(s); }
  function spaces(s) { return /^ */.exec(s)[0].length; }

  // The comment on one line, if any, from column `from`; `st` carries quotes and flow brackets
  // across lines. A quote opens a scalar only where a scalar starts ("it's" is plain text).
  function scan(s, from, st) {
    for (var k = from; k < s.length; k++) {
      var ch = s[k];
      if (st.quote === '"') {
        if (ch === "\\") k++;
        else if (ch === '"') { st.quote = null; st.atStart = false; }
        continue;
      }
      if (st.quote === "'") {
        if (ch === "'") {
          if (s[k + 1] === "'") k++;
          else { st.quote = null; st.atStart = false; }
        }
        continue;
      }
      if (ch === "#" && (k === 0 || s[k - 1] === " " || s[k - 1] === "\t")) return k;
      if (ch === " " || ch === "\t") continue;
      if (st.atStart && (ch === '"' || ch === "'")) { st.quote = ch; continue; }
      if ((st.atStart || st.depth > 0) && (ch === "[" || ch === "{")) { st.depth++; st.atStart = true; continue; }
      if (st.depth > 0 && (ch === "]" || ch === "}")) { st.depth--; st.atStart = false; continue; }
      if (st.depth > 0 && ch === ",") { st.atStart = true; continue; }
      if (st.depth > 0 && ch === ":" && (k + 1 >= s.length || /[ \t,\[\]{}]/.test(s[k + 1]))) {
        st.atStart = true;
        continue;
      }
      st.atStart = false;
    }
    return -1;
  }

  // The tree of a file's lines: maps ({kind: "map", col, entries}), lists ({kind: "seq", col,
  // items}) and scalars ({kind: "scalar", start, end}); every entry and item knows its lead (the
  // comment and blank lines before it), its first line and the line after its end. `comments`
  // lists every comment as [line, column].
  function layout(text) {
    var bom = text.charCodeAt(0) === 0xfeff ? "\ufeff" : "";
    var body = bom ? text.slice(1) : text;
    var crlf = body.indexOf("\r\n") >= 0 && !/(^|[^\r])\n/.test(body);
    var lines = body.split("\n");
    if (lines.length > 1 && lines[lines.length - 1] === "") lines.pop();
    if (crlf) lines = lines.map(function (l) { return l.replace(/\r$/, ""); });
    var n = lines.length;
    var comments = [];
    var i = 0;

    lines.forEach(function (l, k) {
      if (/\r/.test(l)) throw new Unsupported(k + 1, "混用的换行符");
    });

    function indent(k) {
      var s = lines[k];
      var w = spaces(s);
      if (s[w] === "\t") throw new Unsupported(k + 1, "用制表符缩进");
      return w;
    }

    function trivia() {
      var start = i;
      while (i < n && trivial(lines[i])) {
        var c = lines[i].indexOf("#");
        if (c >= 0) comments.push([i, c]);
        i++;
      }
      return [start, i];
    }

    function blockScalar(parent, line, col) {
      var s = lines[line];
      var m = /^[|>]([+-]?)([1-9]?)([+-]?)/.exec(s.slice(col));
      if (m[2]) throw new Unsupported(line + 1, "块标量的缩进指示符");
      var keep = (m[1] || m[3]) === "+";
      var rest = s.slice(col + m[0].length);
      if (/^[ \t]+#/.test(rest)) comments.push([line, col + m[0].length + rest.indexOf("#")]);
      else if (!/^[ \t]*$/.test(rest)) throw new Unsupported(line + 1, "块标量标记后的内容");
      var k = line + 1;
      var content = -1;
      var last = line;
      while (k < n) {
        var t = lines[k];
        if (/^[ \t]*$/.test(t)) { k++; continue; }
        var w = spaces(t);
        if (content < 0) {
          if (w <= parent) break;
          content = w;
        }
        if (w < content) break;
        last = k;
        k++;
      }
      return { kind: "scalar", start: line, end: keep ? k : last + 1 };
    }

    function opaque(parent, line, col) {
      var st = { quote: null, depth: 0, atStart: true };
      var plain = !/^["'\[{]/.test(lines[line].slice(col));
      var c = scan(lines[line], col, st);
      if (c >= 0) comments.push([line, c]);
      var k = line + 1;
      if (st.quote || st.depth) {
        while (k < n && (st.quote || st.depth)) {
          c = scan(lines[k], 0, st);
          if (c >= 0) comments.push([k, c]);
          k++;
        }
        if (st.quote || st.depth) throw new Unsupported(line + 1, "没有结束的引号或括号");
      } else if (plain && c < 0) {
        var last = line;
        while (k < n) {
          var t = lines[k];
          if (/^[ \t]*$/.test(t)) { k++; continue; }
          if (spaces(t) <= parent || /^[ \t]*#/.test(t)) break;
          st.atStart = false;
          c = scan(t, 0, st);
          last = k;
          k++;
          if (c >= 0) { comments.push([last, c]); break; }
        }
        k = last + 1;
      }
      return { kind: "scalar", start: line, end: k };
    }

    function value(parent, col) {
      var text = lines[i].slice(col);
      var node;
      if (/^[|>]/.test(text)) node = blockScalar(parent, i, col);
      else if (/^[&!*%@`]/.test(text)) throw new Unsupported(i + 1, "锚点、别名或标签");
      else node = opaque(parent, i, col);
      i = node.end;
      return node;
    }

    // What follows a key or a dash with nothing after it on its line.
    function nested(col, compact) {
      var save = i;
      var mark = comments.length;
      trivia();
      comments.length = mark; // only a look ahead: the comments go to what comes next
      if (i >= n) { i = save; return null; }
      var w = indent(i);
      var text = lines[i].slice(w);
      var dash = /^-( |$)/.test(text);
      var at = i;
      i = save;
      if (w > col || (w === col && compact && dash)) {
        if (dash) return seq(w);
        if (KEY.test(text)) return map(w, false);
        trivia();
        if (/^[|>]/.test(text)) throw new Unsupported(at + 1, "单独成行的块标量标记");
        var node = value(col, w);
        node.start = save;
        return node;
      }
      return null;
    }

    function map(col, onDashLine) {
      var node = { kind: "map", col: col, entries: [] };
      var first = onDashLine;
      for (;;) {
        var save = i;
        var mark = comments.length;
        var lead = first ? [i, i] : trivia();
        if (i >= n || (!first && indent(i) !== col)) { i = save; comments.length = mark; break; }
        var m = KEY.exec(lines[i].slice(col));
        if (!m) { i = save; comments.length = mark; break; }
        var keyText = m[1];
        var key = /^["']/.test(keyText)
          ? root.jsyaml.load(keyText, { schema: root.jsyaml.CORE_SCHEMA }) : keyText;
        var entry = { key: String(key), keyText: keyText, lead: lead, line: i, col: col };
        var rest = lines[i].slice(col + m[0].length);
        var at = col + m[0].length + /^[ \t]*/.exec(rest)[0].length;
        var text = lines[i].slice(at);
        if (text === "" || text[0] === "#") {
          if (text[0] === "#") comments.push([i, at]);
          i++;
          entry.value = nested(col, true);
        } else {
          entry.value = value(col, at);
        }
        entry.end = i;
        node.entries.push(entry);
        first = false;
      }
      return node;
    }

    function seq(col) {
      var node = { kind: "seq", col: col, items: [] };
      for (;;) {
        var save = i;
        var mark = comments.length;
        var lead = trivia();
        if (i >= n || indent(i) !== col || !/^-( |$)/.test(lines[i].slice(col))) {
          i = save;
          comments.length = mark;
          break;
        }
        var item = { lead: lead, line: i, col: col };
        var gap = /^ */.exec(lines[i].slice(col + 1))[0].length;
        var at = col + 1 + gap;
        var text = lines[i].slice(at);
        if (text[0] === "\t") throw new Unsupported(i + 1, "用制表符缩进");
        if (text === "" || text[0] === "#") {
          item.alone = true;
          if (text[0] === "#") comments.push([i, at]);
          i++;
          item.value = nested(col, false);
        } else if (/^-( |$)/.test(text)) {
          throw new Unsupported(i + 1, "同一行里嵌套的列表");
        } else if (KEY.test(text)) {
          item.value = map(at, true);
        } else {
          item.value = value(col, at);
        }
        item.end = i;
        node.items.push(item);
      }
      return node;
    }

    var top = map(0, false);
    var tail = trivia();
    if (i < n) throw new Unsupported(i + 1, "无法识别的缩进或写法");
    return { bom: bom, eol: crlf ? "\r\n" : "\n", lines: lines, root: top, tail: tail, comments: comments };
  }

  // The texts of a layout's comments, sorted (for the check that none was lost).
  function commentTexts(l) {
    return l.comments.map(function (c) { return l.lines[c[0]].slice(c[1]).replace(/[ \t]+$/, ""); }).sort();
  }

  // --- comparing values ------------------------------------------------------------------------

  function isObject(v) { return v !== null && typeof v === "object" && !Array.isArray(v); }

  function equal(a, b) {
    if (a === b) return true;
    if (Array.isArray(a)) {
      return Array.isArray(b) && a.length === b.length && a.every(function (x, k) { return equal(x, b[k]); });
    }
    if (isObject(a) && isObject(b)) {
      var ka = Object.keys(a);
      return ka.length === Object.keys(b).length &&
        ka.every(function (k) { return Object.prototype.hasOwnProperty.call(b, k) && equal(a[k], b[k]); });
    }
    return false;
  }

  // Does the layout hold the keys and list items js-yaml read?
  function fits(node, v) {
    if (node === null) return v === null;
    if (node.kind === "map") {
      return isObject(v) && node.entries.length === Object.keys(v).length &&
        node.entries.every(function (e) {
          return Object.prototype.hasOwnProperty.call(v, e.key) && fits(e.value, v[e.key]);
        });
    }
    if (node.kind === "seq") {
      return Array.isArray(v) && v.length === node.items.length &&
        node.items.every(function (item, k) { return fits(item.value, v[k]); });
    }
    return true;
  }

  // --- writing ---------------------------------------------------------------------------------

  function merge(kind, original, data, doc) {
    var RY = root.RecordYaml;
    var yaml = root.jsyaml;
    var load = function (t) { return yaml.load(t, { schema: yaml.CORE_SCHEMA }); };
    var before = load(original);
    // The id is the file name: dump leaves it out unless the file itself spells it.
    var keepId = isObject(before) && Object.prototype.hasOwnProperty.call(before, "id");
    var target = {};
    Object.keys(data).forEach(function (k) { if (k !== "id" || keepId) target[k] = data[k]; });
    var meant = function (v) {
      var c = RY.clean(v, doc, doc);
      if (!keepId) delete c.id;
      return c;
    };
    if (isObject(before) && equal(meant(before), target)) return original;

    var l;
    try {
      l = layout(original);
      if (!isObject(before) || !fits(l.root, before)) throw new Unsupported(1, "文件结构与读出的数据不一致");
    } catch (error) {
      if (!(error instanceof Unsupported)) throw error;
      var others = original.split(/\r?\n/).filter(function (s) { return !MODELINE.test(s); }).join("\n");
      if (others.indexOf("#") < 0) return RY.dump(kind, target, doc); // no comment to keep
      throw new Error("无法保存：为了保留文件中的注释，编辑器要逐行沿用原文，但第 " + error.line +
        " 行的写法（" + error.what + "）编辑器无法处理。请直接修改 YAML 文件，或删去该处注释后再保存。");
    }

    var lines = l.lines;
    var out = [];
    var pad = function (w) { return new Array(w + 1).join(" "); };
    var copy = function (a, b) { for (var k = a; k < b; k++) out.push(lines[k]); };
    var within = function (a, b) {
      return l.comments.filter(function (c) { return c[0] >= a && c[0] < b; });
    };
    var text = function (c) { return lines[c[0]].slice(c[1]); };
    // The comments of a removed field or item, on their own lines where it stood.
    var keepComments = function (part) {
      copy(part.lead[0], part.lead[1]);
      within(part.line, part.end).forEach(function (c) { out.push(pad(part.col) + text(c)); });
    };
    // A rewritten field or item: its comments before it, the one after its first line stays there.
    var rewritten = function (part, generated) {
      copy(part.lead[0], part.lead[1]);
      var found = within(part.line, part.end);
      // The comment after the value: on its first line, or on the last line of a text that runs
      // over several lines.
      var inline = found.filter(function (c) { return c[0] === part.line; })[0] ||
        (part.value && part.value.kind === "scalar" ? found.filter(function (c) { return c[0] === part.end - 1; })[0] : null);
      found.forEach(function (c) { if (c !== inline) out.push(pad(part.col) + text(c)); });
      generated = generated.join("\n").split("\n"); // a block scalar comes as one string
      if (inline) {
        var space = /[ \t]*$/.exec(lines[inline[0]].slice(0, inline[1]))[0] || "  ";
        generated[0] += space + text(inline);
      }
      out.push.apply(out, generated);
    };
    var meaning = function (v, node) {
      if (v === undefined) return undefined;
      var c = RY.clean(v, node, doc);
      return RY.isEmpty(c) || RY.isDefault(c, node) ? undefined : c;
    };

    function writeMap(node, was, now, schema) {
      var props = (schema && schema.properties) || {};
      var byKey = {};
      node.entries.forEach(function (e) { byKey[e.key] = e; });
      var order = node.entries.map(function (e) { return e.key; });
      var wanted = Object.keys(props).filter(function (k) { return k in now; })
        .concat(Object.keys(now).filter(function (k) { return !(k in props); }));
      wanted.forEach(function (k, at) {
        if (k in byKey) return;
        var pos = 0;
        for (var p = at - 1; p >= 0; p--) {
          var found = order.indexOf(wanted[p]);
          if (found >= 0) { pos = found + 1; break; }
        }
        order.splice(pos, 0, k);
      });
      order.forEach(function (k) {
        var e = byKey[k];
        var child = RY.resolve(doc, props[k]);
        var nv = now[k];
        if (!e) {
          var single = {};
          single[k] = nv;
          out.push.apply(out, RY.mapping(doc, single, schema, pad(node.col)));
          return;
        }
        var ov = was[k];
        var oc = meaning(ov, child);
        if (nv === undefined && oc === undefined) return copy(e.lead[0], e.end);
        if (nv === undefined) return keepComments(e);
        if (equal(oc, nv)) return copy(e.lead[0], e.end);
        var v = e.value;
        if (v && v.kind === "map" && isObject(nv) && isObject(ov)) {
          copy(e.lead[0], e.line + 1);
          return writeMap(v, ov, nv, child);
        }
        if (v && v.kind === "seq" && Array.isArray(nv) && Array.isArray(ov)) {
          copy(e.lead[0], e.line + 1);
          return writeSeq(v, ov, nv, RY.resolve(doc, child.items));
        }
        rewritten(e, RY.entry(doc, e.keyText + ":", nv, child, pad(e.col)));
      });
    }

    // The first line with content after out[from] gets the item's dash.
    function dash(from, col, inner) {
      for (var k = from; k < out.length; k++) {
        if (!trivial(out[k])) {
          out[k] = pad(col) + "-" + pad(inner - col - 1) + out[k].slice(inner);
          return;
        }
      }
      throw new Unsupported(1, "列表项为空");
    }

    function newItem(v, col, inner, schema) {
      if (isObject(v)) {
        var from = out.length;
        out.push.apply(out, RY.mapping(doc, v, schema, pad(inner)));
        dash(from, col, inner);
      } else {
        out.push.apply(out, RY.entry(doc, "-", v, schema, pad(col)));
      }
    }

    function writeSeq(node, was, now, schema) {
      var old = was.map(function (x) { return meaning(x, schema); });
      var pairs = align(old, now);
      var firstMap = node.items.filter(function (it) { return it.value && it.value.kind === "map" && !it.alone; })[0];
      var inner = firstMap ? firstMap.value.col : node.col + 2;
      // Old items no new item stands for: their comments go before the next item that was after
      // them (or at the end of the list).
      var used = {};
      pairs.forEach(function (p) { if (p) used[p[0]] = true; });
      var gone = node.items.map(function (item, k) { return k; }).filter(function (k) { return !used[k]; });
      var flush = function (upto) {
        while (gone.length && gone[0] < upto) {
          var item = node.items[gone.shift()];
          if (old[node.items.indexOf(item)] === undefined) copy(item.lead[0], item.end);
          else keepComments(item);
        }
      };
      now.forEach(function (nv, j) {
        var p = pairs[j];
        if (!p) return newItem(nv, node.col, inner, schema);
        flush(p[0]);
        var item = node.items[p[0]];
        if (p[1]) return copy(item.lead[0], item.end);
        var v = item.value;
        if (v && v.kind === "map" && isObject(nv) && isObject(was[p[0]])) {
          copy(item.lead[0], item.lead[1]);
          if (item.alone) {
            copy(item.line, item.line + 1);
            return writeMap(v, was[p[0]], nv, schema);
          }
          var from = out.length;
          writeMap(v, was[p[0]], nv, schema);
          return dash(from, item.col, v.col);
        }
        var start = out.length;
        newItem(nv, item.col, inner, schema);
        rewritten(item, out.splice(start));
      });
      flush(node.items.length);
    }

    var first = l.root.entries[0];
    var modeline = -1;
    if (first) {
      for (var k = first.lead[0]; k < first.lead[1]; k++) if (MODELINE.test(lines[k])) modeline = k;
    }
    if (modeline >= 0) {
      copy(first.lead[0], modeline + 1);
      first.lead = [modeline + 1, first.lead[1]];
    } else {
      out.push("# yaml-language-server: $schema=../../schemas/" + kind + ".schema.json");
    }
    try {
      writeMap(l.root, before, target, doc);
    } catch (error) {
      if (error instanceof Unsupported) throw new Error("无法保存：" + error.what);
      throw error;
    }
    copy(l.tail[0], l.tail[1]);
    var result = l.bom + out.join("\n").split("\n").join(l.eol) + l.eol;

    // The check: the same data, every comment still there.
    var problem = null;
    try {
      var after = load(result);
      if (!isObject(after) || !equal(meant(after), target)) problem = "读回的数据与表单不同";
      else {
        var kept = commentTexts(layout(result));
        var lost = commentTexts(l).filter(function (c) {
          var at = kept.indexOf(c);
          if (at < 0) return true;
          kept.splice(at, 1);
          return false;
        });
        if (lost.length) problem = "会丢失注释“" + lost[0] + "”";
      }
    } catch (error) {
      problem = error instanceof Unsupported ? error.what : String(error && error.message || error);
    }
    if (problem) {
      throw new Error("无法保存：保留注释后写出的文件未通过核对（" + problem +
        "），为避免改错数据已停止保存。请直接修改 YAML 文件。");
    }
    return result;
  }

  // Old list items against new ones: equal items by a longest common subsequence, then, between
  // them, changed items paired in order (by shared fields when the counts differ). The answer gives
  // each new item [old index, unchanged?] or undefined for an added item.
  function align(old, now) {
    var m = old.length;
    var n = now.length;
    var same = function (i, j) { return old[i] !== undefined && equal(old[i], now[j]); };
    var L = [];
    for (var i = m; i >= 0; i--) {
      L[i] = [];
      for (var j = n; j >= 0; j--) {
        L[i][j] = i === m || j === n ? 0 : same(i, j) ? 1 + L[i + 1][j + 1] : Math.max(L[i + 1][j], L[i][j + 1]);
      }
    }
    var matches = [];
    i = 0;
    j = 0;
    while (i < m && j < n) {
      if (same(i, j)) { matches.push([i, j]); i++; j++; }
      else if (L[i + 1][j] >= L[i][j + 1]) i++;
      else j++;
    }
    matches.push([m, n]);
    var pairs = [];
    // Moved items: equal to an unmatched old item anywhere in the list.
    var taken = {};
    matches.forEach(function (match) { taken[match[0]] = true; });
    var matchedNew = {};
    matches.forEach(function (match) { matchedNew[match[1]] = true; });
    for (var b0 = 0; b0 < n; b0++) {
      if (matchedNew[b0]) continue;
      for (var a0 = 0; a0 < m; a0++) {
        if (!taken[a0] && same(a0, b0)) { pairs[b0] = [a0, true]; taken[a0] = true; break; }
      }
    }
    var pi = 0;
    var pj = 0;
    matches.forEach(function (match) {
      var olds = [];
      for (var a = pi; a < match[0]; a++) if (old[a] !== undefined && !taken[a]) olds.push(a);
      var news = [];
      for (var b = pj; b < match[1]; b++) if (!pairs[b]) news.push(b);
      if (olds.length === news.length) {
        news.forEach(function (b, k) { pairs[b] = [olds[k], false]; });
      } else {
        var from = 0;
        news.forEach(function (b) {
          var best = -1;
          var score = 0;
          for (var q = from; q < olds.length; q++) {
            var s = shared(old[olds[q]], now[b]);
            if (s > score) { best = q; score = s; }
          }
          if (best >= 0) { pairs[b] = [olds[best], false]; from = best + 1; }
        });
      }
      if (match[0] < m) pairs[match[1]] = [match[0], true];
      pi = match[0] + 1;
      pj = match[1] + 1;
    });
    return pairs;
  }

  function shared(a, b) {
    if (!isObject(a) || !isObject(b)) return 0;
    return Object.keys(a).filter(function (k) { return equal(a[k], b[k]); }).length;
  }

  root.RecordMerge = { merge: merge, layout: layout, commentTexts: commentTexts, align: align };
})(typeof window !== "undefined" ? window : globalThis);
