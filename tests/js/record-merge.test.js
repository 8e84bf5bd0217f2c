// record-merge.js (what /admin/ writes when it saves an existing record): comments and unchanged
// text survive an edit. `node --test tests/js/` (tests/test_tools.py and tests/test_admin.py run it).
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");

const ROOT = path.join(__dirname, "..", "..");
globalThis.jsyaml = require(path.join(ROOT, "docs", "editor", "js-yaml.min.js")); // the shipped copy
require(path.join(ROOT, "docs", "editor", "record-yaml.js"));
require(path.join(ROOT, "docs", "editor", "record-merge.js"));
const { RecordYaml, RecordMerge, jsyaml } = globalThis;

const schema = (kind) => JSON.parse(fs.readFileSync(path.join(ROOT, "schemas", kind + ".schema.json"), "utf8"));
const BASE = schema("base");
const COURSE = schema("course");
const load = (text) => jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA });

// What /admin/ does on save: the form's data (here: the file's data changed by `edit`), cleaned.
function save(text, edit, doc = BASE, kind = "base") {
  const data = structuredClone(load(text));
  data.id = "ce-shi"; // the id widget puts the file name in
  if (edit) edit(data);
  return RecordMerge.merge(kind, text, RecordYaml.clean(data, doc, doc), doc);
}

const commented = `# yaml-language-server: $schema=../../schemas/base.schema.json
# 来源：场馆官网 2026-11 核对
name: 测试科技馆  # 全称
summary: 一个用于测试的基地。
description: |
  第一段。
  # 这一行是正文，不是注释
  第二段。
category: 科技场馆类
type: 科技馆
region: "110108"  # 海淀区
address: 北京市海淀区测试路 1 号
opening_hours:
  # 旺季
  - days: [周二, 周三]  # 周一闭馆
    opens: "09:00"
    # 冬季提前闭馆
    closes: "17:00"
  # 周末
  - days: [周六]
    opens: "09:30"
    closes: "16:30"
services: [研学, 开放日]
last_verified: 2026-11-20
source:
  title: 测试科技馆官网  # 页面标题
  url: https://example.org/
# 文件末尾的说明
`;

function commentsOf(text) {
  return RecordMerge.commentTexts(RecordMerge.layout(text));
}

test("nothing changed: the file comes back byte for byte", () => {
  assert.equal(save(commented), commented);
  const plain = commented.replace(/ *#[^\n]*\n/g, (m) => (m.startsWith("#") ? "" : "\n"));
  assert.equal(save(plain), plain);
  const crlf = commented.replace(/\n/g, "\r\n");
  assert.equal(save(crlf), crlf);
});

test("the layout finds every comment and none inside block scalars", () => {
  const found = commentsOf(commented);
  assert.equal(found.length, 10);
  assert.ok(!found.some((c) => c.includes("这一行是正文")));
  assert.ok(found.includes("# 海淀区") && found.includes("# 文件末尾的说明"));
});

test("one field changed: only its line changes, every comment stays in place", () => {
  const out = save(commented, (d) => { d.summary = "新的简介。"; });
  assert.equal(out, commented.replace("summary: 一个用于测试的基地。", "summary: 新的简介。"));
});

test("a changed value keeps the comment written after it", () => {
  const out = save(commented, (d) => { d.region = "110105"; d.name = "新名称"; });
  assert.ok(out.includes('region: "110105"  # 海淀区\n'), out);
  assert.ok(out.includes("name: 新名称  # 全称\n"), out);
  assert.deepEqual(commentsOf(out), commentsOf(commented));
});

test("a change inside a list item keeps the comments before the item and inside it", () => {
  const out = save(commented, (d) => { d.opening_hours[0].closes = "16:00"; });
  assert.equal(out, commented.replace('closes: "17:00"', 'closes: "16:00"'));
  const days = save(commented, (d) => { d.opening_hours[0].days = ["周二"]; });
  assert.equal(days, commented.replace("days: [周二, 周三]  # 周一闭馆", "days: [周二]  # 周一闭馆"));
});

test("a deleted list item leaves its comments, the other item keeps its own", () => {
  const out = save(commented, (d) => { d.opening_hours.shift(); });
  assert.deepEqual(commentsOf(out), commentsOf(commented));
  assert.ok(out.includes("  # 周末\n  - days: [周六]\n"), out);
  assert.ok(!out.includes("周二"), out);
  // the comments of the removed item stand where it was, before the remaining one
  assert.ok(out.indexOf("# 冬季提前闭馆") < out.indexOf("# 周末"), out);
  assert.ok(out.indexOf("# 旺季") < out.indexOf("# 冬季提前闭馆"), out);
  assert.deepEqual(RecordYaml.clean(load(out), BASE, BASE).opening_hours,
    [{ days: ["周六"], opens: "09:30", closes: "16:30" }]);
});

test("deleting the first field of a list item moves the dash, keeps the comment", () => {
  const out = save(commented, (d) => { delete d.opening_hours[0].days; });
  assert.ok(out.includes('    # 周一闭馆\n  - opens: "09:00"\n'), out);
  assert.deepEqual(commentsOf(out), commentsOf(commented));
});

test("a deleted field leaves its comments where it was", () => {
  const out = save(commented, (d) => { delete d.region; delete d.source.title; });
  assert.ok(!/region:/.test(out));
  assert.ok(out.includes("address: 北京市海淀区测试路 1 号\n"), out);
  assert.ok(out.includes("type: 科技馆\n# 海淀区\naddress:"), out);
  assert.ok(out.includes("source:\n  # 页面标题\n  url: https://example.org/\n"), out);
  assert.deepEqual(commentsOf(out), commentsOf(commented));
});

test("an added item and an added field are written like dump writes them", () => {
  const out = save(commented, (d) => {
    d.opening_hours.push({ days: ["周日"], opens: "10:00", closes: "15:00" });
    d.website = "https://example.org/site";
  });
  assert.ok(out.includes('  - days: [周日]\n    opens: "10:00"\n    closes: "15:00"\nservices:'), out);
  assert.ok(out.includes("website: https://example.org/site\n"), out);
  assert.deepEqual(commentsOf(out), commentsOf(commented));
});

test("a changed block scalar keeps the comment after its indicator; # lines stay text", () => {
  const text = commented.replace("description: |", "description: |  # 馆方介绍");
  const out = save(text, (d) => { d.description = "新的第一段。\n# 仍是正文\n"; });
  assert.ok(out.includes("description: |  # 馆方介绍\n  新的第一段。\n  # 仍是正文\ncategory:"), out);
  assert.equal(load(out).description, "新的第一段。\n# 仍是正文\n");
  assert.equal(commentsOf(out).filter((c) => c.includes("正文")).length, 0);
});

test("the trailing comment of the file stays at the end", () => {
  const out = save(commented, (d) => { d.services = ["研学"]; });
  assert.ok(out.endsWith("  url: https://example.org/\n# 文件末尾的说明\n"), out);
  assert.ok(out.includes("services: [研学]\n"));
});

test("a CRLF file stays CRLF when a field changes", () => {
  const crlf = commented.replace(/\n/g, "\r\n");
  const out = save(crlf, (d) => { d.summary = "新的简介。"; });
  assert.equal(out, crlf.replace("summary: 一个用于测试的基地。", "summary: 新的简介。"));
  const block = save(crlf, (d) => { d.summary = "两行\n简介"; d.opening_hours.push({ days: ["周日"] }); });
  assert.ok(!/[^\r]\n/.test(block), JSON.stringify(block));
  assert.ok(block.includes("summary: |-\r\n  两行\r\n  简介\r\n"), JSON.stringify(block));
});

test("hand-written spellings of unchanged fields are kept", () => {
  const text = `# yaml-language-server: $schema=../../schemas/base.schema.json
name: '测试科技馆'
summary: >-
  折叠的
  简介
category: 科技场馆类
type: 科技馆
region: '110108'
address: "北京市海淀区测试路 1 号"
services:
- 研学   # 主要
- 开放日
last_verified: 2026-11-20
source: {title: 官网, url: "https://example.org/"}  # 行内写法
`;
  assert.equal(save(text), text);
  const out = save(text, (d) => { d.address = "北京市海淀区测试路 2 号"; d.services.push("送课进校"); });
  assert.equal(out, text
    .replace('address: "北京市海淀区测试路 1 号"', "address: 北京市海淀区测试路 2 号")
    .replace("- 开放日\n", "- 开放日\n- 送课进校\n"));
  const flow = save(text, (d) => { d.source.title = "新官网"; });
  assert.ok(flow.includes("source:  # 行内写法\n  title: 新官网\n  url: https://example.org/\n"), flow);
});

test("multi-line flow lists and quoted text: comments inside are found, # in quotes is text", () => {
  const text = `# yaml-language-server: $schema=../../schemas/base.schema.json
name: "测试 # 不是注释"
summary: '它''s # 也不是'
category: 科技场馆类
type: 科技馆
services: [研学,  # 第一项
  开放日]
`;
  const found = commentsOf(text);
  assert.deepEqual(found, ["# yaml-language-server: $schema=../../schemas/base.schema.json", "# 第一项"]);
  const out = save(text, (d) => { d.services = ["研学"]; });
  assert.ok(out.includes("services: [研学]  # 第一项\n"), out);
});

test("values YAML 1.1 would misread are quoted in changed fields", () => {
  const out = save(commented, (d) => {
    d.opening_hours[1].opens = "08:00";
    d.hours_note = "yes";
    d.region = "010108";
  });
  assert.ok(out.includes('opens: "08:00"') && out.includes('hours_note: "yes"') && out.includes('region: "010108"'), out);
});

test("a course: a lesson removed from the middle, comments of the others stay with them", () => {
  const text = `# yaml-language-server: $schema=../../schemas/course.schema.json
title: 测试课程
summary: 简介。
base: ce-shi
course_type: 校本课程
fields: [天文与航天]
grades:
  from: 4
  to: 6
hours: 6
lessons:
  # 第一课
  - title: 一
    hours: 2
  # 第二课（要删掉）
  - title: 二
    hours: 2
  # 第三课
  - title: 三
    hours: 2  # 两课时
mode: 线下
last_verified: 2026-11-20
source:
  title: 来源
`;
  const out = save(text, (d) => { d.lessons.splice(1, 1); d.hours = 4; }, COURSE, "course");
  assert.ok(out.includes("  # 第一课\n  - title: 一\n    hours: 2\n  # 第二课（要删掉）\n  # 第三课\n  - title: 三\n    hours: 2  # 两课时\n"), out);
  assert.ok(out.includes("hours: 4\n"));
});

test("what the merge cannot follow stops the save with a message when there are comments", () => {
  const anchored = `# yaml-language-server: $schema=../../schemas/base.schema.json
name: &n 测试科技馆  # 锚点
summary: 简介。
category: 科技场馆类
type: 科技馆
`;
  assert.throws(() => save(anchored, (d) => { d.summary = "新"; }), /无法保存：.*第 2 行.*锚点/);
  // without comments there is nothing to lose: written as a new file would be
  const bare = anchored.replace("  # 锚点", "");
  const out = save(bare, (d) => { d.summary = "新"; });
  assert.equal(out, RecordYaml.dump("base", RecordYaml.clean({ ...load(bare), summary: "新" }, BASE, BASE), BASE));
});

test("the layout reads every shipped record the way js-yaml does", () => {
  let count = 0;
  for (const folder of fs.readdirSync(path.join(ROOT, "content"))) {
    const dir = path.join(ROOT, "content", folder);
    if (!fs.statSync(dir).isDirectory()) continue;
    for (const name of fs.readdirSync(dir).filter((n) => n.endsWith(".yml"))) {
      const text = fs.readFileSync(path.join(dir, name), "utf8");
      const kind = /schemas\/(\w+)\.schema\.json/.exec(text)[1];
      const doc = schema(kind);
      // unchanged: identical; the first field changed: only that line
      assert.equal(save(text, null, doc, kind), text, name);
      const first = Object.keys(load(text))[0];
      const out = save(text, (d) => { d[first] = "改过的值"; }, doc, kind);
      assert.equal(out.split("\n").filter((l, k) => l !== text.split("\n")[k]).length, 1, name);
      count++;
    }
  }
  assert.ok(count > 50, count);
});

test("reordered list items take their comments with them", () => {
  const out = save(commented, (d) => { d.opening_hours.reverse(); });
  assert.ok(out.indexOf("# 周末") < out.indexOf("# 旺季"), out);
  assert.ok(out.indexOf("- days: [周六]") < out.indexOf("- days: [周二, 周三]  # 周一闭馆"), out);
  assert.deepEqual(commentsOf(out), commentsOf(commented));
  assert.deepEqual(load(out).opening_hours.map((h) => h.days[0]), ["周六", "周二"]);
});

test("one item deleted and another changed: the changed one keeps its own comments", () => {
  const text = commented.replace("services: [研学, 开放日]\n",
    "services: [研学, 开放日]\nopen_days:\n  # 冬季\n  - title: 天文开放日\n    date: 2026-12-05\n" +
    "  # 春季（取消）\n  - title: 春季开放日\n    date: 2027-03-05\n  # 夏季\n  - title: 夏季开放日\n    date: 2027-07-05  # 暂定\n");
  const out = save(text, (d) => { d.open_days.splice(1, 1); d.open_days[1].date = "2027-07-12"; });
  assert.ok(out.includes("  # 春季（取消）\n  # 夏季\n  - title: 夏季开放日\n    date: 2027-07-12  # 暂定\n"), out);
  assert.deepEqual(commentsOf(out), commentsOf(text));
});

test("a new nested field goes in the schema's place; a multi-line plain text stays", () => {
  const text = commented.replace("summary: 一个用于测试的基地。\n", "summary: 一个用于\n  测试的基地。  # 两行\n");
  assert.equal(load(text).summary, "一个用于 测试的基地。");
  const out = save(text, (d) => { d.coordinates = { lat: 39.9, lon: 116.3, datum: "WGS-84" }; });
  assert.ok(out.includes("summary: 一个用于\n  测试的基地。  # 两行\n"), out);
  assert.ok(out.includes("address: 北京市海淀区测试路 1 号\ncoordinates:\n  lat: 39.9\n  lon: 116.3\n  datum: WGS-84\nopening_hours:"), out);
  const changed = save(text, (d) => { d.summary = "新的简介。"; });
  assert.ok(changed.includes("summary: 新的简介。  # 两行\n"), changed);
});

test("a list item written with its dash alone on a line", () => {
  const text = commented.replace("  - days: [周六]\n    opens:", "  -  # 周末的一项\n    days: [周六]\n    opens:");
  assert.equal(save(text), text);
  const out = save(text, (d) => { d.opening_hours[1].opens = "10:00"; });
  assert.equal(out, text.replace('opens: "09:30"', 'opens: "10:00"'));
});
