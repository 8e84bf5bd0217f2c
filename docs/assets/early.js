/* 科教资源目录: the first requests of a tool page, started from the page's <head> before anything
   else runs. On a slow phone the tool's own scripts (core.js, app.js) arrive and run only after the
   page is parsed; the data they need first does not have to wait for them: the manifest and the
   vocabularies; for the finder and 为我推荐 the provinces and the school's province (?region=);
   for the finder its shard list (app/near.json) and the bases of the school's city or province.
   app.js's load() shares these requests (window.kejiaoEarly): nothing is asked for twice,
   whichever script runs first. Only files that the manifest, the province list or near.json name
   are asked for. Loaded async by site_overrides/main.html on the tool pages only; no dependencies. */
(function () {
  "use strict";

  var script = document.currentScript;
  if (!script || !window.fetch) return;
  var root = new URL("..", script.src);
  var tool = script.getAttribute("data-kj-tool");
  var early = window.kejiaoEarly || (window.kejiaoEarly = Object.create(null)); // shared with app.js
  if (window.performance && performance.mark) performance.mark("kj:early");

  function get(path) {
    if (!Object.prototype.hasOwnProperty.call(early, path)) {
      early[path] = fetch(new URL(path, root)).then(function (r) {
        if (!r.ok) throw new Error(path + " " + r.status);
        return r.json();
      });
      early[path].catch(function () { /* app.js reports it when it uses the file */ });
    }
    return early[path];
  }

  var manifest = get("app/manifest.json");
  get("app/vocab.json");
  if (tool !== "finder" && tool !== "recommend") return;
  var region = new URLSearchParams(location.search).get("region") || "";
  var provinces = get("app/divisions/00.json");
  if (!/^[1-9]\d{5}$/.test(region)) return;
  var province = region.slice(0, 2), city = region.slice(0, 4);
  provinces.then(function (rows) {
    if (Object.prototype.hasOwnProperty.call(rows, province + "0000")) get("app/divisions/" + province + ".json");
  }, function () {});
  // the finder starts with the bases of the school's city, or its province when that is not split
  // by city (app.js's first round of nearShards)
  if (tool === "finder") Promise.all([manifest, get("app/near.json")]).then(function (both) {
    var near = both[1].base || {};
    var key = [city, province].filter(function (k) { return Object.prototype.hasOwnProperty.call(near, k); })[0];
    if (!key) return;
    both[0].kinds.forEach(function (kind) { if (kind[2] === "base") get("app/" + kind[0] + "/near/" + key + ".json"); });
  }, function () {});
})();
