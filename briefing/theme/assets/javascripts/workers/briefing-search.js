/* The briefing's search worker (briefing/publish/shards.py says how the index is cut). Shipped by the
   briefing plugin; no network beyond the site, no dependencies but Material's own search worker.

   Material's page script starts this worker in place of its own (theme/main.html) and, since the search
   form has no name (theme/partials/search.html), never sends it the index: nothing is fetched until the
   reader types. For each query this worker fetches the term shards of the query's words and the best pages
   within the manifest's budget, then hands those documents to Material's worker, loaded here on the first
   query, and passes its answer on: Material ranks, cuts excerpts and highlights, as it always does. */
"use strict";

(function () {
  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3; /* Material's SearchMessageType */
  var SETTLE = 200; /* ms without typing before a query that needs a download asks for it */

  var send = self.postMessage.bind(self);

  /* Material's worker imports its language scripts each time it is set up: once is enough. */
  var imported = new Set(), importScripts = self.importScripts.bind(self);
  self.importScripts = function () {
    var fresh = Array.prototype.filter.call(arguments, function (url) { return !imported.has(url); });
    fresh.forEach(function (url) { imported.add(url); });
    if (fresh.length) importScripts.apply(null, fresh);
  };
  var root = new URL("../../../search/", self.location.href);
  var materialWorker = new URLSearchParams(self.location.search).get("material");

  var manifest = null;     /* search/manifest.json */
  var handler = null;      /* Material's worker's message listener */
  var answer = null;       /* resolves Material's next reply */
  var terms = new Map();   /* shard number -> its promised contents */
  var pages = new Map();   /* page number -> its promised documents */
  var loaded = new Set();  /* the pages Material's worker was last set up with */
  var latest = null;       /* the newest query not yet answered */
  var busy = false;

  function fetchJSON(path) {
    return fetch(new URL(path + "?v=" + manifest.version, root)).then(function (response) {
      if (!response.ok) throw new Error(path + ": HTTP " + response.status);
      return response.json();
    });
  }

  function cached(map, key, path) {
    if (!map.has(key)) map.set(key, fetchJSON(path).catch(function (err) { map.delete(key); throw err; }));
    return map.get(key);
  }

  /* The manifest and Material's worker, once: Material's registers its message listener with this worker
     and replies through postMessage; both are taken over, so that it answers only this worker. */
  function start() {
    if (manifest) return Promise.resolve();
    return fetch(new URL("manifest.json", root), { cache: "no-cache" }).then(function (response) {
      if (!response.ok) throw new Error("search/manifest.json: HTTP " + response.status);
      return response.json();
    }).then(function (data) {
      var add = self.addEventListener;
      self.addEventListener = function (type, listener, options) {
        if (type === "message") handler = listener;
        else add.call(self, type, listener, options);
      };
      try {
        self.importScripts(materialWorker);
      } finally {
        delete self.addEventListener;
      }
      if (!handler) throw new Error("Material's search worker did not start");
      self.postMessage = function (message) {
        var resolve = answer;
        answer = null;
        if (resolve) resolve(message);
      };
      /* A word's rarity is the whole site's, not that of the pages fetched for the query. */
      var idf = self.lunr.idf;
      self.lunr.idf = function (posting, count) { return idf(posting, Math.max(count, data.documents)); };
      manifest = data;
    });
  }

  function material(message) {
    return new Promise(function (resolve) {
      answer = resolve;
      handler({ data: message });
    });
  }

  /* The words of a query as Material's worker will look them up, lowercased: operators and quotes off,
     each part split by the index's separator (integrations/search/query in Material). */
  function words(query) {
    var separator = new RegExp(manifest.config.separator, "g");
    var out = [];
    query.toLowerCase().split(/\s+/).forEach(function (part) {
      part = part.replace(/^[+\-]+/, "").replace(/[*~^].*$/, "").replace(/"/g, "");
      part.split(separator).forEach(function (word) {
        if (word && out.indexOf(word) < 0) out.push(word);
      });
    });
    return out;
  }

  /* The term shard that holds a word: the one with the longest prefix of it. */
  function shardOf(word) {
    var best = -1;
    manifest.terms.forEach(function (term, n) {
      if (word.lastIndexOf(term[0], 0) === 0 && (best < 0 || term[0].length > manifest.terms[best][0].length))
        best = n;
    });
    return best;
  }

  /* page number -> weight of the word (every indexed word it starts) on the page. */
  function weights(word, n, shard) {
    var out = new Map();
    function take(flat) {
      for (var i = 0; i < flat.length; i += 2) {
        var w = Math.pow(2, (flat[i + 1] - 16) / 4);
        if (!(out.get(flat[i]) >= w)) out.set(flat[i], w);
      }
    }
    if (shard.words) {
      Object.keys(shard.words).forEach(function (w) {
        if (w.lastIndexOf(word, 0) === 0) take(shard.words[w]);
      });
    } else if (manifest.terms[n][0] === word) {
      take(shard.prefix);
    }
    return out;
  }

  /* The pages to fetch: by summed weight, best first, within the budgets (the best one always). */
  function choose(byWord) {
    var score = new Map();
    byWord.forEach(function (weight) {
      weight.forEach(function (w, page) { score.set(page, (score.get(page) || 0) + w); });
    });
    var ranked = Array.from(score.keys()).sort(function (a, b) { return score.get(b) - score.get(a) || a - b; });
    var chosen = [], total = 0;
    ranked.forEach(function (page) {
      var size = manifest.pages[page];
      if (chosen.length && (total + size > manifest.budget || chosen.length >= manifest.most)) return;
      chosen.push(page);
      total += size;
    });
    return chosen.sort(function (a, b) { return a - b; });
  }

  function settle(query) {
    return new Promise(function (resolve) { setTimeout(resolve, SETTLE); }).then(function () {
      return latest === null || latest === query;
    });
  }

  /* A page's own result carries every query word found on the page, its sections' too, so that its link
     (?h=) highlights them: Material gives a page found only by its sections no words at all. */
  function carryTerms(result) {
    result.items.forEach(function (group) {
      var found = {};
      group.forEach(function (item) {
        Object.keys(item.terms).forEach(function (t) { if (item.terms[t]) found[t] = true; });
      });
      group.forEach(function (item) {
        if (item.location.indexOf("#") < 0) item.terms = Object.assign({}, item.terms, found);
      });
    });
    return result;
  }

  /* The answer to a query, or null when a newer one came while this one waited to download. */
  async function search(query) {
    if (!query.trim()) return { items: [] };
    await start();
    var list = words(query);
    var shards = list.map(shardOf);
    var missing = shards.some(function (n) { return n >= 0 && !terms.has(n); });
    if (missing && !(await settle(query))) return null;
    var byWord = await Promise.all(list.map(function (word, i) {
      var n = shards[i];
      if (n < 0) return new Map();
      return cached(terms, n, "terms/" + n + ".json").then(function (shard) { return weights(word, n, shard); });
    }));
    var chosen = choose(byWord);
    if (!chosen.length && !loaded.size) return { items: [] };
    if (chosen.some(function (page) { return !pages.has(page); }) && !(await settle(query))) return null;
    await Promise.all(chosen.map(function (page) { return cached(pages, page, "pages/" + page + ".json"); }));
    if (!chosen.every(function (page) { return loaded.has(page); })) {
      /* Pages set up before stay, within twice the budget, so that Material's worker is set up again less
         often: one that holds none of the query's words changes nothing, one that holds some adds a result. */
      var both = Array.from(new Set(Array.from(loaded).concat(chosen))).sort(function (a, b) { return a - b; });
      var size = both.reduce(function (total, page) { return total + manifest.pages[page]; }, 0);
      var next = size <= 2 * manifest.budget ? both : chosen;
      var docs = await Promise.all(next.map(function (page) { return pages.get(page); }));
      await material({ type: SETUP, data: { config: manifest.config, docs: [].concat.apply([], docs),
                                            options: { suggest: false } } });
      loaded = new Set(next);
    }
    var reply = await material({ type: QUERY, data: query });
    return carryTerms(reply.data);
  }

  async function run() {
    busy = true;
    while (latest !== null) {
      var query = latest;
      latest = null;
      var result;
      try {
        result = await search(query);
      } catch (err) {
        console.warn("search: " + err);
        result = { items: [] };
      }
      if (result && latest === null) send({ type: RESULT, data: result });
    }
    busy = false;
  }

  self.addEventListener("message", function (ev) {
    if (ev.data && ev.data.type === QUERY) {
      latest = ev.data.data;
      if (!busy) run();
    }
  });
  send({ type: READY });
})();
