// Writes a record as the repository keeps it: the $schema modeline first, fields in the schema's
// order (the templates' order), strings quoted whenever YAML could read them as something else
// ("09:00", "110108", yes, 2025-2028), dates plain, long text as a literal block, empty optional
// fields left out. Shared by /admin/ (Decap's custom format) and the 申报 page.
(function (root) {
  "use strict";

  // The node behind a $ref, an allOf of constraints or an `X | None` union (draft-07, as
  // kejiao/schemas.py writes it). The personal-data rule is left to validate.
  function resolve(doc, node) {
    node = Object.assign({}, node || {});
    if (Array.isArray(node.type) && node.type.indexOf("null") >= 0) {
      var types = node.type.filter(function (t) { return t !== "null"; });
      node.type = types.length === 1 ? types[0] : types;
    }
    if (node.anyOf) {
      var rest = node.anyOf.filter(function (o) { return o.type !== "null"; });
      if (rest.length === 1) {
        var inner = resolve(doc, rest[0]);
        var merged = Object.assign({}, inner);
        Object.keys(node).forEach(function (k) { if (k !== "anyOf") merged[k] = node[k]; });
        return merged;
      }
    }
    if (node.allOf) {
      var all = {};
      node.allOf.forEach(function (part) {
        if (part.$ref && /\/NoPersonalData$/.test(part.$ref)) return;
        Object.assign(all, resolve(doc, part));
      });
      Object.keys(node).forEach(function (k) { if (k !== "allOf") all[k] = node[k]; });
      node = all;
    }
    if (node.$ref) {
      var defs = doc.definitions || doc.$defs || {};
      var target = resolve(doc, defs[node.$ref.split("/").pop()]);
      var out = Object.assign({}, target);
      Object.keys(node).forEach(function (k) { if (k !== "$ref") out[k] = node[k]; });
      return out;
    }
    return node;
  }

  // Words YAML 1.1 (PyYAML) reads as booleans or null.
  var SPECIAL = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~)$/;

  function plainSafe(text, inFlow) {
    if (text === "" || SPECIAL.test(text)) return false;
    if (/^[\s\-?:,\[\]{}#&*!|>'"%@`+.0-9]/.test(text)) return false;
    if (/\s$/.test(text) || /:$/.test(text)) return false;
    if (/: |\s#|[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]/.test(text)) return false;
    if (inFlow && /[,\[\]{}]/.test(text)) return false;
    return true;
  }

  function quoted(text) {
    return JSON.stringify(text).replace(/\u2028/g, "\\L").replace(/\u2029/g, "\\P");
  }

  function scalar(value, node, inFlow) {
    if (typeof value === "boolean") return value ? "true" : "false";
    if (typeof value === "number") return String(value);
    var text = String(value);
    if (node && node.format === "date" && /^\d{4}-\d{2}-\d{2}$/.test(text)) return text;
    return plainSafe(text, inFlow) ? text : quoted(text);
  }

  function isEmpty(value) {
    if (value === null || value === undefined || value === "") return true;
    if (Array.isArray(value)) return value.length === 0;
    if (typeof value === "object") {
      return Object.keys(value).every(function (k) { return isEmpty(value[k]); });
    }
    return false;
  }

  function isDefault(value, node) {
    return node && node.default !== undefined && node.default !== null &&
      typeof node.default !== "object" && value === node.default && typeof value === "boolean";
  }

  function block(text, indent) {
    var body = text.replace(/\n$/, "");
    var lines = body.split("\n");
    var head = text.endsWith("\n") ? "|" : "|-";
    return head + "\n" + lines.map(function (l) { return l ? indent + l : ""; }).join("\n");
  }

  function canBlock(text) {
    return text.indexOf("\n") >= 0 && !/^\s/.test(text) && !/\n\n$/.test(text) &&
      !/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff\r]/.test(text) &&
      !/[ \t]$/m.test(text);
  }

  function orderedKeys(value, node) {
    var known = Object.keys((node && node.properties) || {});
    var extra = Object.keys(value).filter(function (k) { return known.indexOf(k) < 0; });
    return known.filter(function (k) { return k in value; }).concat(extra);
  }

  // Lines of a mapping at `indent`.
  function mapping(doc, value, node, indent, skip) {
    var lines = [];
    orderedKeys(value, node).forEach(function (key) {
      if (skip && skip.indexOf(key) >= 0) return;
      var child = resolve(doc, ((node && node.properties) || {})[key]);
      var v = value[key];
      if (isEmpty(v) || isDefault(v, child)) return;
      var name = plainSafe(key, false) ? key : quoted(key);
      lines.push.apply(lines, entry(doc, name + ":", v, child, indent));
    });
    return lines;
  }

  function entry(doc, lead, v, node, indent) {
    if (Array.isArray(v)) {
      var items = v.filter(function (x) { return !isEmpty(x); });
      var itemNode = resolve(doc, node && node.items);
      var flat = items.every(function (x) { return typeof x !== "object"; });
      if (flat) {
        var flow = items.map(function (x) { return scalar(x, itemNode, true); });
        var line = indent + lead + " [" + flow.join(", ") + "]";
        if (line.length <= 100) return [line];
        return [indent + lead].concat(flow.map(function (f, i) {
          return indent + "  - " + scalar(items[i], itemNode, false);
        }));
      }
      var out = [indent + lead];
      items.forEach(function (x) {
        var inner = typeof x === "object"
          ? mapping(doc, x, itemNode, indent + "    ")
          : [indent + "    " + scalar(x, itemNode, false)];
        if (!inner.length) return;
        out.push(indent + "  - " + inner[0].slice(indent.length + 4));
        out.push.apply(out, inner.slice(1));
      });
      return out;
    }
    if (v !== null && typeof v === "object") {
      return [indent + lead].concat(mapping(doc, v, node, indent + "  "));
    }
    if (typeof v === "string" && canBlock(v)) {
      return [indent + lead + " " + block(v, indent + "  ")];
    }
    return [indent + lead + " " + scalar(v, node, false)];
  }

  // The whole file for `data` of kind `kind`, validated against `doc` (its JSON Schema).
  function dump(kind, data, doc) {
    var lines = ["# yaml-language-server: $schema=../../schemas/" + kind + ".schema.json"];
    lines.push.apply(lines, mapping(doc, data, doc, "", ["id"]));
    return lines.join("\n") + "\n";
  }

  // A list of sub-records alone (a 申报表 cell holds lessons, opening hours… as YAML).
  function dumpList(items, node, doc) {
    var out = entry(doc, "x:", items, node, "");
    return out.slice(1).map(function (l) { return l.slice(2); }).join("\n");
  }

  // Drops what the form leaves behind (empty strings, empty lists, untouched booleans) and turns
  // numbers typed as text into numbers, following the schema.
  function clean(value, node, doc) {
    node = resolve(doc, node);
    if (Array.isArray(value)) {
      var items = value.map(function (x) { return clean(x, node.items, doc); })
        .filter(function (x) { return !isEmpty(x); });
      return items;
    }
    if (value !== null && typeof value === "object") {
      var out = {};
      Object.keys(value).forEach(function (k) {
        var child = resolve(doc, (node.properties || {})[k]);
        var v = clean(value[k], child, doc);
        if (!isEmpty(v) && !isDefault(v, child)) out[k] = v;
      });
      return out;
    }
    if (typeof value === "string") {
      var t = node.type;
      if ((t === "integer" || t === "number") && /^-?\d+(\.\d+)?$/.test(value.trim())) {
        return Number(value.trim());
      }
      return value.trim() === "" ? undefined : value;
    }
    return value;
  }

  root.RecordYaml = {
    dump: dump, dumpList: dumpList, clean: clean, resolve: resolve, isEmpty: isEmpty,
    // The pieces record-merge.js writes changed fields with, so they look like dump's.
    entry: entry, mapping: mapping, isDefault: isDefault,
  };
})(typeof window !== "undefined" ? window : globalThis);
