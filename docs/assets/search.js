/* 科教资源目录: the header search over the catalogue's split index (search/, built by
   kejiao/render/search_index.py). Nothing is downloaded until the box is used; then meta.json, and
   per query only the posting shards of its terms and the record files of the results shown.
   Forgiving: traditional characters, pinyin (tianwen, tw), homophone slips (机器仁), the
   maintainers' synonyms (奥赛), stage and grade words (初中, 五年级). Several words narrow. */
(function () {
  "use strict";

  var shared = window.kejiao;
  var root = shared.root;
  // Field bits as the index writes them, best first: [bit, weight, label, position in a record row].
  var FIELDS = [[1, 100, "标题", 2], [2, 50, "地区", 4], [4, 30, "关键词", 5], [8, 25, "学段", 6],
    [32, 10, "简介", 3], [16, 5, "地址", 7]];
  var LIMIT = 10; // a phone screen shows fewer; "显示更多" adds more
  var PROMPT = "输入关键词，例如 天文、机器人、海淀区、初中";

  var SEPARATORS = /[\s,，、;；。.!！?？·:：]+/;
  var metaPromise = null, pinyinPromise = null, shards = {}, chunks = {}, decoded = {};

  function getJSON(path) {
    return fetch(new URL(path, root)).then(function (r) {
      if (!r.ok) throw new Error(r.status);
      return r.json();
    });
  }

  function loadMeta() {
    if (!metaPromise) {
      metaPromise = getJSON("search/meta.json").then(function (meta) {
        meta.t2sMap = {};
        for (var i = 0; i + 1 < meta.t2s.length; i += 2) meta.t2sMap[meta.t2s[i]] = meta.t2s[i + 1];
        meta.syllableSet = {};
        meta.syllables.forEach(function (s) { meta.syllableSet[s] = true; });
        return meta;
      });
    }
    return metaPromise;
  }

  function loadPinyin() {
    if (!pinyinPromise) {
      pinyinPromise = getJSON("search/pinyin.json").then(function (table) {
        var byChar = {};
        Object.keys(table).forEach(function (s) {
          for (var i = 0; i < table[s].length; i++) byChar[table[s][i]] = s;
        });
        return byChar;
      });
    }
    return pinyinPromise;
  }

  function shardOf(term, count) { // FNV-1a over UTF-16 code units, as search_index.shard_of
    var h = 0x811c9dc5;
    for (var i = 0; i < term.length; i++) {
      h ^= term.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h % count;
  }

  function postings(meta, term) { // → Promise of {doc: fields}
    if (decoded[term]) return Promise.resolve(decoded[term]);
    var n = shardOf(term, meta.shards);
    if (!shards[n]) shards[n] = getJSON("search/t/" + n + ".json");
    return shards[n].then(function (shard) {
      var flat = shard[term] || [], out = new Map(), doc = 0;
      for (var i = 0; i < flat.length; i += 2) { doc += flat[i]; out.set(doc, flat[i + 1]); }
      decoded[term] = out;
      return out;
    });
  }

  function records(docs, meta) { // → Promise of {doc: row}
    var needed = {};
    docs.forEach(function (d) { needed[Math.floor(d / meta.chunk)] = true; });
    return Promise.all(Object.keys(needed).map(function (c) {
      if (!chunks[c]) chunks[c] = getJSON("search/d/" + c + ".json");
      return chunks[c].then(function (rows) { return [Number(c), rows]; });
    })).then(function (loaded) {
      var byChunk = {}, out = {};
      loaded.forEach(function (pair) { byChunk[pair[0]] = pair[1]; });
      docs.forEach(function (d) { out[d] = byChunk[Math.floor(d / meta.chunk)][d % meta.chunk]; });
      return out;
    });
  }

  /* Before meta.json has arrived: start loading the shards of the query's literal terms, whose file
     numbers the page knows (data-kj-shards, the index's shard count). The plans made once meta.json
     is in reuse these requests, so a plain query costs one round trip less. Pinyin-only words wait
     for meta.json (their terms depend on its syllable list). */
  function prefetch(query, count) {
    if (!count) return;
    query.normalize("NFKC").toLowerCase().split(SEPARATORS).forEach(function (word) {
      if (!word || /^[a-z]+$/.test(word)) return;
      textTerms(word).forEach(function (term) {
        var n = shardOf(term, count);
        if (shards[n]) return;
        shards[n] = getJSON("search/t/" + n + ".json");
        shards[n].catch(function () {}); // a page older than the index may name a shard that is gone
      });
    });
  }

  /* Query text → words, as the index normalises text (NFKC, lower case, simplified). */
  function normalise(text, meta) {
    var s = text.normalize("NFKC").toLowerCase(), out = "";
    for (var i = 0; i < s.length; i++) out += meta.t2sMap[s[i]] || s[i];
    return out;
  }

  function words(query, meta) {
    return normalise(query, meta).split(SEPARATORS).filter(Boolean).map(function (word) {
      // Pinyin typed with tone marks (tiānwén, lǜsè) reads as the index's toneless syllables.
      var bare = word.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
      return bare !== word && /^[a-z]+$/.test(bare) ? bare : word;
    });
  }

  function textTerms(word) { // as search_index.text_terms, without title unigrams
    var runs = word.match(/[\u3400-\u9fffa-z0-9]+/g) || [], terms = [];
    runs.forEach(function (run) {
      if (run.length === 1) terms.push(run);
      for (var i = 0; i + 1 < run.length; i++) terms.push(run.slice(i, i + 2));
    });
    return terms;
  }

  function syllablePairs(syllables) {
    var terms = [];
    for (var i = 0; i + 1 < syllables.length; i++) terms.push(syllables[i] + " " + syllables[i + 1]);
    return terms;
  }

  function segmentPinyin(word, meta) { // "tianwen" → ["tian", "wen"], longest syllables first
    var best = [null];
    (function walk(at, found) {
      if (best[0]) return;
      if (at === word.length) { best[0] = found.slice(); return; }
      for (var len = Math.min(6, word.length - at); len >= 1; len--) {
        var s = word.slice(at, at + len);
        if (meta.syllableSet[s]) { found.push(s); walk(at + len, found); found.pop(); }
      }
    })(0, []);
    return best[0];
  }

  /* The ways a word can match: each plan's terms must all hold in one field of a record. */
  function plans(word, meta) {
    var out = [];
    (meta.stages[word] || []).forEach(function (term) {
      out.push({ terms: [term], weight: 1, how: "stage" });
    });
    out.push({ terms: textTerms(word), weight: 1, how: "text", text: word });
    Object.keys(meta.synonyms).forEach(function (key) {
      if (word.indexOf(key) < 0) return;
      meta.synonyms[key].forEach(function (alt) {
        var text = word.replace(key, alt);
        out.push({ terms: textTerms(text), weight: word === key ? 0.9 : 0.85, how: "synonym", text: text });
      });
    });
    if (/^[a-z]+$/.test(word)) {
      var syllables = segmentPinyin(word, meta);
      if (syllables && syllables.length > 1) out.push({ terms: syllablePairs(syllables), weight: 0.8, how: "pinyin" });
      if (word.length >= 2 && word.length <= 4) {
        var initials = [];
        for (var i = 0; i + 1 < word.length; i++) initials.push("~" + word.slice(i, i + 2));
        out.push({ terms: initials, weight: 0.6, how: "initials" });
      }
    }
    return out.filter(function (p) { return p.terms.length; });
  }

  function fieldWeight(bits) {
    for (var i = 0; i < FIELDS.length; i++) if (bits & FIELDS[i][0]) return FIELDS[i];
    return null;
  }

  function matchPlan(plan, meta) { // → Promise of Map doc → fields where every term holds
    return Promise.all(plan.terms.map(function (t) { return postings(meta, t); })).then(function (lists) {
      if (lists.length === 1) return lists[0]; // read-only from here on: no copy of a long list
      lists.sort(function (a, b) { return a.size - b.size; });
      var out = new Map();
      lists[0].forEach(function (bits, doc) {
        for (var i = 1; i < lists.length && bits; i++) bits &= lists[i].get(doc) || 0;
        if (bits) out.set(doc, bits);
      });
      return out;
    });
  }

  /* One word → Map doc → {score, bits, plan}, by its literal, stage, synonym and pinyin plans. */
  function matchWord(word, meta) {
    var wordPlans = plans(word, meta);
    return Promise.all(wordPlans.map(function (p) { return matchPlan(p, meta); })).then(function (results) {
      var hits = new Map();
      results.forEach(function (docs, i) { merge(hits, docs, wordPlans[i]); });
      return hits;
    });
  }

  /* A word no plan matched, read as a homophone slip (机器仁 → ji qi ren → 机器人). */
  function matchHomophones(word, meta) {
    var hits = new Map();
    if (!/[\u3400-\u9fff].*[\u3400-\u9fff]/.test(word)) return Promise.resolve(hits);
    return loadPinyin().then(function (byChar) {
      var runs = word.match(/[\u3400-\u9fff]+/g) || [], terms = [];
      runs.forEach(function (run) {
        var syllables = run.split("").map(function (c) { return byChar[c] || ""; });
        syllablePairs(syllables).forEach(function (t) { if (!/^ | $/.test(t)) terms.push(t); });
      });
      if (!terms.length) return hits;
      var plan = { terms: terms, weight: 0.5, how: "homophone" };
      return matchPlan(plan, meta).then(function (docs) { merge(hits, docs, plan); return hits; });
    });
  }

  /* Teachers type without spaces: 北京科技馆, 小学天文, 物理竞赛. When a word matches nothing as a
     whole, read it as the fewest parts of two or more characters that each match something (an ASCII
     run such as "stem" is never cut), and let the parts narrow like separate words. Every part's
     terms are the word's own bigrams, already loaded, or its stage and synonym terms. Of the splits
     with the fewest parts, the one that finds the most records wins. → Promise of
     {words, hits} or null when no split covers the word. */
  var MAX_SPLIT = 12;
  function splitWord(word, meta) {
    var n = word.length;
    if (n < 4 || n > MAX_SPLIT || !/[\u3400-\u9fff]/.test(word)) return Promise.resolve(null); // two parts of two
    var cut = function (i) { // a part may start or end at i unless i is inside an ASCII run
      return i === 0 || i === n || !(/[a-z0-9]/.test(word[i - 1]) && /[a-z0-9]/.test(word[i]));
    };
    var parts = [];
    for (var i = 0; i < n; i++) {
      if (!cut(i)) continue;
      for (var j = i + 2; j <= n; j++) if (cut(j) && !(i === 0 && j === n)) parts.push([i, j]);
    }
    return Promise.all(parts.map(function (p) { return matchWord(word.slice(p[0], p[1]), meta); })).then(function (found) {
      var from = {}; // start → [[end, hits]] of the parts that match
      parts.forEach(function (p, k) { if (found[k].size) (from[p[0]] = from[p[0]] || []).push([p[1], found[k]]); });
      var fewest = [], covers = [];
      fewest[n] = 0;
      for (var at = n - 1; at >= 0; at--) { // fewest parts from `at` to the end
        (from[at] || []).forEach(function (e) {
          if (fewest[e[0]] !== undefined && (fewest[at] === undefined || fewest[e[0]] + 1 < fewest[at])) fewest[at] = fewest[e[0]] + 1;
        });
      }
      if (fewest[0] === undefined) return null;
      (function walk(at, taken) { // every split with the fewest parts (few: words are short)
        if (covers.length >= 16) return;
        if (at === n) { covers.push(taken.slice()); return; }
        (from[at] || []).forEach(function (e) {
          if (fewest[e[0]] === fewest[at] - 1) { taken.push([word.slice(at, e[0]), e[1]]); walk(e[0], taken); taken.pop(); }
        });
      })(0, []);
      var best = null, bestCount = -1;
      covers.forEach(function (cover) {
        var count = countAll(cover.map(function (c) { return c[1]; }));
        if (count > bestCount) { best = cover; bestCount = count; }
      });
      return { words: best.map(function (c) { return c[0]; }), hits: best.map(function (c) { return c[1]; }) };
    });
  }

  function countAll(lists) { // records every list holds
    var order = lists.slice().sort(function (a, b) { return a.size - b.size; }), count = 0;
    order[0].forEach(function (_, doc) {
      for (var i = 1; i < order.length; i++) if (!order[i].has(doc)) return;
      count++;
    });
    return count;
  }

  function merge(hits, docs, plan) {
    docs.forEach(function (bits, doc) {
      var field = fieldWeight(bits), score = plan.weight * field[1], seen = hits.get(doc);
      if (!seen || score > seen.score) hits.set(doc, { score: score, bits: bits, plan: plan, field: field });
    });
  }

  /* Each word: its plans; if none matches, its parts (splitWord); if it can't be split, its
     homophones. → Promise of [{word, words, hits}] */
  function matchWords(ws, meta) {
    return Promise.all(ws.map(function (w) {
      return matchWord(w, meta).then(function (hits) {
        if (hits.size) return { word: w, words: [w], hits: [hits] };
        return splitWord(w, meta).then(function (split) {
          if (split) return { word: w, words: split.words, hits: split.hits };
          return matchHomophones(w, meta).then(function (h) { return { word: w, words: [w], hits: [h] }; });
        });
      });
    }));
  }

  function search(query, meta) { // → Promise of {words, perWord, splits, count, top(k)}
    return matchWords(words(query, meta), meta).then(function (matched) {
      var ws = [], perWord = [], splits = [], scored = [], count = 0;
      matched.forEach(function (m) {
        if (m.words.length > 1) splits.push(m.words);
        ws = ws.concat(m.words);
        perWord = perWord.concat(m.hits);
      });
      if (ws.length) {
        var order = perWord.slice().sort(function (a, b) { return a.size - b.size; });
        order[0].forEach(function (_, doc) {
          var score = 0;
          for (var i = 0; i < perWord.length; i++) {
            var m = perWord[i].get(doc);
            if (!m) return; // every word must match
            score += m.score;
          }
          scored.push(doc, score);
          count++;
        });
      }
      return { words: ws, perWord: perWord, splits: splits, count: count, top: function (k) { return top(scored, k, perWord); } };
    });
  }

  /* The k best of [doc, score, doc, score, ...] (score, then display order), without sorting
     tens of thousands of hits on a phone's CPU. */
  function before(score, doc, hit) { return score > hit.score || (score === hit.score && doc < hit.doc); }

  function top(scored, k, perWord) {
    var best = [], i;
    if (k > 100) { // "show more" many times, or every hit (bench): a plain sort
      for (i = 0; i < scored.length; i += 2) best.push({ doc: scored[i], score: scored[i + 1] });
      best.sort(function (a, b) { return b.score - a.score || a.doc - b.doc; });
      best = best.slice(0, k);
      scored = [];
    }
    for (i = 0; i < scored.length; i += 2) {
      var doc = scored[i], score = scored[i + 1];
      if (best.length === k && !before(score, doc, best[k - 1])) continue;
      var at = best.length;
      while (at > 0 && before(score, doc, best[at - 1])) at--;
      best.splice(at, 0, { doc: doc, score: score });
      if (best.length > k) best.pop();
    }
    best.forEach(function (hit) {
      hit.matches = perWord.map(function (words) { return words.get(hit.doc); });
    });
    return best;
  }

  /* Suggestions when nothing matched: each word alone, and parts of a word that do match (their
     postings are already loaded). Parts that find more come first and parts may not overlap, so
     研学旅行 offers 研学, not 研学旅 or 学旅 (bigrams of 研学旅游 elsewhere). */
  function suggestions(result, meta) {
    var out = [];
    if (result.words.length > 1) {
      result.words.forEach(function (w, i) {
        if (result.perWord[i].size) out.push([w, result.perWord[i].size]);
      });
    }
    var pending = []; // [part, word index, start]
    result.words.forEach(function (w, i) {
      if (result.perWord[i].size || w.length < 3) return;
      for (var len = w.length - 1; len >= 2; len--) {
        for (var at = 0; at + len <= w.length; at++) pending.push([w.slice(at, at + len), i, at]);
      }
    });
    return Promise.all(pending.map(function (part) {
      return matchPlan({ terms: textTerms(part[0]) }, meta).then(function (docs) { return part.concat([docs.size]); });
    })).then(function (parts) {
      var taken = [];
      parts.filter(function (p) { return p[3]; }).sort(function (a, b) {
        return b[3] - a[3] || b[0].length - a[0].length || a[1] - b[1] || a[2] - b[2];
      }).forEach(function (p) {
        var overlaps = taken.some(function (t) { return t[1] === p[1] && t[2] < p[2] + p[0].length && p[2] < t[2] + t[0].length; });
        if (taken.length < 4 && !overlaps) taken.push(p);
      });
      taken.sort(function (a, b) { return a[1] - b[1] || a[2] - b[2]; }); // in the order typed
      taken.forEach(function (p) { if (!out.some(function (o) { return o[0] === p[0]; })) out.push([p[0], p[3]]); });
      return out;
    });
  }

  function highlight(text, marks) {
    var fragment = document.createDocumentFragment();
    var lower = normaliseForMarks(text);
    var i = 0;
    while (i < text.length) {
      var next = -1, length = 0;
      marks.forEach(function (w) {
        var at = lower.indexOf(w, i);
        if (at >= 0 && (next < 0 || at < next)) { next = at; length = w.length; }
      });
      if (next < 0) { fragment.appendChild(document.createTextNode(text.slice(i))); break; }
      fragment.appendChild(document.createTextNode(text.slice(i, next)));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(next, next + length);
      fragment.appendChild(mark);
      i = next + length;
    }
    return fragment;
  }

  function normaliseForMarks(text) { return text.toLowerCase(); }

  var HOW = { pinyin: "拼音", initials: "拼音首字母", homophone: "同音字", synonym: "同义词" };

  function why(hit, row) { // "地区：北京市 海淀区" for each word not matched in the title
    var parts = [];
    hit.matches.forEach(function (m) {
      var text = "";
      if (m.field[0] !== 1) text = m.field[2] + "：" + row[m.field[3]];
      if (HOW[m.plan.how]) text += (text ? "（" : "") + HOW[m.plan.how] + (m.plan.how === "synonym" ? " " + m.plan.text : "") + (text ? "）" : "");
      if (text && parts.indexOf(text) < 0) parts.push(text);
    });
    return parts.join("；");
  }

  function link(text, href) {
    var a = document.createElement("a");
    a.href = href;
    a.textContent = text;
    return a;
  }

  function renderHelp(result, meta, help, input, run) {
    help.textContent = "";
    return suggestions(result, meta).then(function (found) {
      if (found.length) {
        var p = document.createElement("p");
        p.appendChild(document.createTextNode("试试："));
        found.forEach(function (pair) {
          var button = document.createElement("button");
          button.type = "button";
          button.className = "kj-search__suggest";
          button.textContent = pair[0] + "（" + pair[1] + " 条）";
          button.addEventListener("click", function () { input.value = pair[0]; run(); input.focus(); });
          p.appendChild(button);
        });
        help.appendChild(p);
      }
      var browse = document.createElement("p");
      browse.appendChild(document.createTextNode("或按类别浏览并筛选："));
      var filters = [];
      result.words.forEach(function (w) {
        (meta.stages[w] || []).forEach(function (term) {
          var grade = /^@g(\d+)$/.exec(term);
          filters.push(grade ? ["grade", grade[1]] : ["stage", term.slice(1)]);
        });
      });
      meta.kinds.forEach(function (kind) {
        var params = new URLSearchParams();
        filters.forEach(function (f) { if (kind[2].indexOf(f[0]) >= 0) params.append(f[0], f[1]); });
        var query = params.toString();
        var a = link(kind[1] + (query ? "（已筛选）" : ""), new URL(kind[0] + "/" + (query ? "?" + query : ""), root).href);
        a.className = "kj-search__browse";
        browse.appendChild(a);
        browse.appendChild(document.createTextNode(" "));
      });
      help.appendChild(browse);
    });
  }

  function render(result, meta, rows, els, limit) {
    var list = els.list, summary = els.meta;
    list.textContent = "";
    els.help.textContent = "";
    if (!result.words.length) { summary.textContent = PROMPT; return Promise.resolve(); }
    var hits = result.shown;
    summary.textContent = result.count ? "找到 " + result.count + " 条" + (result.count > limit ? "，显示前 " + limit + " 条" : "") : "没有找到匹配的记录";
    result.splits.forEach(function (parts) { // say how a run-together word was read
      summary.textContent += "（按 " + parts.join(" + ") + " 分开查找）";
    });
    hits.forEach(function (hit) {
      var r = rows[hit.doc], kind = meta.kinds[r[0]];
      var marks = [];
      hit.matches.forEach(function (m) { if (m.plan.text) marks.push(m.plan.text); });
      var item = document.createElement("li");
      item.className = "md-search-result__item kj-search__item";
      var a = document.createElement("a");
      a.className = "md-search-result__link";
      a.href = new URL(kind[0] + "/" + r[1] + "/", root).href;
      var article = document.createElement("article");
      article.className = "md-search-result__article";
      var heading = document.createElement("h2");
      var badge = document.createElement("span");
      badge.className = "kj-badge";
      badge.textContent = kind[1];
      heading.appendChild(badge);
      heading.appendChild(document.createTextNode(" "));
      heading.appendChild(highlight(r[2], marks));
      if (r[8]) {
        heading.appendChild(document.createTextNode(" "));
        heading.appendChild(shared.exampleBadge());
      }
      article.appendChild(heading);
      if (r[3]) {
        var p = document.createElement("p");
        p.appendChild(highlight(r[3], marks));
        article.appendChild(p);
      }
      var reason = why(hit, r);
      if (reason) {
        var w = document.createElement("p");
        w.className = "kj-search__why";
        w.textContent = "匹配：" + reason;
        article.appendChild(w);
      }
      a.appendChild(article);
      item.appendChild(a);
      list.appendChild(item);
    });
    if (result.count > limit) {
      var more = document.createElement("li");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "kj-search__more";
      button.textContent = "显示更多";
      button.addEventListener("click", function () { els.more(); });
      more.appendChild(button);
      list.appendChild(more);
    }
    return Promise.resolve();
  }

  function setup() {
    var input = document.querySelector("[data-kj-search-input]");
    if (!input) return;
    var form = document.querySelector("[data-kj-search-form]");
    var els = {
      list: document.querySelector("[data-kj-search-results]"),
      meta: document.querySelector("[data-kj-search-meta]"),
      help: document.querySelector("[data-kj-search-help]") || document.createElement("div"),
    };
    var toggle = document.getElementById("__search");
    var timer = null, limit = LIMIT;

    function run() {
      var query = input.value.trim();
      var current = function () { return input.value.trim() === query; };
      prefetch(query, Number(form.getAttribute("data-kj-shards")) || 0);
      loadMeta().then(function (meta) {
        return search(query, meta).then(function (result) {
          if (!current()) return null;
          result.shown = result.top(limit);
          var shown = result.shown.map(function (h) { return h.doc; });
          return records(shown, meta).then(function (rows) {
            if (!current()) return null;
            render(result, meta, rows, els, limit);
            var done = function () { els.list.setAttribute("data-kj-query", query); }; // tests wait on it
            if (result.words.length && !result.count) return renderHelp(result, meta, els.help, input, run).then(done);
            done();
            return null;
          });
        });
      }).catch(function () { els.meta.textContent = "搜索索引加载失败，请刷新页面重试"; });
    }
    els.more = function () { limit += LIMIT; run(); };
    function open() {
      if (toggle && !toggle.checked) { toggle.checked = true; toggle.dispatchEvent(new Event("change")); }
      loadMeta();
    }
    input.addEventListener("focus", open);
    input.addEventListener("input", function () { clearTimeout(timer); limit = LIMIT; timer = setTimeout(run, 25); });
    form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
    form.addEventListener("reset", function () { setTimeout(run, 0); });
    if (toggle) toggle.addEventListener("change", function () { if (toggle.checked) input.focus(); });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && toggle && toggle.checked) { toggle.checked = false; input.blur(); }
      var typing = /^(input|textarea|select)$/i.test((event.target && event.target.tagName) || "");
      if (!typing && (event.key === "/" || event.key === "s")) { event.preventDefault(); open(); input.focus(); }
    });
    var initial = new URLSearchParams(location.search).get("q");
    if (initial) { input.value = initial; open(); run(); }
  }

  // For benchmarks (bench/search_compare.py): every matching record number of a query, best first.
  shared.searchDocs = function (query) {
    return loadMeta().then(function (meta) { return search(query, meta); }).then(function (result) {
      return result.top(result.count).map(function (h) { return h.doc; });
    });
  };

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
