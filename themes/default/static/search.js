// dossier default theme: full-text search over the index in search/ (written by
// src/search.rs; its doc comment describes the files). dossier.js loads this script the
// first time the search box is used, so pages stay light. A query is cut, folded and
// stemmed exactly as the notes were (tests/fixtures/search/stems.tsv checks both sides),
// then only the index shards holding its terms are fetched, and the files of the
// documents shown.
(function () {
  "use strict";

  // ---------------------------------------------------------------- terms (as src/search.rs)
  var MAX_WORD = 40;
  // src/text.rs `strip_accent`: letter → base letter.
  var ACCENTS = {
    a: "àáâãäåÀÁÂÃÄÅāĀąĄ", c: "çÇćĆčČ", e: "èéêëÈÉÊËēĒęĘěĚ", i: "ìíîïÌÍÎÏīĪ", n: "ñÑńŃňŇ",
    o: "òóôõöÒÓÔÕÖøØōŌőŐ", u: "ùúûüÙÚÛÜūŪűŰůŮ", y: "ýÿÝŸĳĲ", s: "šŠśŚ", z: "žŽźŹżŻ", l: "łŁ",
  };
  var FOLD = {};
  Object.keys(ACCENTS).forEach(function (b) { for (var i = 0; i < ACCENTS[b].length; i++) FOLD[ACCENTS[b][i]] = b; });
  var ALNUM = /^[\p{Alphabetic}\p{N}]$/u;

  // Calls f(word, start, end) for each word of text, folded; start and end index `text`.
  function eachWord(text, f) {
    var word = "", n = 0, start = 0, end = 0;
    function flush() {
      if (word && n <= MAX_WORD) f(word, start, end);
      word = ""; n = 0;
    }
    for (var i = 0; i < text.length;) {
      var c = String.fromCodePoint(text.codePointAt(i)), next = i + c.length;
      var code = c.charCodeAt(0), folded;
      if (code < 128) folded = code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : c;
      else folded = FOLD[c] || c.toLowerCase();
      for (var j = 0; j < folded.length;) {
        var fc = String.fromCodePoint(folded.codePointAt(j)), cp = fc.codePointAt(0);
        j += fc.length;
        if (cp >= 0x300 && cp <= 0x36f) { if (word) end = next; continue; }
        if (cp <= 0xffff && ((cp >= 97 && cp <= 122) || (cp >= 48 && cp <= 57) || (cp >= 128 && ALNUM.test(fc)))) {
          if (!word) start = i;
          word += fc; n++; end = next;
        } else flush();
      }
      i = next;
    }
    flush();
  }
  function words(text) { var out = []; eachWord(text, function (w) { out.push(w); }); return out; }

  // Snowball's Dutch stemmer (the original algorithm, as rust-stemmers has it), for words
  // of the letters a–z.
  function isV(c) { return c === "a" || c === "e" || c === "i" || c === "o" || c === "u" || c === "y" || c === "è"; }
  function stem(word) {
    var s = word.split(""), n = s.length, i;
    if (s[0] === "y") s[0] = "Y";
    for (i = 0; i < n; i++) {
      if (!isV(s[i])) continue;
      if (s[i + 1] === "i" && i + 2 < n && isV(s[i + 2])) s[i + 1] = "I";
      else if (s[i + 1] === "y") s[i + 1] = "Y";
    }
    // R1 and R2: after the first non-vowel following a vowel (R1 at least 3 in).
    var p1 = n, p2 = n;
    i = 0;
    while (i < n && !isV(s[i])) i++;
    if (i < n) {
      i++;
      while (i < n && isV(s[i])) i++;
      if (i < n) {
        p1 = Math.max(++i, 3);
        while (i < n && !isV(s[i])) i++;
        if (i < n) {
          i++;
          while (i < n && isV(s[i])) i++;
          if (i < n) p2 = ++i;
        }
      }
    }
    var w = s.join(""), eFound = false, m;
    function nonV(at) { return at >= 0 && at < w.length && !isV(w[at]); }
    function undouble() { if (/(kk|dd|tt)$/.test(w)) w = w.slice(0, -1); }
    function enEnding(bra) {
      if (p1 > bra || !nonV(bra - 1) || w.slice(0, bra).slice(-3) === "gem") return;
      w = w.slice(0, bra);
      undouble();
    }
    function eEnding() {
      eFound = false;
      var at = w.length - 1;
      if (w[at] !== "e" || p1 > at || !nonV(at - 1)) return;
      w = w.slice(0, at);
      eFound = true;
      undouble();
    }
    if ((m = /(heden|ene|en|se|s)$/.exec(w))) {
      var bra = m.index;
      if (m[1] === "heden") { if (p1 <= bra) w = w.slice(0, bra) + "heid"; }
      else if (m[1] === "en" || m[1] === "ene") enEnding(bra);
      else if (p1 <= bra && bra > 0 && !isV(w[bra - 1]) && w[bra - 1] !== "j") w = w.slice(0, bra);
    }
    eEnding();
    if (/heid$/.test(w) && p2 <= w.length - 4 && w[w.length - 5] !== "c") {
      w = w.slice(0, -4);
      if (/en$/.test(w)) enEnding(w.length - 2);
    }
    if ((m = /(end|ing|ig|lijk|baar|bar)$/.exec(w)) && p2 <= m.index) {
      var at = m.index, suf = m[1];
      if (suf === "end" || suf === "ing") {
        w = w.slice(0, at);
        if (/ig$/.test(w) && p2 <= w.length - 2 && w[w.length - 3] !== "e") w = w.slice(0, -2);
        else undouble();
      } else if (suf === "ig") { if (w[at - 1] !== "e") w = w.slice(0, at); }
      else if (suf === "lijk") { w = w.slice(0, at); eEnding(); }
      else if (suf === "baar") w = w.slice(0, at);
      else if (eFound) w = w.slice(0, at);
    }
    // Undouble a vowel before a final consonant: maan → man.
    var k = w.length;
    if (k >= 4 && !isV(w[k - 1]) && w[k - 1] !== "I" && /^(aa|ee|oo|uu)$/.test(w.slice(k - 3, k - 1)) && !isV(w[k - 4])) {
      w = w.slice(0, k - 2) + w[k - 1];
    }
    return w.replace(/Y/g, "y").replace(/I/g, "i");
  }
  // Snowball with the Dutch inflections it misses mended, as src/search.rs `stem` does:
  // plurals in -ies/-es (moties, keuzes), -ieën/-eeën (categorieën), -sen (mensen,
  // processen), a final double consonant (snelle), a final v/z after a vowel, j, l, r
  // or n (brieven, huizen, grenzen; not ggz), -ieel/-ueel (financieel).
  function dutchStem(word) {
    var w = word, n = w.length;
    if (/(ieen|eeen)$/.test(w)) w = w.slice(0, -2);
    else if (n >= 5 && /[^aeoruyc]es$/.test(w)) w = w.slice(0, -1);
    var s = stem(w);
    if (/en$/.test(w) && /s$/.test(s) && s === w.slice(0, -2)) s = stem(s);
    var k = s.length;
    if (k >= 2 && s[k - 1] === s[k - 2] && !/[aeiouy]/.test(s[k - 1])) s = s.slice(0, -1);
    if (/[aeiouyjlrn][vz]$/.test(s)) s = stem(s.slice(0, -1) + (s[k - 1] === "v" ? "f" : "s"));
    if (/[iu]ee[^aeiouy]$/.test(s)) s = s.slice(0, -2) + s.slice(-1);
    return s;
  }
  function term(word) { return /^[a-z]+$/.test(word) ? dutchStem(word) : word; }
  function terms(text) { return words(text).map(term); }

  // ---------------------------------------------------------------- the index
  var SHOWN = 10, PREFIX_SHARDS = 2;
  // Typos: a word of at least FUZZY_MIN letters with fewer than FEW documents also
  // matches the index terms one edit away (insertion, deletion, substitution or two
  // letters swapped), found in the near lists; a query loads at most NEAR_FILES files of
  // those lists and NEAR_SHARDS more term shards for them, and uses at most NEAR_TERMS
  // near terms a word. Their impacts count FUZZY times, and a document that needs one
  // ranks below those that need none.
  var FUZZY_MIN = 5, FEW = 3, NEAR_FILES = 4, NEAR_SHARDS = 2, NEAR_TERMS = 4, FUZZY = 0.5;
  // Index files are scripts, search/<name>.js, each calling dossierSearch(name, data): a
  // <script> element loads them where fetch() cannot, in a page opened from disk.
  // Node's tests hand in `loader` (name → data) instead.
  var files = {}, waiting = {}, loader = null;
  if (typeof window === "object") window.dossierSearch = function (name, data) {
    if (waiting[name]) waiting[name](data);
  };
  function get(name) {
    if (!files[name] && loader) files[name] = Promise.resolve(name).then(loader);
    if (!files[name]) {
      files[name] = new Promise(function (resolve, reject) {
        var s = doc.createElement("script");
        s.src = dir + name.split("/").map(encodeURIComponent).join("/") + ".js";
        waiting[name] = function (data) { delete waiting[name]; resolve(data); };
        s.onload = s.onerror = function (e) {
          s.remove();
          if (waiting[name]) { delete waiting[name]; reject(new Error("search/" + name + ".js: " + (e.type === "error" ? "not loaded" : "no data"))); }
        };
        doc.head.appendChild(s);
      });
      files[name].catch(function () { delete files[name]; });
    }
    return files[name];
  }
  function meta() {
    return get("meta").then(function (m) {
      if (m.version !== 4) throw new Error("search index version " + m.version);
      return m;
    });
  }
  // The file of a sorted run that would hold t: the last whose first entry is not after it.
  function slot(firsts, t) {
    var lo = 0, hi = firsts.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (firsts[mid] <= t) lo = mid; else hi = mid - 1;
    }
    return lo;
  }
  function shardOf(m, t) { return slot(m.shards, t); }
  // Adds postings [gap, impact, …] to hits (doc id → best score), impacts times weight.
  function addPostings(hits, p, weight) {
    for (var i = 0, d = 0; i < p.length; i += 2) {
      d += p[i];
      var s = p[i + 1] * weight;
      if (!(hits[d] >= s)) hits[d] = s;
    }
  }

  // A query: its words, each with the term it must match; the last one also matches as a
  // prefix while it is being typed.
  function parseQuery(q) {
    var ws = words(q), out = ws.map(function (w) { return { word: w, term: term(w), prefix: null }; });
    if (out.length && !/[\s\p{P}]$/u.test(q)) {
      var last = out[out.length - 1];
      if (last.word.length >= 2) last.prefix = last.word;
    }
    return out;
  }

  // One query word's documents in the loaded shard entries, [term, df, postings, pdf,
  // part postings] (postings: [gap, impact, …]), as {hits, complete}. Its term's
  // postings and compound-part postings (weighted in the index), and the terms it begins
  // while being typed (0.8).
  function wordHits(w, entries) {
    var hits = {}, complete = true;
    entries.forEach(function (e) {
      var exact = e[0] === w.term;
      if (!exact && !(w.prefix && e[0].slice(0, w.prefix.length) === w.prefix)) return;
      addPostings(hits, e[2], exact ? 1 : 0.8);
      if (exact && e[4]) addPostings(hits, e[4], 1);
      if (e[1] * 2 > e[2].length || (exact && e[4] && e[3] * 2 > e[4].length)) complete = false;
    });
    return { hits: hits, complete: complete };
  }

  // Whether a and b are at most one edit apart: a letter inserted, deleted or replaced,
  // or two neighbours swapped.
  function within1(a, b) {
    if (a === b) return true;
    var n = a.length, k = b.length;
    if (Math.abs(n - k) > 1) return false;
    if (n < k) { var t = a; a = b; b = t; n = a.length; k = b.length; }
    var i = 0;
    while (i < k && a[i] === b[i]) i++;
    if (n > k) return a.slice(i + 1) === b.slice(i);
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  // Any index term one edit from t keeps t's first half or its last half (less one letter,
  // for a swap): the keys to look up in the forward and the reversed near list.
  function nearKeys(t) {
    var h = t.length >> 1;
    return { f: t.slice(0, h), r: t.split("").reverse().join("").slice(0, Math.max(1, t.length - h - 1)) };
  }
  // The files of a near list to load for key: those whose run of terms can hold words
  // beginning with it, or if that is more than two, the one where `at` would be and its
  // neighbour on the side that shares more of `at`.
  function nearFiles(firsts, key, at) {
    var from = slot(firsts, key), to = slot(firsts, key + "{");
    if (to - from < 2) return to > from ? [from, to] : [from];
    var i = slot(firsts, at);
    function shared(x) { var k = 0; while (k < x.length && x[k] === at[k]) k++; return k; }
    if (i === to || (i > from && shared(firsts[i]) > shared(firsts[i + 1]))) return [i, i - 1];
    return [i, i + 1];
  }
  // A near-list file as [term, df class] pairs; `reversed` for the r/ list.
  function decodeNear(text, reversed) {
    var out = [], prev = "";
    text.split(" ").forEach(function (e) {
      var t = prev.slice(0, parseInt(e[0], 36)) + e.slice(2);
      prev = t;
      out.push([reversed ? t.split("").reverse().join("") : t, parseInt(e[1], 36)]);
    });
    return out;
  }
  // The listed terms one edit from query word w (its term or the word itself; for a word
  // still being typed and no such term, those that begin one edit from it), most frequent
  // first.
  function nearTerms(w, listed) {
    var whole = {}, begun = {};
    listed.forEach(function (p) {
      var t = p[0];
      if (t === w.term || t === w.word) return;
      if (within1(w.term, t) || within1(w.word, t)) whole[t] = p[1];
      else if (w.prefix && w.prefix.length >= FUZZY_MIN) {
        for (var n = w.prefix.length - 1; n <= w.prefix.length + 1; n++) {
          if (t.length >= n && within1(w.prefix, t.slice(0, n))) { begun[t] = p[1]; break; }
        }
      }
    });
    function order(o) { return Object.keys(o).sort(function (a, b) { return o[b] - o[a] || (a < b ? -1 : a > b ? 1 : 0); }); }
    var found = order(whole);
    return (found.length ? found : order(begun)).slice(0, NEAR_TERMS);
  }

  // Postings for each query word: [{hits, complete, fuzzy, near}]. hits: doc id → score;
  // complete: no list was cut; fuzzy: doc id → score through a near term (a typo forgiven),
  // near: those terms. `loaded`: shard numbers already asked for.
  function lookup(m, query) {
    var need = {};
    query.forEach(function (w) {
      need[shardOf(m, w.term)] = true;
      if (w.prefix) {
        var s = shardOf(m, w.prefix);
        for (var k = 0; k < PREFIX_SHARDS && s + k < m.shards.length; k++) {
          if (k > 0 && m.shards[s + k].slice(0, w.prefix.length) !== w.prefix) break;
          need[s + k] = true;
        }
      }
    });
    var entries = [];
    function load(nums) {
      return Promise.all(nums.map(function (n) { need[n] = true; return get("t/" + n); })).then(function (shards) {
        shards.forEach(function (sh) { entries = entries.concat(sh); });
      });
    }
    return load(Object.keys(need)).then(function () {
      var lists = query.map(function (w) { return wordHits(w, entries); });
      var typos = query.filter(function (w, i) {
        return m.near.f.length && /^[a-z]+$/.test(w.word) && w.word.length >= FUZZY_MIN && Object.keys(lists[i].hits).length < FEW;
      });
      if (!typos.length) return lists;
      // A near list that does not load costs the typo, not the query.
      return near(m, typos).catch(function () { return typos.map(function () { return []; }); }).then(function (alts) {
        // The shards of the near terms, most wanted first, NEAR_SHARDS of them not loaded yet.
        var more = [], keep = {};
        typos.forEach(function (w, i) {
          alts[i].forEach(function (t) {
            var n = shardOf(m, t);
            if (!need[n] && more.indexOf(n) < 0 && more.length < NEAR_SHARDS) more.push(n);
            if (need[n] || more.indexOf(n) >= 0) keep[t] = true;
          });
        });
        return load(more).then(function () {
          query.forEach(function (w, i) {
            var k = typos.indexOf(w);
            if (k < 0) return;
            var l = lists[i];
            w.near = alts[k].filter(function (t) { return keep[t]; });
            l.fuzzy = {};
            w.near.forEach(function (t) {
              var h = wordHits({ term: t, prefix: null }, entries);
              if (!h.complete) l.complete = false;
              for (var id in h.hits) if (!(id in l.hits) && !(l.fuzzy[id] >= h.hits[id] * FUZZY)) l.fuzzy[id] = h.hits[id] * FUZZY;
            });
          });
          return lists;
        });
      });
    });
  }
  // The near terms of each word in `typos`, from at most NEAR_FILES near-list files.
  function near(m, typos) {
    var wanted = [];
    var plans = typos.map(function (w) {
      var k = nearKeys(w.term), rt = w.term.split("").reverse().join("");
      return [nearFiles(m.near.f, k.f, w.term).map(function (n) { return "f/" + n; }),
        nearFiles(m.near.r, k.r, rt).map(function (n) { return "r/" + n; })];
    });
    // The files where the terms would be first, for every word, then their neighbours.
    [0, 1].forEach(function (round) {
      plans.forEach(function (p) {
        p.forEach(function (names) {
          var f = names[round];
          if (f && wanted.indexOf(f) < 0 && wanted.length < NEAR_FILES) wanted.push(f);
        });
      });
    });
    return Promise.all(wanted.map(function (f) {
      return get(f).then(function (text) { return decodeNear(text, f[0] === "r"); });
    })).then(function (lists) {
      var listed = [].concat.apply([], lists);
      return typos.map(function (w) { return nearTerms(w, listed); });
    });
  }

  // Ranks documents: those with every complete word (a cut list cannot rule a document
  // out), first those that need no typo forgiven, then by the sum of their impacts.
  // `loose`: else those with the most words.
  function rank(lists, allow, loose) {
    var scores = {}, counts = {}, typos = {}, required = 0;
    lists.forEach(function (l) {
      if (l.complete) required++;
      [l.hits, l.fuzzy || {}].forEach(function (hits, fuzzy) {
        for (var id in hits) {
          if (allow && !allow(+id)) continue;
          if (fuzzy && id in l.hits) continue;
          scores[id] = (scores[id] || 0) + hits[id];
          if (fuzzy) typos[id] = (typos[id] || 0) + 1;
          if (l.complete) counts[id] = (counts[id] || 0) + 1;
        }
      });
    });
    var ids = Object.keys(scores), best = required;
    if (loose) best = ids.reduce(function (b, id) { return Math.max(b, counts[id] || 0); }, 0);
    return ids.filter(function (id) { return (counts[id] || 0) >= best; }).map(Number)
      .sort(function (a, b) { return (typos[a] || 0) - (typos[b] || 0) || scores[b] - scores[a] || a - b; });
  }

  // ---------------------------------------------------------------- snippets
  function esc(s) { return String(s == null ? "" : s).replace(/[&<>"']/g, function (c) { return "&#" + c.charCodeAt(0) + ";"; }); }
  // Whether a word of a result matches the query: its term, a term it begins while being
  // typed, a near term a typo was forgiven for, or (loosely) a compound with one of those
  // inside (omzetplafonds for plafond). `match.strict` leaves compounds out.
  var MIN_PART = 4;
  function matcher(query) {
    var exact = {}, inside = [];
    query.forEach(function (w) {
      [w.term].concat(w.near || []).forEach(function (t) {
        exact[t] = true;
        if (t.length >= MIN_PART) inside.push(t);
      });
    });
    function strict(word) {
      if (exact[term(word)]) return true;
      for (var i = 0; i < query.length; i++) if (query[i].prefix && word.slice(0, query[i].prefix.length) === query[i].prefix) return true;
      return false;
    }
    function match(word) {
      if (strict(word)) return true;
      for (var i = 0; i < inside.length; i++) if (word.length >= inside[i].length + MIN_PART && word.indexOf(inside[i]) >= 0) return true;
      return false;
    }
    match.strict = strict;
    return match;
  }
  // text as HTML, with <mark> around the words that match.
  function highlight(text, match) {
    var out = "", at = 0;
    eachWord(text, function (w, s, e) {
      if (!match(w)) return;
      out += esc(text.slice(at, s)) + "<mark>" + esc(text.slice(s, e)) + "</mark>";
      at = e;
    });
    return out + esc(text.slice(at));
  }
  // The sentence around the first word that matches (strictly, if one does), cut to a
  // couple of lines.
  function snippet(text, match) {
    var first = -1, firstEnd = 0;
    [match.strict, match].forEach(function (f) {
      if (f && first < 0) eachWord(text, function (w, s, e) { if (first < 0 && f(w)) { first = s; firstEnd = e; } });
    });
    if (first < 0) return null;
    var from = Math.max(0, first - 80), to = Math.min(text.length, firstEnd + 200);
    var before = text.slice(from, first), stop = Math.max(before.lastIndexOf(". "), before.lastIndexOf("\n"), before.lastIndexOf("? "), before.lastIndexOf("! "));
    if (stop >= 0) from += stop + 1;
    else if (from > 0) { var sp = before.indexOf(" "); if (sp >= 0) from += sp; }
    var after = text.slice(firstEnd, to), end = after.search(/[.!?](\s|$)|\n/);
    if (end >= 0) to = firstEnd + end + 1;
    else if (to < text.length) { var lsp = after.lastIndexOf(" "); if (lsp > 0) to = firstEnd + lsp; }
    var cut = text.slice(from, to).trim();
    return (from > 0 && stop < 0 ? "… " : "") + cut + (to < text.length && end < 0 ? " …" : "");
  }

  // Node (tests/browser/stem.test.mjs) takes the parts that need no page.
  if (typeof module === "object" && module && module.exports) {
    module.exports = { words: words, eachWord: eachWord, stem: stem, term: term, terms: terms, parseQuery: parseQuery,
      rank: rank, matcher: matcher, highlight: highlight, snippet: snippet, wordHits: wordHits, within1: within1,
      nearKeys: nearKeys, nearFiles: nearFiles, decodeNear: decodeNear, nearTerms: nearTerms, lookup: lookup, meta: meta,
      useLoader: function (f) { loader = f; files = {}; } };
    return;
  }

  // ---------------------------------------------------------------- the search box
  var doc = document, root = doc.body.getAttribute("data-root") || "", dir = root + "search/";
  var input = doc.getElementById("search-input"), results = doc.getElementById("search-results");
  var status = doc.getElementById("search-status");
  function attr(name) { return input ? input.getAttribute("data-" + name) || "" : ""; }
  function fill(tpl, vars) { return String(tpl || "").replace(/\{(\w+)\}/g, function (m, k) { return k in vars ? vars[k] : m; }); }
  var filters = null, list = null, kindSel = null, tagSel = null, seq = 0;

  function buildFilters(m) {
    filters = doc.createElement("div");
    filters.className = "search-filters";
    var kinds = '<option value="">' + esc(attr("kind-all")) + "</option>";
    ["note", "source"].forEach(function (k) {
      var r = m.kinds[k];
      if (r && r[1] > r[0]) kinds += '<option value="' + k + '">' + esc(attr("kind-" + k + "s")) + "</option>";
    });
    filters.innerHTML = '<label>' + esc(attr("kind-label")) + ' <select id="search-kind">' + kinds + "</select></label>" +
      (m.tag_count ? '<label>' + esc(attr("tag-label")) + ' <select id="search-tag"><option value="">' + esc(attr("tag-all")) + "</option></select></label>" : "");
    list = doc.createElement("div");
    list.className = "search-list";
    results.innerHTML = "";
    results.appendChild(filters);
    results.appendChild(list);
    kindSel = doc.getElementById("search-kind");
    tagSel = doc.getElementById("search-tag");
    [kindSel, tagSel].forEach(function (s) { if (s) s.addEventListener("change", runSearch); });
    // The tag list (thousands of tags on a big site) is fetched when the filter is first used.
    if (tagSel) ["focus", "pointerdown"].forEach(function (type) { tagSel.addEventListener(type, loadTags); });
  }
  function loadTags() {
    if (!tagSel || tagSel.options.length > 1 || tagSel.getAttribute("data-loading")) return;
    tagSel.setAttribute("data-loading", "");
    get("tags").then(function (tags) {
      tagSel.insertAdjacentHTML("beforeend", tags.map(function (t) {
        return '<option value="' + esc(t[0]) + '">' + esc(t[1]) + " (" + t[2] + ")</option>";
      }).join(""));
    }, function () { tagSel.removeAttribute("data-loading"); });
  }

  function allowFilter(m) {
    var kind = kindSel && kindSel.value, tag = tagSel && tagSel.value;
    var range = kind && m.kinds[kind];
    var tagIds = tag ? get("tags/" + tag) : Promise.resolve(null);
    return tagIds.then(function (ids) {
      if (!range && !ids) return null;
      var set = null;
      if (ids) { set = {}; ids.forEach(function (i) { set[i] = true; }); }
      return function (id) { return (!range || (id >= range[0] && id < range[1])) && (!set || set[id]); };
    });
  }

  function runSearch() {
    var q = input.value.trim(), mine = ++seq;
    if (!q) { results.hidden = true; if (list) list.innerHTML = ""; status.textContent = ""; return; }
    var query = parseQuery(q);
    meta().then(function (m) {
      if (!filters) buildFilters(m);
      if (!query.length) return { m: m, ids: [] };
      return Promise.all([lookup(m, query), allowFilter(m)]).then(function (r) {
        // With only cut lists (words in most notes) the count is a lower bound.
        return { m: m, ids: rank(r[0], r[1], false), more: r[0].every(function (l) { return !l.complete; }) };
      });
    }).then(function (r) {
      var top = r.ids.slice(0, SHOWN);
      return Promise.all(top.map(function (id) { return get("d/" + id); })).then(function (docs) { return { ids: r.ids, docs: docs, more: r.more }; });
    }).then(function (r) {
      if (mine !== seq) return;
      var match = matcher(query);
      if (!r.docs.length) {
        list.innerHTML = '<p class="search-empty">' + esc(attr("no-results")) + "</p>";
      } else {
        list.innerHTML = "<ul>" + r.docs.map(function (d) {
          var text = snippet(d.text || "", match) || (d.summary ? snippet(d.summary, match) || d.summary : (d.text || "").slice(0, 160));
          return '<li><a href="' + esc(root + d.url) + '"><span class="hit-title">' + highlight(d.title, match) +
            '</span> <span class="kind kind-' + esc(d.kind) + '">' + esc(attr("kind-" + d.kind) || d.kind) + "</span>" +
            (text ? '<span class="hit-summary">' + highlight(text, match) + "</span>" : "") + "</a></li>";
        }).join("") + "</ul>";
      }
      results.hidden = false;
      var n = r.ids.length;
      status.textContent = n === 1 && !r.more ? attr("result-one") : fill(n ? attr("results") : attr("no-results"), { n: r.more ? n + "+" : n });
    }).catch(function (err) {
      if (mine !== seq) return;
      if (!list) { list = results; }
      // The index did not load (missing, or blocked): say so rather than "no results".
      list.innerHTML = '<p class="search-empty">' + esc(attr("unavailable")) + "</p>";
      results.hidden = false;
      if (window.console) console.warn("dossier search:", err);
    });
  }

  if (input && results) {
    var form = input.form;
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var first = results.querySelector("li a");
      if (first) location.href = first.href;
    });
    input.addEventListener("input", runSearch);
    input.addEventListener("focus", function () { if (input.value.trim() && list && list.innerHTML) results.hidden = false; });
    form.addEventListener("keydown", function (e) {
      var links = Array.prototype.slice.call(results.querySelectorAll("li a")), i = links.indexOf(doc.activeElement);
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        if (!links.length || results.hidden || (doc.activeElement && doc.activeElement.tagName === "SELECT")) return;
        e.preventDefault();
        var down = e.key === "ArrowDown";
        if (i < 0) (down ? links[0] : links[links.length - 1]).focus();
        else if (!down && i === 0) input.focus();
        else links[(i + (down ? 1 : -1) + links.length) % links.length].focus();
      } else if (e.key === "Escape") {
        if (!results.hidden) { e.stopPropagation(); results.hidden = true; input.focus(); }
        else if (input.value) input.value = "";
      }
    });
    form.addEventListener("focusout", function (e) {
      if (!e.relatedTarget || !form.contains(e.relatedTarget)) setTimeout(function () {
        if (!form.contains(doc.activeElement)) results.hidden = true;
      }, 0);
    });
    doc.addEventListener("click", function (e) { if (!e.target.closest || !e.target.closest(".search")) results.hidden = true; });
    if (input.value.trim()) runSearch();
  }

  // ---------------------------------------------------------------- 404 suggestions
  // Pages whose words are in the missing path: the documents with the most of them.
  var sugg = doc.getElementById("not-found-suggestions");
  if (sugg) {
    var name = location.pathname.split("/").pop().replace(/\.html?$/, "");
    try { name = decodeURIComponent(name); } catch (e) {}
    var query = words(name).map(function (w) { return { word: w, term: term(w), prefix: null }; });
    if (query.length) meta().then(function (m) {
      return lookup(m, query).then(function (lists) {
        lists.forEach(function (l) { l.complete = true; });
        var top = rank(lists, null, true).slice(0, 8);
        return Promise.all(top.map(function (id) { return get("d/" + id); }));
      });
    }).then(function (docs) {
      sugg.innerHTML = docs.map(function (d) { return '<li><a href="' + esc(root + d.url) + '">' + esc(d.title) + "</a></li>"; }).join("");
    }).catch(function () {});
  }
})();
