/* 科教资源目录: the pure functions behind the browser tools and the list filters — registration
   status, stages from grades, distance, how well a record fits a question (known yes / known no /
   unknown), ranking, which data shards a tool needs, the shortlist's untrusted input, CSV cells
   and .ics text. No DOM and no
   globals besides window.kejiaoCore, so node's test runner loads this same file
   (tests/js/core.test.js). Vocabularies and stage rules are not written here: they come from
   app/vocab.json, which the build writes from kejiao/vocab.py and the models. */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory();
  else root.kejiaoCore = factory();
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  /* Whether `key` is the object's own (never an inherited __proto__ or constructor). */
  function hasOwn(object, key) {
    return object != null && typeof key === "string" && Object.prototype.hasOwnProperty.call(object, key);
  }

  /* Registration status of a competition from its registration windows [[start, end], ...]
     (ISO dates) on `now`: "open", "upcoming", "closed", or "unknown" without any window.
     Used by the list filter (facets.js) and the recommendations (app.js). */
  function registrationStatus(windows, now) {
    var status = "unknown";
    (windows || []).forEach(function (w) {
      if (!w || !w[0] || !w[1] || status === "open") return;
      if (w[0] <= now && now <= w[1]) status = "open";
      else if (w[0] > now) status = "upcoming";
      else if (status === "unknown") status = "closed";
    });
    return status;
  }

  /* 学段 of a grade range, by the build's rules (vocab.stages: the stage of each grade, their
     order and the vocational stage), as GradeRange.derived_stages does. */
  function stagesOf(from, to, vocational, rules) {
    var found = {};
    for (var g = from; g <= to; g++) {
      (rules.byGrade[String(g)] || []).forEach(function (s) { found[s] = true; });
    }
    var out = rules.order.filter(function (s) { return found[s] && s !== rules.vocational; });
    if (vocational) out.push(rules.vocational);
    return out;
  }

  /* Straight-line distance in km between two [lat, lon]. */
  function distanceKm(a, b) {
    var rad = Math.PI / 180, dLat = (b[0] - a[0]) * rad, dLon = (b[1] - a[1]) * rad;
    var h = Math.pow(Math.sin(dLat / 2), 2) + Math.cos(a[0] * rad) * Math.cos(b[0] * rad) * Math.pow(Math.sin(dLon / 2), 2);
    return 12742 * Math.asin(Math.sqrt(h));
  }

  /* How a record answers one question: "yes", "no" (known not to fit) or "unknown" (not recorded).
     Unknown is never treated as no. No question asked is a yes. */
  function gradeFit(g, from, to) {
    if (!from) return "yes";
    if (!g) return "unknown";
    return g[0] <= to && g[1] >= from ? "yes" : "no";
  }

  function servicesFit(have, wanted) {
    if (!wanted || !wanted.length) return "yes";
    if (!have || !have.length) return "unknown";
    return wanted.every(function (s) { return have.indexOf(s) >= 0; }) ? "yes" : "no";
  }

  function fieldsFit(have, wanted) {
    if (!wanted || !wanted.length) return "yes";
    if (!have || !have.length) return "unknown";
    return have.some(function (f) { return wanted.indexOf(f) >= 0; }) ? "yes" : "no";
  }

  function byTitle(a, b) { return a.r.t < b.r.t ? -1 : a.r.t > b.r.t ? 1 : 0; }

  function allKnown(fits) {
    return fits.every(function (f) { return f === "yes"; }) ? 0 : 1;
  }

  /* The partner-base finder: bases that may fit (known no dropped), DISTANCE FIRST — a base in the
     school's own district whose services are unrecorded is not buried under known ones 1,000 km
     away — then known fits before unknown ones, then title. */
  function rankFinder(bases, q) {
    var items = [];
    bases.forEach(function (r) {
      var grade = gradeFit(r.g, q.grade, q.grade), service = servicesFit(r.sv, q.services);
      if (grade === "no" || service === "no") return;
      var km = q.origin && r.ll ? distanceKm(q.origin, r.ll) : Infinity;
      items.push({ r: r, km: km, grade: grade, service: service });
    });
    items.sort(function (a, b) {
      if (a.km !== b.km) return a.km < b.km ? -1 : 1;
      return allKnown([a.grade, a.service]) - allKnown([b.grade, b.service]) || byTitle(a, b);
    });
    return summarise(items);
  }

  /* Nearby bases for the recommendations: within `radius` km of the school (when known), known
     fits before unknown ones (the chosen subject weighs most), then distance, then title. */
  function rankRecommendBases(bases, q) {
    var items = [];
    bases.forEach(function (r) {
      var grade = gradeFit(r.g, q.from, q.to), field = fieldsFit(q.fieldsOf(r), q.fields);
      if (grade === "no" || field === "no") return;
      var km = q.origin && r.ll ? distanceKm(q.origin, r.ll) : Infinity;
      if (q.origin && !(km <= q.radius)) return;
      var score = (q.fields && q.fields.length && field === "yes" ? 2 : 0) + (q.from && grade === "yes" ? 1 : 0);
      items.push({ r: r, km: km, grade: grade, field: field, score: score });
    });
    items.sort(function (a, b) { return b.score - a.score || a.km - b.km || byTitle(a, b); });
    return summarise(items);
  }

  function summarise(items) {
    var unknown = items.filter(function (i) {
      return i.grade === "unknown" || i.service === "unknown" || i.field === "unknown";
    }).length;
    return { items: items, known: items.length - unknown, unknown: unknown };
  }

  /* A shortlist from an untrusted source (the ?items= parameter or localStorage): a string of
     comma-separated refs or an array. Keeps only "folder/id" strings of the site's id alphabet,
     once each, at most `limit`; `isKnown` (optional) drops refs the catalogue does not hold.
     `broken` says the value itself was not a list. */
  var REF = /^[a-z0-9][a-z0-9-]{0,79}\/[a-z0-9][a-z0-9-]{0,199}$/;

  function parseRefs(raw, isKnown, limit) {
    var list = typeof raw === "string" ? raw.split(",") : Array.isArray(raw) ? raw : null;
    var out = [], seen = Object.create(null), dropped = 0, unknown = 0;
    (list || []).forEach(function (item) {
      var ref = typeof item === "string" ? item.trim() : "";
      if (!ref && typeof item === "string") return; // an empty piece of "a,,b"
      if (!REF.test(ref) || seen[ref]) { dropped++; return; }
      if (isKnown && !isKnown(ref)) { unknown++; return; }
      if (out.length >= (limit || 500)) { dropped++; return; }
      seen[ref] = true;
      out.push(ref);
    });
    return { refs: out, dropped: dropped, unknown: unknown, broken: list === null && raw != null };
  }

  /* --- which shards of app/ a tool loads (kejiao/render/appshards.py writes them) ------------ */

  /* FNV-1a (32 bit) of a shortlist ref, as appshards.ref_hash: the refs bucket that holds it. */
  function refBucket(ref, buckets) {
    var h = 0x811c9dc5;
    for (var i = 0; i < ref.length; i++) h = Math.imul(h ^ ref.charCodeAt(i), 0x01000193);
    return (h >>> 0) % buckets;
  }

  /* "YYYY-MM" of every month from ISO date `start` to `end`, both included (appshards'). */
  function monthsBetween(start, end) {
    var y = +start.slice(0, 4), m = +start.slice(5, 7), out = [];
    var last = +end.slice(0, 4) * 12 + +end.slice(5, 7);
    while (y * 12 + m <= last) {
      out.push(y + "-" + (m < 10 ? "0" : "") + m);
      if (++m > 12) { m = 1; y++; }
    }
    return out;
  }

  /* A lower bound of the distance in km from `point` to anything inside box [south, west, north,
     east]: the latitude gap, and the distance to the nearest meridian great circle bounding it
     (asin(cos φ · sin Δλ)); 0 inside, Infinity without a box. Never more than distanceKm to any
     point in the box, so a shard farther than this cannot hold a nearer record. */
  function boxDistanceKm(point, box) {
    if (!box) return Infinity;
    var rad = Math.PI / 180, lat = point[0], lon = point[1];
    var latGap = lat < box[0] ? box[0] - lat : lat > box[2] ? lat - box[2] : 0;
    var lonGap = lon < box[1] ? box[1] - lon : lon > box[3] ? lon - box[3] : 0;
    var km = 6371 * latGap * rad;
    if (lonGap) {
      var far = lonGap + box[3] - box[1];
      var sin = far >= 180 ? 0 : Math.min(Math.sin(lonGap * rad), Math.sin(far * rad));
      km = Math.max(km, 6371 * Math.asin(Math.min(1, Math.cos(lat * rad) * Math.max(0, sin))));
    }
    return Math.max(0, km - 1e-6); // rounding never makes it exceed a true distance
  }

  /* The shards of a kind with places (manifest entries {n, box}) nearest first:
     [{key, km}] with km the lower bound of their distance from `origin`. */
  function shardsByDistance(shards, origin) {
    return Object.keys(shards || {}).map(function (key) {
      return { key: key, km: boxDistanceKm(origin, shards[key].box) };
    }).sort(function (a, b) { return a.km - b.km || (a.key < b.key ? -1 : 1); });
  }

  /* Which shards (of `plan`, from shardsByDistance) are still needed so that the first `limit`
     results, nearest first, are final: before any, the nearest (and its ties); while fewer than
     `limit` are found, the next `AHEAD` nearest (a ring at a time, not the whole country); then
     every shard not `loaded` that could hold a record nearer than the limit-th found (`kms`,
     ascending). */
  var AHEAD = 4;
  function nearShards(plan, loaded, kms, limit) {
    var open = plan.filter(function (s) { return !loaded[s.key]; });
    if (!open.length) return [];
    var started = plan.some(function (s) { return loaded[s.key]; });
    var bound = !started ? open[0].km
      : kms.length >= limit ? kms[limit - 1] : open[Math.min(AHEAD, open.length) - 1].km;
    return open.filter(function (s) { return s.km <= bound; });
  }

  /* Results nearer than this are final: no shard left to load can hold a nearer record
     (Infinity once every shard is loaded). */
  function frontierKm(plan, loaded) {
    var open = plan.filter(function (s) { return !loaded[s.key]; });
    return open.length ? open[0].km : Infinity;
  }

  /* The files to load for shard `key` of a manifest kind: the whole shard, or, when it is split
     by subject ({by: {index: n, x: n}}) and `subjects` (domain indices) are asked for, only
     theirs (each part also holds the records without a subject: unknown is not no), or the part
     without a subject when none is about them; with `withEnded`, also the part whose validity
     ended before the content's date ({ended: n}; a device whose date is earlier needs it). */
  function shardFiles(entry, key, subjects, withEnded) {
    if (!entry) return [];
    var files = [];
    if (!entry.by || !subjects || !subjects.length) {
      if (entry.n !== 0) files.push(key);
    } else {
      subjects.forEach(function (s) {
        var part = hasOwn(entry.by, String(s)) ? String(s) : hasOwn(entry.by, "x") ? "x" : null;
        if (part && files.indexOf(key + "-" + part) < 0) files.push(key + "-" + part);
      });
    }
    if (withEnded && entry.ended) files.push(key + "-e");
    return files;
  }

  /* Each record ({k, id, …}) once, in order. A topic list comes from each subject part with only
     that part's items (appshards._part): its items are merged, into a copy (the loaded files
     stay as they are, for the next question). */
  function uniqueRecords(records) {
    var seen = Object.create(null), out = [];
    records.forEach(function (r) {
      var key = r.k + "/" + r.id, first = seen[key];
      if (!first) { out.push(seen[key] = r); return; }
      if (!r.it || first.it === r.it) return;
      var merged = Object.assign({}, first, { it: (first.it || []).slice() });
      var have = merged.it.map(function (item) { return JSON.stringify(item); });
      r.it.forEach(function (item) { if (have.indexOf(JSON.stringify(item)) < 0) merged.it.push(item); });
      out[out.indexOf(first)] = seen[key] = merged;
    });
    return out;
  }

  /* One CSV cell: quoted when needed, and never a formula in a spreadsheet — a cell starting with
     = + - @ tab or CR gets a leading apostrophe. */
  function csvCell(value) {
    var text = String(value == null ? "" : value);
    if (/^[=+\-@\t\r]/.test(text)) text = "'" + text;
    return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  /* iCalendar (RFC 5545) TEXT: escaped, line breaks of every kind as \n, other controls dropped. */
  function icsText(value) {
    return String(value == null ? "" : value)
      .replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,")
      .replace(/\r\n|[\r\n\u0085\u2028\u2029]/g, "\\n")
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, "");
  }

  /* Fold a content line at 75 octets (UTF-8), never inside a character. */
  function icsFold(line) {
    var out = [], current = "", octets = 0, limit = 75;
    Array.from(line).forEach(function (ch) {
      var cp = ch.codePointAt(0), size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      if (octets + size > limit) {
        out.push(current);
        current = " ";
        octets = 1;
      }
      current += ch;
      octets += size;
    });
    out.push(current);
    return out.join("\r\n");
  }

  function icsDate(iso, plusDays) {
    var d = new Date(Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10) + (plusDays || 0)));
    return d.toISOString().slice(0, 10).replace(/-/g, "");
  }

  /* A calendar with all-day events {uid, summary, start, end (ISO, inclusive), description, url}. */
  function icsCalendar(name, events, stamp) {
    var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//科教资源目录//kejiao//ZH", "CALSCALE:GREGORIAN",
      "X-WR-CALNAME:" + icsText(name)];
    events.forEach(function (e) {
      lines.push("BEGIN:VEVENT", "UID:" + icsText(e.uid), "DTSTAMP:" + stamp,
        "DTSTART;VALUE=DATE:" + icsDate(e.start), "DTEND;VALUE=DATE:" + icsDate(e.end || e.start, 1),
        "SUMMARY:" + icsText(e.summary));
      if (e.description) lines.push("DESCRIPTION:" + icsText(e.description));
      if (e.url && /^https?:\/\//.test(e.url)) lines.push("URL:" + e.url);
      lines.push("END:VEVENT");
    });
    lines.push("END:VCALENDAR");
    return lines.map(icsFold).join("\r\n") + "\r\n";
  }

  return {
    registrationStatus: registrationStatus, stagesOf: stagesOf, distanceKm: distanceKm,
    gradeFit: gradeFit, servicesFit: servicesFit, fieldsFit: fieldsFit, rankFinder: rankFinder,
    rankRecommendBases: rankRecommendBases, parseRefs: parseRefs, csvCell: csvCell, icsText: icsText,
    icsFold: icsFold, icsCalendar: icsCalendar, hasOwn: hasOwn, refBucket: refBucket,
    monthsBetween: monthsBetween, boxDistanceKm: boxDistanceKm, shardsByDistance: shardsByDistance,
    nearShards: nearShards, frontierKm: frontierKm, shardFiles: shardFiles, uniqueRecords: uniqueRecords,
  };
});
