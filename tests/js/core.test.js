// The browser tools' pure functions (docs/assets/core.js), without a browser: `node --test tests/js/`
// (tests/test_tools.py runs it, so the README's pytest command covers it). KEJIAO_STAGE_CASES, when
// set, names a JSON file of [from, to, vocational, stages] that Python computed with
// GradeRange.derived_stages, and KEJIAO_VOCAB the app/vocab.json the build writes.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const core = require(path.join(__dirname, "..", "..", "docs", "assets", "core.js"));

const RULES = {
  grades: [1, 12], order: ["小学", "初中", "高中", "中职"], vocational: "中职",
  byGrade: { 1: ["小学"], 2: ["小学"], 3: ["小学"], 4: ["小学"], 5: ["小学"], 6: ["小学"], 7: ["初中"],
    8: ["初中"], 9: ["初中"], 10: ["高中"], 11: ["高中"], 12: ["高中"] },
};

test("registration status: open, upcoming, closed, unknown", () => {
  const now = "2026-11-22";
  assert.equal(core.registrationStatus([["2026-11-01", "2026-12-31"]], now), "open");
  assert.equal(core.registrationStatus([["2026-12-01", "2026-12-31"]], now), "upcoming");
  assert.equal(core.registrationStatus([["2025-11-01", "2025-12-31"]], now), "closed");
  assert.equal(core.registrationStatus([], now), "unknown");
  assert.equal(core.registrationStatus(undefined, now), "unknown");
  assert.equal(core.registrationStatus([[null, null]], now), "unknown");
  // an open window wins over past and future ones, whatever the order
  assert.equal(core.registrationStatus([["2025-01-01", "2025-02-01"], ["2026-11-22", "2026-11-22"],
    ["2027-01-01", "2027-02-01"]], now), "open");
  assert.equal(core.registrationStatus([["2027-01-01", "2027-02-01"], ["2025-01-01", "2025-02-01"]], now), "upcoming");
});

test("stages from grades follow the build's rules, 中职 included", () => {
  assert.deepEqual(core.stagesOf(5, 5, false, RULES), ["小学"]);
  assert.deepEqual(core.stagesOf(6, 10, false, RULES), ["小学", "初中", "高中"]);
  assert.deepEqual(core.stagesOf(10, 12, true, RULES), ["高中", "中职"]);
  const cases = process.env.KEJIAO_STAGE_CASES;
  const vocabFile = process.env.KEJIAO_VOCAB;
  if (!cases || !vocabFile) return; // run from pytest: every range, against Python
  const rules = JSON.parse(fs.readFileSync(vocabFile, "utf8")).stages;
  for (const [from, to, vocational, expected] of JSON.parse(fs.readFileSync(cases, "utf8"))) {
    assert.deepEqual(core.stagesOf(from, to, vocational, rules), expected, `${from}-${to} ${vocational}`);
  }
});

test("distance: Beijing to Shanghai is about 1,070 km", () => {
  const km = core.distanceKm([39.9042, 116.4074], [31.2304, 121.4737]);
  assert.ok(km > 1050 && km < 1090, String(km));
  assert.equal(core.distanceKm([30, 120], [30, 120]), 0);
});

test("unknown is not no", () => {
  assert.equal(core.gradeFit(null, 5, 5), "unknown");
  assert.equal(core.gradeFit([1, 6], 5, 5), "yes");
  assert.equal(core.gradeFit([7, 9], 5, 5), "no");
  assert.equal(core.gradeFit(null, 0, 0), "yes"); // nothing asked
  assert.equal(core.servicesFit(undefined, ["研学"]), "unknown");
  assert.equal(core.servicesFit([], ["研学"]), "unknown");
  assert.equal(core.servicesFit(["研学", "开放日"], ["研学"]), "yes");
  assert.equal(core.servicesFit(["开放日"], ["研学"]), "no");
  assert.equal(core.fieldsFit([], ["天文与航天"]), "unknown");
  assert.equal(core.fieldsFit(["生物与医药"], ["天文与航天"]), "no");
});

const PUDONG = [31.22, 121.54];
const BASES = [
  { id: "beijing-known", t: "北京甲", ll: [39.9, 116.4], sv: ["研学"], g: [1, 12] },
  { id: "shanghai-unknown", t: "上海乙", ll: [31.2, 121.5] },
  { id: "shanghai-known-no", t: "上海丙", ll: [31.21, 121.52], sv: ["开放日"] },
  { id: "shanghai-known", t: "上海丁", ll: [31.25, 121.45], sv: ["研学"], g: [7, 9] },
  { id: "nowhere", t: "无坐标", sv: ["研学"] },
];

test("finder: distance leads, unknown stays and is counted, known no is dropped", () => {
  const result = core.rankFinder(BASES, { origin: PUDONG, grade: 7, services: ["研学"] });
  assert.deepEqual(result.items.map((i) => i.r.id), ["shanghai-unknown", "shanghai-known", "beijing-known", "nowhere"]);
  assert.equal(result.known, 2);
  assert.equal(result.unknown, 2); // shanghai-unknown and nowhere (grade unrecorded)
  assert.equal(result.items[0].service, "unknown");
  assert.equal(result.items[0].grade, "unknown");
  const grade1 = core.rankFinder(BASES, { origin: PUDONG, grade: 1, services: [] });
  assert.ok(!grade1.items.some((i) => i.r.id === "shanghai-known")); // recorded 7–9
});

test("finder: at the same distance known fits come first", () => {
  const twins = [{ id: "a", t: "甲", ll: [31, 121] }, { id: "b", t: "乙", ll: [31, 121], sv: ["研学"] }];
  const result = core.rankFinder(twins, { origin: PUDONG, grade: 0, services: ["研学"] });
  assert.deepEqual(result.items.map((i) => i.r.id), ["b", "a"]);
});

test("recommendations: the chosen subject weighs before distance", () => {
  const fieldsOf = (r) => r.fields || [];
  const bases = [
    { id: "garden", t: "植物园", ll: [40.0, 116.2], fields: ["生物与医药"] },
    { id: "centre", t: "科技馆", ll: [39.98, 116.3], g: [1, 12] },
    { id: "planetarium", t: "天文馆", ll: [39.94, 116.34], fields: ["天文与航天"] },
    { id: "far", t: "远方天文台", ll: [31, 121], fields: ["天文与航天"] },
  ];
  const result = core.rankRecommendBases(bases, { origin: [39.96, 116.3], radius: 300, from: 5, to: 5,
    fields: ["天文与航天"], fieldsOf });
  assert.deepEqual(result.items.map((i) => i.r.id), ["planetarium", "centre"]);
  assert.equal(result.unknown, 2); // planetarium: grade unrecorded; centre: subject unrecorded
});

test("shortlist refs from a URL or storage are untrusted", () => {
  const known = (ref) => ref === "courses/a" || ref === "bases/b";
  let r = core.parseRefs("courses/a,__proto__,constructor,courses/__proto__,bases/zz,courses/a,,bases/b", known);
  assert.deepEqual(r.refs, ["courses/a", "bases/b"]);
  assert.equal(r.dropped + r.unknown, 5);
  assert.equal(r.broken, false);
  r = core.parseRefs({ length: 2, 0: "courses/a" });
  assert.deepEqual(r.refs, []);
  assert.equal(r.broken, true);
  r = core.parseRefs([5, null, {}, "courses/a", ["courses/a"], "courses/a "]);
  assert.deepEqual(r.refs, ["courses/a"]);
  assert.equal(core.parseRefs("", known).refs.length, 0);
  assert.equal(core.parseRefs(Array(900).fill(0).map((_, i) => "courses/x" + i)).refs.length, 500);
  assert.equal(core.hasOwn({}, "__proto__"), false);
  assert.equal(core.hasOwn({}, "constructor"), false);
  assert.equal(core.hasOwn({ a: 1 }, "a"), true);
});

test("CSV cells never become formulas", () => {
  assert.equal(core.csvCell("=HYPERLINK(\"http://evil\",\"x\")"), "\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"");
  for (const start of ["=", "+", "-", "@", "\t", "\r"]) assert.ok(core.csvCell(start + "1").startsWith("'") || core.csvCell(start + "1").startsWith("\"'"), start);
  assert.equal(core.csvCell("4–6"), "4–6");
  assert.equal(core.csvCell("a,b"), "\"a,b\"");
  assert.equal(core.csvCell(null), "");
});

test(".ics text: escaped, no raw line breaks, folded at 75 octets", () => {
  assert.equal(core.icsText("a,b;c\\d"), "a\\,b\\;c\\\\d");
  assert.equal(core.icsText("甲\r\n乙\r丙\n丁\u2028戊\u2029己\u0085庚\u000c辛"), "甲\\n乙\\n丙\\n丁\\n戊\\n己\\n庚辛");
  const cal = core.icsCalendar("测试", [{ uid: "x@kejiao", summary: "【示例】【开放日】" + "很长的标题".repeat(20),
    start: "2026-12-31", end: "2026-12-31", description: "第一行\n第二行", url: "https://example.org/a" }], "20261122T000000Z");
  const lines = cal.split("\r\n");
  assert.equal(lines.pop(), "");
  for (const line of lines) {
    assert.ok(Buffer.byteLength(line, "utf8") <= 75, line);
    assert.ok(!/[\r\n\u2028\u2029\u0085]/.test(line));
  }
  const unfolded = cal.replace(/\r\n /g, "");
  assert.match(unfolded, /DTSTART;VALUE=DATE:20261231\r\n/);
  assert.match(unfolded, /DTEND;VALUE=DATE:20270101\r\n/);
  assert.match(unfolded, /DESCRIPTION:第一行\\n第二行\r\n/);
  assert.ok(unfolded.includes("SUMMARY:【示例】【开放日】" + "很长的标题".repeat(20)));
  const unsafe = core.icsCalendar("x", [{ uid: "y", summary: "s", start: "2026-01-01", url: "javascript:alert(1)" }], "20260101T000000Z");
  assert.ok(!unsafe.includes("URL:"));
});

// --- issue 15: which shards a tool loads -------------------------------------------------------

test("ref buckets agree with the build's hash (appshards.ref_hash)", () => {
  assert.equal(core.refBucket("bases/abc", 512), 14);
  assert.equal(core.refBucket("bases/abc", 1), 0);
  const cases = process.env.KEJIAO_REF_CASES;
  if (!cases) return; // run from pytest: many refs, against Python
  for (const [ref, buckets, bucket] of JSON.parse(fs.readFileSync(cases, "utf8"))) {
    assert.equal(core.refBucket(ref, buckets), bucket, ref);
  }
});

test("months between two dates, across a year", () => {
  assert.deepEqual(core.monthsBetween("2026-11-22", "2026-12-22"), ["2026-11", "2026-12"]);
  assert.deepEqual(core.monthsBetween("2026-11-22", "2027-02-20"), ["2026-11", "2026-12", "2027-01", "2027-02"]);
  assert.deepEqual(core.monthsBetween("2026-11-01", "2026-11-30"), ["2026-11"]);
});

test("a box's distance never exceeds the distance to any point in it", () => {
  const box = [30, 118, 32, 122]; // south, west, north, east
  assert.equal(core.boxDistanceKm([31, 120], box), 0);
  assert.equal(core.boxDistanceKm([31, 120], null), Infinity);
  let seed = 1;
  const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  for (let i = 0; i < 2000; i++) {
    const p = [10 + 45 * rnd(), 75 + 60 * rnd()];
    const q = [box[0] + (box[2] - box[0]) * rnd(), box[1] + (box[3] - box[1]) * rnd()];
    assert.ok(core.boxDistanceKm(p, box) <= core.distanceKm(p, q), JSON.stringify([p, q]));
  }
  // and it is close: from 上海 to a box around 北京 about 1,000 km, not 0
  const km = core.boxDistanceKm([31.23, 121.47], [39.4, 115.4, 41.1, 117.5]);
  assert.ok(km > 900 && km < 1070, String(km));
});

test("the finder loads the nearest shard, then only those that can hold a nearer record", () => {
  const shards = { 31: { n: 4, box: [31.0, 121.3, 31.4, 121.6] }, 11: { n: 8, box: [39.8, 116.2, 40.0, 116.5] },
    33: { n: 3, box: [30.1, 120.1, 30.4, 120.3] }, none: { n: 1, box: null } };
  const plan = core.shardsByDistance(shards, [31.2, 121.5]);
  assert.deepEqual(plan.map((s) => s.key), ["31", "33", "11", "none"]);
  const loaded = {};
  assert.deepEqual(core.nearShards(plan, loaded, [], 2).map((s) => s.key), ["31"]);
  loaded[31] = true;
  // two found within 5 km: nothing else can be nearer
  assert.deepEqual(core.nearShards(plan, loaded, [1, 5], 2), []);
  assert.equal(core.frontierKm(plan, loaded), plan[1].km);
  // the second found is 400 km away: 浙江 (~130 km) may hold a nearer one, 北京 cannot
  assert.deepEqual(core.nearShards(plan, loaded, [1, 400], 2).map((s) => s.key), ["33"]);
  // fewer found than asked for: the next ring (up to four nearest), here all that is left
  assert.deepEqual(core.nearShards(plan, loaded, [1], 2).map((s) => s.key), ["33", "11", "none"]);
  const many = {};
  for (let i = 0; i < 10; i++) many["p" + i] = { n: 1, box: [30 + i, 120, 30.5 + i, 121] };
  const far = core.shardsByDistance(many, [29, 120.5]);
  assert.deepEqual(core.nearShards(far, { p0: true }, [100], 5).map((s) => s.key), ["p1", "p2", "p3", "p4"]);
  ["33", "11", "none"].forEach((k) => { loaded[k] = true; });
  assert.equal(core.frontierKm(plan, loaded), Infinity);
});

test("a shard split by subject: only the chosen subjects' parts (each holds the unrecorded ones too)", () => {
  const split = { n: 9, by: { 0: 3, 2: 4, x: 2 } };
  assert.deepEqual(core.shardFiles(split, "31", [2]), ["31-2"]);
  assert.deepEqual(core.shardFiles(split, "31", [2, 0]), ["31-2", "31-0"]);
  assert.deepEqual(core.shardFiles(split, "31", [1]), ["31-x"]); // no record about 1: the unrecorded
  assert.deepEqual(core.shardFiles(split, "31", [1, 3]), ["31-x"]); // once
  assert.deepEqual(core.shardFiles({ n: 9, by: { 0: 9 } }, "31", [1]), []); // nothing can fit
  assert.deepEqual(core.shardFiles(split, "31", []), ["31"]); // no subject chosen: the whole shard
  assert.deepEqual(core.shardFiles({ n: 2 }, "00", [2]), ["00"]); // not split
  assert.deepEqual(core.shardFiles(undefined, "00", [2]), []);
});

test("the part whose validity ended before the content's date only when asked for", () => {
  assert.deepEqual(core.shardFiles({ n: 2, ended: 3 }, "00", [], false), ["00"]);
  assert.deepEqual(core.shardFiles({ n: 2, ended: 3 }, "00", [], true), ["00", "00-e"]);
  assert.deepEqual(core.shardFiles({ n: 0, ended: 3 }, "00", [], false), []); // an empty file: not asked for
  assert.deepEqual(core.shardFiles({ n: 0, ended: 3 }, "00", [], true), ["00-e"]);
  assert.deepEqual(core.shardFiles({ n: 9, by: { 2: 9 }, ended: 1 }, "00", [2], true), ["00-2", "00-e"]);
});

test("records from several parts once each, a topic list's items merged without changing the parts", () => {
  const a = { k: 3, id: "l", t: "清单", it: [["天文", "e1", "天文与航天", null, null], ["未注明", "e2", null, null, null]] };
  const b = { k: 3, id: "l", t: "清单", it: [["机器人", "e3", "机械与电子", null, null], ["未注明", "e2", null, null, null]] };
  const c = { k: 0, id: "l", t: "同编号的课程" };
  const out = core.uniqueRecords([a, c, b, { k: 0, id: "l", t: "again" }]);
  assert.deepEqual(out.map((r) => r.k + "/" + r.id), ["3/l", "0/l"]);
  assert.deepEqual(out[0].it.map((i) => i[0]), ["天文", "未注明", "机器人"]); // each item once
  assert.equal(a.it.length, 2); // the loaded record is not changed
  assert.equal(out[1], c);
});
