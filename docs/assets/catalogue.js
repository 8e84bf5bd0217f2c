/* 科教资源目录: helpers shared by the site's scripts (window.kejiao). Loaded first: search.js,
   facets.js and app.js use them. */
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
})();
