/* Header search: instant results from the Pagefind index as the visitor types.
   Without JavaScript the form still submits to the catalogue page.

   window.geSok.load(base) loads Pagefind once per page, for this script and the catalogue
   (katalog.js): the index is in shards (pagefind/delar.json says how many, see
   goda_exempel/search.py), merged with Pagefind's mergeIndex. Pagefind runs on the main
   thread (noWorker): its worker would add a 41 KB script to the first search, and with the
   index in shards each search is short. Nothing is loaded until the visitor starts to use the
   search box: presses on it or types a letter in it. */
(function () {
  "use strict";

  var loading = null;

  /* Pagefind's ranking, for every shard (options() sets only the first; mergeIndex each other):
     a word the way it was typed (with å, ä, ö; in any letter case, which Pagefind ignores) and
     of the typed word's length counts more than a longer word that merely begins with it
     ("LÖK": "lök" before "lokal"). exactFirst() below makes that order strict. */
  var RANKING = { termSimilarity: 10, diacriticSimilarity: 10 };

  function loadPagefind(base) {
    if (!loading) {
      var bundle = new URL("pagefind/", base);
      var parts = fetch(new URL("delar.json", bundle).href)
        .then(function (r) { return r.ok ? r.json() : { delar: [0] }; })
        .catch(function () { return { delar: [0] }; });
      loading = Promise.all([import(new URL("pagefind.js", bundle).href), parts]).then(function (loaded) {
        var pf = loaded[0];
        var sizes = loaded[1].delar || [0];
        /* the catalogue's <head> may have started Pagefind with its base already (for a
           shared address: goda_exempel.browse.catalogue_head); given again, Pagefind would
           warn, so only the ranking is given then (Pagefind takes it after init too) */
        var started = window.gePagefindStarted ? pf.options({ ranking: RANKING })
          : pf.options({ baseUrl: base.pathname, noWorker: true, ranking: RANKING });
        return started.then(function () {
          pf.init(); /* the first shard's entry, metadata and WebAssembly start loading now */
          for (var i = 1; i < sizes.length; i++) {
            /* not awaited: each shard loads while the first does; a search waits for all */
            pf.mergeIndex(new URL("del-" + i + "/", bundle).pathname, { baseUrl: base.pathname, ranking: RANKING })
              .catch(function () {});
          }
          return { pagefind: pf, sizes: sizes };
        });
      });
      loading.catch(function () { loading = null; }); /* a failed load may be tried again */
    }
    return loading;
  }

  /* How long a search box waits for more typing after an input event before it searches, in
     ms: `ms` after a typed letter or a deletion, none when the query arrived whole (pasted,
     dropped, corrected, dictated or filled in: more than one letter in one input event). */
  function pause(event, before, after, ms) {
    var type = event.inputType || "";
    if (type.indexOf("insertFrom") === 0 || type === "insertReplacementText") return 0;
    if (typeof event.data === "string") return event.data.length > 1 ? 0 : ms;
    return after.length - before.length > 1 ? 0 : ms; /* an event that does not say what it inserted */
  }

  /* A count as Swedish writes it: 9 465 (a no-break space between thousands), as the build
     writes the counts it puts in the pages (goda_exempel.render.swedish_number) */
  function tal(n) {
    return n.toLocaleString("sv-SE");
  }

  /* What both boxes give Pagefind to search for: the query without its small words when it has
     other words. "i" of "våld i nära relationer" is in nearly every case, so it rules nothing
     out, but Pagefind matches it (and "inte", "insatserna": it also matches words it begins),
     loads those words' index, marks each in the excerpts and picks excerpts full of them.
     A query in quotes (a phrase) is searched as it is. */
  var SMALL = ["i", "och", "på", "av", "för", "med", "till", "om", "en", "ett", "att", "som", "är",
    "de", "den", "det", "vid", "från", "mot", "hos", "eller"];
  function words(query) {
    if (query.indexOf('"') !== -1) return query;
    var all = query.split(/\s+/).filter(Boolean);
    var said = all.filter(function (w) { return SMALL.indexOf(w.toLocaleLowerCase("sv")) === -1; });
    return (said.length ? said : all).join(" ");
  }

  /* A search's results with those that have the words themselves first ("lök", "lökar": Pagefind
     folds each word to its stem) and those that only have longer words beginning with them after
     ("lokal"), each part in Pagefind's order: Pagefind matches the last word of a query as the
     beginning of a word, and its ranking still put a long text full of "lokal" before a short
     one with "lök". The words themselves are what Pagefind finds for the query in quotes (which
     for more than one word is the phrase); that search loads no more of the index, as its words
     are among the query's. `search` is the query's search (query as from words()). */
  function exactFirst(pf, query, search, options) {
    if (!search) return Promise.resolve(search);
    if (query.indexOf('"') !== -1) { /* a phrase: the words themselves already */
      search.exact = search.results.length;
      return Promise.resolve(search);
    }
    return pf.search('"' + query + '"', options || {}).then(function (exact) {
      var first = {};
      (exact ? exact.results : []).forEach(function (r) { first[r.id] = true; });
      var have = [], begin = [];
      search.results.forEach(function (r) { (first[r.id] ? have : begin).push(r); });
      search.results = have.concat(begin);
      search.exact = have.length;
      return search;
    }, function () { return search; });
  }

  /* "Menade du …?": the nearest words of the case pages (pagefind/ord.json, made at build time,
     goda_exempel.search.WORDS) to a query's words that are not among them. The list is loaded
     only when it is needed (a search found nothing or almost nothing), never with the first
     search. Nearest: the fewest letters added, removed, changed or swapped (at most one in a
     word of up to five letters, two in a longer one), and of those the most common word. */
  var wordList = null;
  function loadWords(base) {
    if (!wordList) {
      wordList = fetch(new URL("pagefind/ord.json", base).href)
        .then(function (r) { return r.ok ? r.json() : { ord: [] }; })
        .then(function (data) { return data.ord || []; });
      wordList.catch(function () { wordList = null; });
    }
    return wordList;
  }

  function distance(a, b, most) { /* optimal string alignment distance, or most + 1 if larger */
    if (Math.abs(a.length - b.length) > most) return most + 1;
    var before = null, row = [], i, j;
    for (j = 0; j <= b.length; j++) row.push(j);
    for (i = 1; i <= a.length; i++) {
      var next = [i], smallest = i;
      for (j = 1; j <= b.length; j++) {
        var d = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        if (before && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2] + 1);
        next.push(d);
        if (d < smallest) smallest = d;
      }
      if (smallest > most) return most + 1;
      before = row;
      row = next;
    }
    return row[b.length];
  }

  function suggest(base, query) {
    var typed = words(query).replace(/"/g, "").toLocaleLowerCase("sv").split(/\s+/).filter(Boolean);
    if (!typed.length) return Promise.resolve(null);
    return loadWords(base).then(function (list) {
      var known = {};
      list.forEach(function (w) { known[w] = true; });
      var changed = false;
      var better = typed.map(function (word) {
        if (word.length < 4 || known[word]) return word;
        var most = word.length <= 5 ? 1 : 2, best = null, bestDistance = most + 1;
        for (var k = 0; k < list.length && bestDistance > 1; k++) {
          var d = distance(word, list[k], most);
          if (d < bestDistance) { best = list[k]; bestDistance = d; }
        }
        if (best) { changed = true; return best; }
        return word;
      });
      return changed ? better.join(" ") : null;
    }).catch(function () { return null; });
  }

  /* When to offer "Menade du …?" for a search with `total` results, `exact` of them with the
     words themselves (exactFirst): at once when it found nothing or almost nothing; when it found
     only longer words (a misspelled word is matched by the beginning it has right:
     "trygghetsvandirng" finds every "trygg…"), once the visitor has stopped typing for a second,
     so that the beginnings of a word being typed load nothing more. The suggestion, or null;
     nothing if `current()` is no longer true by then. */
  var PAUSE_BEFORE_SUGGESTING = 1000;
  function suggestion(base, query, total, exact, current) {
    if (exact) return Promise.resolve(null);
    var wait = total < 3 ? Promise.resolve() : new Promise(function (r) { setTimeout(r, PAUSE_BEFORE_SUGGESTING); });
    return wait.then(function () { return current() ? suggest(base, query) : null; })
      .then(function (better) { return better && current() ? better : null; });
  }

  /* Both search boxes search as the visitor types from this many letters on: one or two letters
     begin too many words, and their search loads much of the word index. */
  window.geSok = { load: loadPagefind, pause: pause, tal: tal, words: words, exactFirst: exactFirst,
    suggestion: suggestion, FROM_LETTERS: 3 };
  /* katalog.js, which may have run first (both load async), waits for this */
  (window.geSokWaiting || []).forEach(function (ready) { ready(window.geSok); });

  var form = document.querySelector("[data-ge-search]");
  if (!form) return;
  var input = form.querySelector("input[type=search]");
  var panel = form.querySelector(".ge-search__panel");
  var status = form.querySelector(".ge-search__status");
  var list = form.querySelector(".ge-search__list");
  var more = form.querySelector(".ge-search__more");
  var root = new URL(form.getAttribute("data-ge-base"), document.baseURI);
  var SHOWN = 6;

  function load() {
    return loadPagefind(root).then(function (loaded) { return loaded.pagefind; });
  }

  function open(isOpen) {
    panel.hidden = !isOpen; /* a searchbox may not carry aria-expanded; role=status reads the count */
  }

  function hit(r) {
    var li = document.createElement("li");
    var a = document.createElement("a");
    a.href = r.url;
    a.className = "ge-search__hit";
    var title = document.createElement("span");
    title.className = "ge-search__title";
    title.textContent = (r.meta && r.meta.title) || r.url;
    var excerpt = document.createElement("span");
    excerpt.className = "ge-search__excerpt";
    excerpt.innerHTML = r.excerpt; /* Pagefind escapes the text; only <mark> is markup */
    a.appendChild(title);
    a.appendChild(excerpt);
    li.appendChild(a);
    return li;
  }

  /* The first SHOWN results of a search, each as soon as it and the ones before it have loaded
     (one small fragment file each), under the count of all; with more than SHOWN, a link to all
     of them in the catalogue. Nothing if a newer query has been typed meanwhile. */
  var showing = 0;
  function show(query, search) {
    var token = ++showing;
    var total = search.results.length;
    var current = function () { return token === showing && input.value.trim() === query; };
    if (!total) {
      list.textContent = "";
      list.removeAttribute("aria-busy");
      more.hidden = true;
      status.textContent = "Inga exempel hittades för ”" + query + "”.";
      open(true);
      offer(query, 0, 0, current);
      return Promise.resolve();
    }
    var done = Promise.resolve();
    search.results.slice(0, SHOWN).map(function (r) { return r.data(); }).forEach(function (loading, i) {
      done = done.then(function () { return loading; }).then(function (data) {
        if (!current()) return;
        if (i === 0) { /* the earlier list stays until this one begins */
          list.textContent = "";
          list.removeAttribute("aria-busy");
          more.hidden = true;
        }
        list.appendChild(hit(data));
        if (i > 0) return;
        status.textContent = total === 1 ? "1 exempel hittades" : tal(total) + " exempel hittades";
        if (total > SHOWN) {
          var all = more.querySelector("a");
          all.href = form.action + "?" + new URLSearchParams({ q: query }).toString();
          all.textContent = "Visa alla " + tal(total) + " på sidan Hitta exempel";
          more.hidden = false;
        }
        open(true);
      });
    });
    done.then(function () { offer(query, total, search.exact, current); });
    return done;
  }

  /* "Menade du …?" first in the list, a link that searches for the nearest words */
  function offer(query, total, exact, current) {
    suggestion(root, query, total, exact, current).then(function (better) {
      if (!better) return;
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.className = "ge-search__hit ge-search__suggest";
      a.href = form.action + "?" + new URLSearchParams({ q: better }).toString();
      var word = document.createElement("strong");
      word.textContent = better;
      a.appendChild(document.createTextNode("Menade du "));
      a.appendChild(word);
      a.appendChild(document.createTextNode("?"));
      a.addEventListener("click", function (event) {
        event.preventDefault();
        input.value = better;
        input.focus();
        input.dispatchEvent(new InputEvent("input", { inputType: "insertReplacementText", data: better }));
      });
      li.appendChild(a);
      list.insertBefore(li, list.firstChild);
      status.textContent = status.textContent.replace(/\.?$/, ".") + " Menade du ”" + better + "”?";
    });
  }

  /* A pointer on the box, or a first letter typed in it, means a search is coming: load
     Pagefind meanwhile, so that it is ready when the query is long enough to search. (Not on
     focus: keyboard users tab past the box, and should not download the search on the way.) */
  input.addEventListener("pointerdown", function () { load().catch(function () {}); });

  var before = input.value.trim();
  input.addEventListener("input", function (event) {
    var query = input.value.trim();
    var wait = pause(event, before, query, 120);
    before = query;
    if (query.length < window.geSok.FROM_LETTERS) {
      open(false);
      list.textContent = "";
      more.hidden = true;
      if (query) load().catch(function () {});
      return;
    }
    /* Until this query's results begin, the list shown is of an earlier one: marked busy (and
       dimmed, if it takes a moment), and its link to all results, which names the earlier
       query, is taken away */
    list.setAttribute("aria-busy", "true");
    more.hidden = true;
    load().then(function (pf) {
      return pf.debouncedSearch(words(query), {}, wait).then(function (search) {
        return search && exactFirst(pf, words(query), search);
      });
    })
      .then(function (search) {
        if (search === null || input.value.trim() !== query) return; /* a newer query is under way */
        return show(query, search);
      })
      .catch(function () {
        list.textContent = "";
        list.removeAttribute("aria-busy");
        status.textContent = "Sökningen kunde inte laddas. Tryck på Enter för att söka på sidan Hitta exempel.";
        open(true);
      });
  });

  input.addEventListener("focus", function () { if (list.children.length) open(true); });
  form.addEventListener("keydown", function (event) {
    var links = Array.prototype.filter.call(panel.querySelectorAll("a"), function (a) { return !a.closest("[hidden]"); });
    var index = links.indexOf(document.activeElement);
    if (event.key === "Escape") { input.focus(); open(false); } /* focusing reopens: close after */
    else if (event.key === "ArrowDown" && links.length) {
      event.preventDefault();
      links[Math.min(index + 1, links.length - 1)].focus();
    } else if (event.key === "ArrowUp" && links.length) {
      event.preventDefault();
      if (index <= 0) input.focus(); else links[index - 1].focus();
    }
  });
  document.addEventListener("click", function (event) {
    if (!form.contains(event.target)) open(false);
  });
  /* and when the keyboard moves on past the box and its results */
  form.addEventListener("focusout", function (event) {
    if (event.relatedTarget && !form.contains(event.relatedTarget)) open(false);
  });
})();
