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
  var metaPromise = null, pinyinParts = {}, shards = {}, shardDone = {}, chunks = {}, decoded = {};

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

  /* Character → syllable for the characters asked, from the small files (p/N.json) holding them. */
  function syllablesOf(chars, meta) {
    var needed = {};
    chars.forEach(function (c) { needed[c.charCodeAt(0) % meta.pinyin_parts] = true; });
    return Promise.all(Object.keys(needed).map(function (n) {
      if (!pinyinParts[n]) {
        pinyinParts[n] = getJSON("search/p/" + n + ".json").then(function (table) {
          var byChar = {};
          Object.keys(table).forEach(function (s) {
            for (var i = 0; i < table[s].length; i++) byChar[table[s][i]] = s;
          });
          return byChar;
        });
      }
      return pinyinParts[n];
    })).then(function (tables) {
      var out = {};
      tables.forEach(function (table) { chars.forEach(function (c) { if (table[c]) out[c] = table[c]; }); });
      return out;
    });
  }

  /* A homophone slip (机器仁) is known only once its shards show no match; then its characters'
     syllables, then the shards of those, are two more round trips. When the query's shards and
     its characters' pinyin files fit in one round trip together (PARALLEL), load the pinyin with
     the shards: a few hundred bytes, and a slip costs one round trip less. */
  function preloadPinyin(query, meta) {
    var needed = {}, parts = {};
    words(query, meta).forEach(function (w) {
      plans(w, meta).forEach(function (p) {
        p.terms.forEach(function (t) { var n = shardOf(t, meta.shards); if (!shardDone[n]) needed[n] = true; });
      });
      var hans = w.match(/[\u3400-\u9fff]/g) || [];
      if (hans.length < 2) return;
      hans.forEach(function (c) { var n = c.charCodeAt(0) % meta.pinyin_parts; if (!pinyinParts[n]) parts[n] = c; });
    });
    var chars = Object.keys(parts).map(function (n) { return parts[n]; });
    if (chars.length && Object.keys(needed).length + chars.length <= PARALLEL) syllablesOf(chars, meta);
  }

  function loadShard(n) {
    shards[n] = getJSON("search/t/" + n + ".json");
    shards[n].then(function () { shardDone[n] = true; }, function () {});
    return shards[n];
  }

  function shardOf(term, count) { // FNV-1a over UTF-16 code units, as search_index.shard_of
    var h = 0x811c9dc5;
    for (var i = 0; i < term.length; i++) {
      h ^= term.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h % count;
  }

  /* The rows of the records to show → Promise of {doc: row}. Rows come in two sizes of file:
     d/N.json holds meta.chunk records, s/N.json meta.small of them. Results scattered over the
     catalogue need one small file each (a tenth of the bytes); but a browser opens at most
     PARALLEL connections to an HTTP/1.1 host, so more files than that wait for a second round
     trip, and results that sit close together are fetched as the large file holding them when
     that saves a round trip. */
  var PARALLEL = 6;

  function rowFiles(docs, meta) { // → [[folder, file number, its first record], ...]
    var small = meta.small || meta.chunk, groups = {}, keys = [], total = 0;
    docs.forEach(function (d) {
      var big = Math.floor(d / meta.chunk), part = Math.floor(d / small);
      if (!groups[big]) { groups[big] = { big: big, parts: [] }; keys.push(big); }
      if (groups[big].parts.indexOf(part) < 0) groups[big].parts.push(part);
    });
    var list = keys.map(function (k) { return groups[k]; });
    list.forEach(function (g) { // files already loaded (or on their way) cost no request
      g.whole = small === meta.chunk || Boolean(chunks["d" + g.big]);
      g.fetch = g.whole ? (chunks["d" + g.big] ? 0 : 1) : g.parts.filter(function (p) { return !chunks["s" + p]; }).length;
      total += g.fetch;
    });
    var requests = total, switched = [];
    list.slice().sort(function (a, b) { return b.fetch - a.fetch; }).forEach(function (g) {
      if (g.whole || g.fetch < 2 || Math.ceil(requests / PARALLEL) <= 1) return;
      requests -= g.fetch - 1;
      switched.push(g);
    });
    if (Math.ceil(requests / PARALLEL) < Math.ceil(total / PARALLEL)) switched.forEach(function (g) { g.whole = true; });
    var files = [];
    list.forEach(function (g) {
      if (g.whole) files.push(["d", g.big, g.big * meta.chunk]);
      else g.parts.forEach(function (part) { files.push(["s", part, part * small]); });
    });
    return files;
  }

  function records(docs, meta) {
    return Promise.all(rowFiles(docs, meta).map(function (file) {
      var key = file[0] + file[1];
      if (!chunks[key]) chunks[key] = getJSON("search/" + file[0] + "/" + file[1] + ".json");
      return chunks[key].then(function (rows) { return [file[2], rows]; });
    })).then(function (loaded) {
      var out = {};
      loaded.forEach(function (pair) {
        pair[1].forEach(function (row, i) { out[pair[0] + i] = row; });
      });
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
        if (!shards[n]) loadShard(n).catch(function () {}); // a page older than the index may name a shard that is gone
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

  /* The ways a word can match: each plan's terms must all hold in one field of a record.
     `quick`: only the word's own letters and its stage, not its synonyms (see run). */
  function plans(word, meta, quick) {
    var out = [];
    (meta.stages[word] || []).forEach(function (term) {
      out.push({ terms: [term], weight: 1, how: "stage" });
    });
    out.push({ terms: textTerms(word), weight: 1, how: "text", text: word });
    Object.keys(meta.synonyms).forEach(function (key) {
      if (quick || word.indexOf(key) < 0) return;
      meta.synonyms[key].forEach(function (alt) {
        var text = word.replace(key, alt);
        out.push({ terms: textTerms(text), weight: word === key ? 0.9 : 0.85, how: "synonym", text: text });
      });
    });
    if (!quick && /^[a-z]+$/.test(word)) {
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

  /* Postings are typed arrays, and a word's or a query's matches are parallel arrays sorted by
     record number: {n, docs, bits, score, plan}. A query matching most of the catalogue (科学:
     ~79,000 records at 100,000) is intersected, scored and cut to its top k in a few passes over
     numbers, without a Map or an object per record (those cost hundreds of milliseconds and
     garbage collection on a phone's CPU). */
  var FIELD_OF = new Int8Array(64); // field bits → index in FIELDS of the best field they hold
  for (var fb = 0; fb < 64; fb++) {
    FIELD_OF[fb] = -1;
    for (var fi = FIELDS.length - 1; fi >= 0; fi--) if (fb & FIELDS[fi][0]) FIELD_OF[fb] = fi;
  }
  var EMPTY = { n: 0, docs: new Int32Array(0), bits: new Uint8Array(0) };

  function postings(meta, term) { // → Promise of {n, docs, bits}
    if (decoded[term]) return Promise.resolve(decoded[term]);
    var n = shardOf(term, meta.shards);
    return (shards[n] || loadShard(n)).then(function (shard) {
      if (decoded[term]) return decoded[term];
      var flat = shard[term];
      if (!flat) return (decoded[term] = EMPTY);
      var count = flat.length >> 1, docs = new Int32Array(count), bits = new Uint8Array(count), doc = 0;
      for (var i = 0, j = 0; j < count; i += 2, j++) { doc += flat[i]; docs[j] = doc; bits[j] = flat[i + 1]; }
      decoded[term] = { n: count, docs: docs, bits: bits };
      return decoded[term];
    });
  }

  /* Index of `doc` in docs[from..n), or of the first larger one (docs ascending): galloping, as
     the lists being intersected are often thousands of times longer than the shortest. */
  function seek(docs, n, from, doc) {
    var step = 1, hi = from;
    while (hi < n && docs[hi] < doc) { from = hi + 1; hi += step; step <<= 1; }
    if (hi > n) hi = n;
    while (from < hi) { var mid = (from + hi) >> 1; if (docs[mid] < doc) from = mid + 1; else hi = mid; }
    return from;
  }

  function matchPlan(plan, meta) { // → Promise of {n, docs, bits}: records where every term holds in one field
    return Promise.all(plan.terms.map(function (t) { return postings(meta, t); })).then(function (lists) {
      if (lists.length === 1) return lists[0]; // read-only from here on: no copy of a long list
      lists = lists.slice().sort(function (a, b) { return a.n - b.n; });
      var first = lists[0], docs = new Int32Array(first.n), bits = new Uint8Array(first.n), out = 0;
      var at = new Int32Array(lists.length);
      for (var i = 0; i < first.n; i++) {
        var doc = first.docs[i], b = first.bits[i];
        for (var l = 1; l < lists.length && b; l++) {
          var list = lists[l], p = at[l] = seek(list.docs, list.n, at[l], doc);
          b = p < list.n && list.docs[p] === doc ? b & list.bits[p] : 0;
        }
        if (b) { docs[out] = doc; bits[out] = b; out++; }
      }
      return { n: out, docs: docs, bits: bits };
    });
  }

  /* The plans' matches of one word → {n, docs, bits, score, plan, plans}; a record matched by
     several plans keeps the best score (the first plan among equals). */
  function unite(lists, wordPlans) {
    var total = 0, k = lists.length, i;
    for (i = 0; i < k; i++) total += lists[i].n;
    var docs = new Int32Array(total), bits = new Uint8Array(total), score = new Float64Array(total);
    var plan = new Uint8Array(total), at = new Int32Array(k), out = 0;
    while (true) {
      var doc = -1;
      for (i = 0; i < k; i++) {
        if (at[i] < lists[i].n && (doc < 0 || lists[i].docs[at[i]] < doc)) doc = lists[i].docs[at[i]];
      }
      if (doc < 0) break;
      var best = -1, bestBits = 0, bestPlan = 0;
      for (i = 0; i < k; i++) {
        var list = lists[i];
        if (at[i] < list.n && list.docs[at[i]] === doc) {
          var b = list.bits[at[i]++], s = wordPlans[i].weight * FIELDS[FIELD_OF[b]][1];
          if (s > best) { best = s; bestBits = b; bestPlan = i; }
        }
      }
      docs[out] = doc; bits[out] = bestBits; score[out] = best; plan[out] = bestPlan; out++;
    }
    return { n: out, docs: docs, bits: bits, score: score, plan: plan, plans: wordPlans };
  }

  function lookup(word, doc) { // why `word` matched `doc`: {score, bits, plan, field}
    var p = seek(word.docs, word.n, 0, doc);
    var bits = word.bits[p];
    return { score: word.score[p], bits: bits, plan: word.plans[word.plan[p]], field: FIELDS[FIELD_OF[bits]] };
  }

  /* One word → its matches by its literal, stage, synonym and pinyin plans (`quick`: see plans). */
  function matchWord(word, meta, quick) {
    var wordPlans = plans(word, meta, quick);
    return Promise.all(wordPlans.map(function (p) { return matchPlan(p, meta); })).then(function (results) {
      return unite(results, wordPlans);
    });
  }

  /* A word no plan matched, read as a homophone slip (机器仁 → ji qi ren → 机器人). */
  function matchHomophones(word, meta) {
    var none = unite([], []);
    if (!/[\u3400-\u9fff].*[\u3400-\u9fff]/.test(word)) return Promise.resolve(none);
    return syllablesOf(word.match(/[\u3400-\u9fff]/g), meta).then(function (byChar) {
      var runs = word.match(/[\u3400-\u9fff]+/g) || [], terms = [];
      runs.forEach(function (run) {
        var syllables = run.split("").map(function (c) { return byChar[c] || ""; });
        syllablePairs(syllables).forEach(function (t) { if (!/^ | $/.test(t)) terms.push(t); });
      });
      if (!terms.length) return none;
      var plan = { terms: terms, weight: 0.5, how: "homophone" };
      return matchPlan(plan, meta).then(function (docs) { return unite([docs], [plan]); });
    });
  }

  /* Teachers type without spaces: 北京科技馆, 小学天文, 物理竞赛. When a word matches nothing as a
     whole, read it as the fewest parts of two or more characters that each match something (an ASCII
     run such as "stem" is never cut), and let the parts narrow like separate words. A part's terms
     are the word's own bigrams, already loaded, or its stage and synonym terms. Of the splits with
     the fewest parts, the one that finds the most records wins. → Promise of {words, hits}, or
     null when no split covers the word. */
  var MAX_SPLIT = 12;
  function splitWord(word, meta, quick) {
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
    return Promise.all(parts.map(function (p) { return matchWord(word.slice(p[0], p[1]), meta, quick); })).then(function (found) {
      var from = {}; // start → [[end, hits]] of the parts that match
      parts.forEach(function (p, k) { if (found[k].n) (from[p[0]] = from[p[0]] || []).push([p[1], found[k]]); });
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
        var count = intersect(cover.map(function (c) { return c[1]; })).count;
        if (count > bestCount) { best = cover; bestCount = count; }
      });
      return { words: best.map(function (c) { return c[0]; }), hits: best.map(function (c) { return c[1]; }) };
    });
  }

  /* Each word: its plans; if none matches, its parts (splitWord); if it can't be split, its
     homophones (`quick`: literal and stage plans only, and no homophones). → Promise of
     [{words, hits}] */
  function matchWords(ws, meta, quick) {
    return Promise.all(ws.map(function (w) {
      return matchWord(w, meta, quick).then(function (hits) {
        if (hits.n) return { words: [w], hits: [hits] };
        return splitWord(w, meta, quick).then(function (split) {
          if (split) return split;
          if (quick) return { words: [w], hits: [hits] };
          return matchHomophones(w, meta).then(function (h) { return { words: [w], hits: [h] }; });
        });
      });
    }));
  }

  /* Records every word matches, in display order, with the sum of the words' scores. */
  function intersect(perWord) {
    var docs = new Int32Array(0), score = new Float64Array(0), count = 0;
    if (perWord.length) {
      var order = perWord.slice().sort(function (a, b) { return a.n - b.n; }), first = order[0];
      var at = new Int32Array(order.length);
      docs = new Int32Array(first.n);
      score = new Float64Array(first.n);
      for (var i = 0; i < first.n; i++) { // every word must match
        var doc = first.docs[i], s = first.score[i];
        for (var w = 1; w < order.length && s >= 0; w++) {
          var list = order[w], p = at[w] = seek(list.docs, list.n, at[w], doc);
          s = p < list.n && list.docs[p] === doc ? s + list.score[p] : -1;
        }
        if (s >= 0) { docs[count] = doc; score[count] = s; count++; }
      }
    }
    return { docs: docs, score: score, count: count };
  }

  function search(query, meta, quick) { // → Promise of {words, perWord, splits, count, top(k)}
    return matchWords(words(query, meta), meta, quick).then(function (matched) {
      var ws = [], perWord = [], splits = [];
      matched.forEach(function (m) {
        if (m.words.length > 1) splits.push(m.words);
        ws = ws.concat(m.words);
        perWord = perWord.concat(m.hits);
      });
      var all = intersect(perWord);
      return { words: ws, perWord: perWord, splits: splits, count: all.count, quick: !!quick,
               top: function (k) { return top(all.docs, all.score, all.count, k, perWord); } };
    });
  }

  /* A word with synonyms needs many more index shards than its own letters (编程 → 程序, 信息学,
     人工智能, 机器人: 13 shards, ~110 KB at 100,000 records, over a second on a slow phone). While
     those are not loaded yet, the results of the words themselves come first (their shards are a
     fraction of it and were requested while typing), and the synonyms' shards are requested only
     after that, so that they do not share the phone's bandwidth with the first results. */
  function waitsForSynonyms(ws, meta) {
    return ws.some(function (w) {
      return plans(w, meta).some(function (p) {
        return p.how === "synonym" && p.terms.some(function (t) { return !shardDone[shardOf(t, meta.shards)]; });
      });
    });
  }

  /* The k best hits (score, then display order), without sorting tens of thousands of hits:
     one pass keeps the k best, as hits come in display order a later equal score never displaces. */
  function top(docs, score, count, k, perWord) {
    var best = [], i;
    if (k > 100) { // "show more" many times, or every hit (bench): a plain sort of indices
      var index = new Int32Array(count);
      for (i = 0; i < count; i++) index[i] = i;
      index.sort(function (a, b) { return score[b] - score[a] || a - b; });
      for (i = 0; i < Math.min(k, count); i++) best.push({ doc: docs[index[i]], score: score[index[i]] });
    } else {
      var floor = -1;
      for (i = 0; i < count; i++) {
        var s = score[i];
        if (best.length === k && s <= floor) continue;
        var at = best.length;
        while (at > 0 && s > best[at - 1].score) at--;
        best.splice(at, 0, { doc: docs[i], score: s });
        if (best.length > k) best.pop();
        if (best.length === k) floor = best[k - 1].score;
      }
    }
    best.forEach(function (hit) {
      hit.matches = perWord.map(function (word) { return lookup(word, hit.doc); });
    });
    return best;
  }

  /* Suggestions when nothing matched: each word alone, and parts of a word that do match (their
     postings are already loaded). */
  function suggestions(result, meta) {
    var out = [];
    if (result.words.length > 1) {
      result.words.forEach(function (w, i) {
        if (result.perWord[i].n) out.push([w, result.perWord[i].n]);
      });
    }
    var pending = []; // [part, word index, start]
    result.words.forEach(function (w, i) {
      if (result.perWord[i].n || w.length < 3) return;
      for (var len = w.length - 1; len >= 2; len--) {
        for (var at = 0; at + len <= w.length; at++) pending.push([w.slice(at, at + len), i, at]);
      }
    });
    return Promise.all(pending.map(function (part) {
      return matchPlan({ terms: textTerms(part[0]) }, meta).then(function (docs) { return part.concat([docs.n]); });
    })).then(function (parts) {
      // Parts that find more come first and may not overlap, so 研学旅行 offers 研学, not 研学旅
      // or 学旅 (bigrams of 研学旅游 elsewhere).
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
    if (result.quick) summary.textContent += "，正在查找同义词…";
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
      // Results on screen carry data-kj-shown (the first ones may be the words' own, without
      // their synonyms: waitsForSynonyms); data-kj-query once they are complete (tests wait on it).
      var show = function (result, meta) {
        result.shown = result.top(limit);
        var shown = result.shown.map(function (h) { return h.doc; });
        return records(shown, meta).then(function (rows) {
          if (!current()) return null;
          render(result, meta, rows, els, limit);
          els.list.setAttribute("data-kj-shown", query);
          if (result.quick) return null;
          var done = function () { els.list.setAttribute("data-kj-query", query); };
          if (result.words.length && !result.count) return renderHelp(result, meta, els.help, input, run).then(done);
          done();
          return null;
        });
      };
      loadMeta().then(function (meta) {
        preloadPinyin(query, meta);
        var first = !waitsForSynonyms(words(query, meta), meta) ? Promise.resolve() :
          search(query, meta, true).then(function (result) {
            return current() && result.count ? show(result, meta) : null; // nothing yet: wait for all
          });
        return first.then(function () {
          if (!current()) return null;
          return search(query, meta).then(function (result) { return current() ? show(result, meta) : null; });
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
    // While the box is open and has focus, the page under it is not rendered (catalogue.css
    // .kj-searching): set before focus() restyles the page, so that restyling skips the page.
    var box = form.closest(".md-search") || form;
    var covering = function (on) { document.documentElement.classList.toggle("kj-searching", on); };
    box.addEventListener("focusin", function () { if (toggle && toggle.checked) covering(true); });
    box.addEventListener("focusout", function (event) {
      if (!event.relatedTarget || !box.contains(event.relatedTarget)) covering(false);
    });
    if (toggle) toggle.addEventListener("change", function () {
      covering(toggle.checked);
      if (toggle.checked) input.focus();
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && toggle && toggle.checked) { toggle.checked = false; covering(false); input.blur(); }
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
