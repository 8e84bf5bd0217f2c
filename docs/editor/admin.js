// /admin/: starts Decap CMS with what the catalogue adds to it — one file format per kind (the
// repository's YAML, see record-yaml.js), a province → city → district picker for region codes, and
// an id field that shows the file name of a saved record. Loaded before decap-cms.js.
(function () {
  "use strict";
  window.CMS_MANUAL_INIT = true;
  var settings = JSON.parse(document.getElementById("kj-admin-settings").textContent);
  var divisions = null;

  // A message instead of the editor, or (floating) above a running editor.
  function notice(text, floating) {
    var box = document.getElementById("kj-admin-notice");
    box.textContent = text;
    box.classList.toggle("kj-floating", !!floating);
    box.title = floating ? "点击关闭" : "";
    box.onclick = floating ? function () { box.hidden = true; } : null;
    box.hidden = false;
  }

  function isLocal() {
    return ["localhost", "127.0.0.1", "[::1]"].indexOf(window.location.hostname) >= 0;
  }

  function loadDivisions() {
    if (!divisions) {
      divisions = fetch(settings.divisions).then(function (r) { return r.json(); }).then(function (table) {
        var children = {};
        Object.keys(table).forEach(function (code) {
          var parent = table[code][1] || "";
          (children[parent] = children[parent] || []).push(code);
        });
        return { table: table, children: children };
      });
    }
    return divisions;
  }

  function chain(table, code) {
    var out = [];
    while (code && table[code]) { out.unshift(code); code = table[code][1]; }
    return out;
  }

  function registerWidgets(CMS) {
    var h = window.h;
    var RegionControl = window.createClass({
      getInitialState: function () { return { data: null }; },
      componentDidMount: function () {
        var self = this;
        loadDivisions().then(function (data) { self.setState({ data: data }); });
      },
      render: function () {
        var props = this.props;
        var data = this.state.data;
        var value = props.value ? String(props.value) : "";
        if (!data) return h("div", { className: props.classNameWrapper }, "正在载入行政区划……");
        var path = chain(data.table, value);
        var levels = ["省份", "城市或区县", "区县"];
        var selects = [];
        var parent = "";
        for (var i = 0; i < 3; i++) {
          var options = data.children[parent] || [];
          if (!options.length) break;
          var chosen = path[i] || "";
          selects.push(h("select", {
            key: i,
            id: i === 0 ? props.forID : props.forID + "-" + i,
            "aria-label": levels[i],
            "data-level": i,
            value: chosen,
            onChange: (function (level) {
              return function (event) {
                var code = event.target.value || (level > 0 ? path[level - 1] : "");
                props.onChange(code);
              };
            })(i),
            onFocus: props.setActiveStyle,
            onBlur: props.setInactiveStyle,
            style: { marginRight: "0.5em", padding: "0.4em" },
          }, [h("option", { key: "", value: "" }, i === 0 ? "请选择" : "（不细分）")].concat(
            options.map(function (code) { return h("option", { key: code, value: code }, data.table[code][0]); })
          )));
          if (!chosen) break;
          parent = chosen;
        }
        return h("div", { className: props.classNameWrapper }, selects,
          value ? h("code", { style: { marginLeft: "0.5em" } }, value) : null);
      },
    });
    CMS.registerWidget("kj-region", RegionControl);

    // The id is the file name: typed once for a new record, shown read-only for a saved one.
    var IdControl = window.createClass({
      componentDidMount: function () {
        var saved = this.savedSlug();
        if (saved && this.props.value !== saved) this.props.onChange(saved);
      },
      savedSlug: function () {
        var match = /\/entries\/([^/?#]+)/.exec(window.location.hash);
        return match ? decodeURIComponent(match[1]) : "";
      },
      render: function () {
        var props = this.props;
        var saved = this.savedSlug();
        return h("input", {
          type: "text",
          id: props.forID,
          className: props.classNameWrapper,
          value: saved || props.value || "",
          readOnly: !!saved,
          autoComplete: "off",
          spellCheck: false,
          onChange: function (event) { props.onChange(event.target.value.trim()); },
          onFocus: props.setActiveStyle,
          onBlur: props.setInactiveStyle,
        });
      },
    });
    CMS.registerWidget("kj-id", IdControl);
  }

  // The file's text rides along in the entry's data under this key (Decap keeps keys that are no
  // field and hands them back to toFile), so saving can keep its comments (record-merge.js).
  var ORIGINAL = "_kj_original";

  function registerFormats(CMS, schemas) {
    Object.keys(schemas).forEach(function (kind) {
      var doc = schemas[kind];
      CMS.registerCustomFormat(settings.format_prefix + kind, "yml", {
        fromFile: function (text) {
          // Dates stay text and "09:00" stays "09:00": the core schema types nothing else.
          var data = window.jsyaml.load(text, { schema: window.jsyaml.CORE_SCHEMA }) || {};
          if (data && typeof data === "object" && !Array.isArray(data)) data[ORIGINAL] = text;
          return data;
        },
        toFile: function (data) {
          var fields = Object.assign({}, data);
          var original = fields[ORIGINAL];
          delete fields[ORIGINAL];
          var clean = window.RecordYaml.clean(fields, doc, doc);
          if (typeof original !== "string") return window.RecordYaml.dump(kind, clean, doc);
          try {
            var text = window.RecordMerge.merge(kind, original, clean, doc);
            document.getElementById("kj-admin-notice").hidden = true;
            return text;
          } catch (error) {
            // Decap shows the reason for a few seconds; the notice stays until the next save.
            notice(error.message + "（文件没有改动。）", true);
            throw error;
          }
        },
      });
    });
  }

  function start() {
    var CMS = window.CMS;
    if (!CMS) {
      notice("编辑器脚本未安装：在仓库中运行 bash scripts/vendor_cms.sh 后重新生成网站。");
      return;
    }
    if (!settings.configured && !isLocal()) {
      notice("尚未配置仓库地址（mkdocs.yml 的 extra.catalogue.editor.repository_url），编辑器只能在本机配合 decap-server 使用。");
      return;
    }
    var kinds = settings.kinds;
    Promise.all(kinds.map(function (kind) {
      return fetch(settings.schemas + kind + ".schema.json").then(function (r) { return r.json(); });
    })).then(function (docs) {
      var schemas = {};
      kinds.forEach(function (kind, i) { schemas[kind] = docs[i]; });
      registerWidgets(CMS);
      registerFormats(CMS, schemas);
      CMS.init();
    }).catch(function (error) {
      notice("编辑器无法启动：" + error);
    });
  }

  window.addEventListener("load", start);
})();
