/* The catalogue ("Hitta exempel"): full-text search and facet filters over the Pagefind index.
   The state lives in the address (q, tema, lan, …, fran, till, sortera), so a copied link opens
   the same view, and back/forward work. Without JavaScript the static list is the catalogue.

   A filter value is addressed by its stable id (the slug of its facet page, the box's value);
   a label in any letter case (older links) is understood too. A value the page does not offer
   is named ("Filtret ”Foo” finns inte längre") among the chosen filters, with a button to
   remove it, and filters nothing.

   History: every change of a filter, the period or the order is an entry of its own. Typing is
   one entry: the first search of a query adds it, the following ones (however fast the visitor
   types) replace it, until a filter changes or Enter is pressed.

   The unfiltered view needs no search: the page comes with its first cases in title order and
   every facet value's count (goda_exempel/browse.py). A view without search words (filters, the
   period, an order) is found here in the selection file (goda_exempel/selection.py) on a site
   that has one (up to 1,000 cases): one small file instead of the search index's chain of
   files and its WebAssembly, which on a slow phone made a shared filtered address wait
   (bench/slow_phone.py). Searches with words, and every view on a larger site or if the file
   cannot be loaded, go to Pagefind (loaded by sok.js, window.geSok, with every shard of the
   index merged), which is loaded once the page is idle (not with the browser's data saver on),
   when the visitor starts to use the form, or when the address asks for a search.

   With Pagefind, filter counts come from its filter indexes, which are loaded one facet at a time: for
   the facets in use and the facet groups the visitor has opened (a closed group shows no
   counts). Pagefind counts every loaded filter in every search, and that grows with cases ×
   results, so loading all of them (10,000 cases: 315 KB) made each search take a second.

   Orders other than relevance are made here, not by Pagefind sorts: within each shard the cases
   are in title order and the shards take turns (see goda_exempel/search.py), so a case's place in
   title order follows from its shard and its place there; pagefind/nyast.json gives each
   title's place by date added. Both come from a search for "__", a word that every case has in
   its metadata (a search without words would make Pagefind load its whole word index); it is
   made only when an order or the unfiltered list needs it. */
(function () {
  "use strict";
  var root = document.querySelector(".ge-catalogue");
  if (!root) return;
  var form = root.querySelector("#ge-filters");
  var results = root.querySelector("#ge-results");
  var statusEl = results.querySelector(".ge-results__status");
  var chosen = results.querySelector(".ge-chosen");
  var panel = form.querySelector(".ge-panel");
  var panelActive = panel.querySelector(".ge-panel__active");
  var panelShows = panel.querySelector(".ge-panel__shows"); /* what closing the panel shows */
  var yearsError = root.querySelector("#ge-years-error");
  var kommunFind = form.querySelector("[data-ge-find]");
  var list = results.querySelector(".ge-results__list");
  var more = results.querySelector(".ge-results__more");
  var staticList = root.querySelector("#ge-static");
  var base = new URL(root.getAttribute("data-ge-base"), document.baseURI);
  var PAGE = Number(root.getAttribute("data-ge-page")); /* browse.CATALOGUE_PAGE, set on the page */
  var EVERY_CASE = "__"; /* goda_exempel.search.EVERY_CASE */
  var boxes = Array.prototype.slice.call(form.querySelectorAll(".ge-facet input[type=checkbox]"));
  var FACETS = boxes.map(function (box) { return box.name; })
    .filter(function (name, i, all) { return all.indexOf(name) === i; });
  var totals = boxes.map(function (box) { return box.parentNode.querySelector("[data-count]").textContent; });
  /* facet → id → label (what the index filters on), and facet → id, label or either in lower
     case → id (what an address may hold) */
  var LABEL = {}, ID = {};
  boxes.forEach(function (box) {
    var key = box.name, label = box.getAttribute("data-label");
    (LABEL[key] = LABEL[key] || {})[box.value] = label;
    var ids = ID[key] = ID[key] || {};
    [box.value, label, label.replace(/\s+/g, "-")].forEach(function (name) { ids[name.toLowerCase()] = box.value; });
  });
  var FACET_NAME = {}; /* facet → its group's title ("Tema") */
  form.querySelectorAll(".ge-facet").forEach(function (group) {
    FACET_NAME[group.querySelector("input[type=checkbox]").name] = group.querySelector("summary").textContent;
  });
  var unknown = []; /* [{key, value}]: values in the address that the page does not offer */
  var loadedFacets = {}; /* facets whose filter index Pagefind has loaded: it counts them all */
  var ALL = {}; /* every group */
  FACETS.forEach(function (key) { ALL[key] = true; });
  function pagefindCounted(options) {
    Object.keys(options.filters).forEach(function (key) { if (key !== "ar") loadedFacets[key] = true; });
    return loadedFacets;
  }
  function tal(n) { /* 9 465, as the page's own counts are written */
    return window.geSok ? window.geSok.tal(n) : String(n);
  }
  function searchWords(q) { /* the query without its small words, as the header searches it */
    return window.geSok ? window.geSok.words(q) : q;
  }

  /* sok.js (window.geSok): both scripts load async, so that a shared address starts its search
     as soon as they have arrived, not after the theme's script has run; this one may run first */
  function sok() {
    if (window.geSok) return Promise.resolve(window.geSok);
    return new Promise(function (resolve) { (window.geSokWaiting = window.geSokWaiting || []).push(resolve); });
  }
  var engine = null; /* {pagefind, sizes} once loaded */
  function loaded() {
    if (!engine) {
      engine = sok().then(function (geSok) { return geSok.load(base); });
      engine.catch(function () { engine = null; });
    }
    return engine;
  }
  function pagefind() {
    return loaded().then(function (l) { return l.pagefind; });
  }
  var everyCaseSearch = null;
  function everyCase() {
    if (!everyCaseSearch) {
      everyCaseSearch = pagefind().then(function (pf) { return pf.search(EVERY_CASE); });
      everyCaseSearch.catch(function () { everyCaseSearch = null; });
    }
    return everyCaseSearch;
  }

  /* The selection file (goda_exempel.selection), on a site that has one: every case with what
     the list shows and its filter values, in title order. A view without search words is found
     in it here, without Pagefind (for a shared address the page's head has started loading it:
     window.geUrval). Counts come with it for every group, and each case's place in either order. */
  var OWN = root.getAttribute("data-ge-urval");
  var selectionFile = null;
  function selection() {
    if (!selectionFile) {
      selectionFile = window.geUrval || fetch(new URL(OWN, document.baseURI).href).then(function (r) {
        if (!r.ok) throw new Error(r.status);
        return r.json();
      });
      window.geUrval = null;
      selectionFile.catch(function () { selectionFile = null; });
    }
    return selectionFile;
  }

  /* A view without words, as Pagefind would find it: a group's values combined with "or", the
     groups with "and", a period keeps a case that ran in any of its years. Each group's counts
     are of the cases that every other group's ticks (and the period) keep, as ownCounts makes
     them with Pagefind. The results are in title order and as Pagefind's: data() gives {url,
     meta, filters}. */
  function ownSearch(state) {
    return selection().then(function (file) {
      var wanted = {};
      FACETS.forEach(function (key) {
        if (state.facets[key].length) {
          wanted[key] = state.facets[key].map(function (id) { return file.fasetter[key].indexOf(LABEL[key][id]); });
        }
      });
      var keys = Object.keys(wanted);
      var span = years(state);
      var from = span ? Number(span[0]) : 0, to = span ? Number(span[span.length - 1]) : 0;
      var keeps = function (c, except) {
        if (span && (c.ar[1] < from || c.ar[0] > to)) return false;
        return keys.every(function (key) {
          var has = c.f[key] || [];
          return key === except || wanted[key].some(function (i) { return has.indexOf(i) !== -1; });
        });
      };
      var result = function (c) {
        return { newest: c.n, data: function () {
          var filters = {};
          Object.keys(c.f).forEach(function (key) {
            filters[key] = c.f[key].map(function (i) { return file.fasetter[key][i]; });
          });
          return Promise.resolve({ url: new URL(c.u, base).pathname, filters: filters,
            meta: { title: c.t, organisation: c.o, plats: c.p, period: c.d, tillagd: c.a, ingress: c.i } });
        } };
      };
      var found = [], counts = {};
      file.exempel.forEach(function (c) { if (keeps(c)) found.push(result(c)); });
      FACETS.forEach(function (key) {
        var count = counts[key] = {};
        file.exempel.forEach(function (c) {
          if (!keeps(c, key)) return;
          (c.f[key] || []).forEach(function (i) {
            var label = file.fasetter[key][i];
            count[label] = (count[label] || 0) + 1;
          });
        });
      });
      return { results: found, filters: counts, own: true };
    });
  }
  /* result id → place in title order: shard s, place i within it → i × shards + s */
  var titleRankMap = null;
  function titleRank() {
    if (!titleRankMap) {
      titleRankMap = Promise.all([loaded(), everyCase()]).then(function (both) {
        var sizes = both[0].sizes, count = sizes.length, rank = {}, shard = 0, start = 0;
        both[1].results.forEach(function (r, position) {
          while (shard < count - 1 && position >= start + sizes[shard]) { start += sizes[shard]; shard++; }
          rank[r.id] = (position - start) * count + shard;
        });
        return rank;
      });
      titleRankMap.catch(function () { titleRankMap = null; });
    }
    return titleRankMap;
  }
  var dateRank = null; /* loaded when first needed */
  function byDate() {
    if (!dateRank) {
      dateRank = fetch(new URL("pagefind/nyast.json", base).href).then(function (r) {
        if (!r.ok) throw new Error(r.status);
        return r.json();
      }).then(function (data) { return data.nyast; });
      dateRank.catch(function () { dateRank = null; });
    }
    return dateRank;
  }
  var current = { results: [], shown: 0, token: 0, state: null, counted: ALL };

  function readState(params) {
    var state = { q: (params.get("q") || "").trim(), sortera: params.get("sortera") || "",
      fran: params.get("fran") || "", till: params.get("till") || "", facets: {}, unknown: [] };
    FACETS.forEach(function (key) {
      state.facets[key] = [];
      params.getAll(key).forEach(function (value) {
        var id = (ID[key] || {})[value.trim().toLowerCase()];
        if (!id) state.unknown.push({ key: key, value: value });
        else if (state.facets[key].indexOf(id) === -1) state.facets[key].push(id);
      });
    });
    return state;
  }

  /* Without search words there is no best match: the list is in title order (see ordered),
     and the default order says so; the option "Rubrik A–Ö" would only repeat it */
  function sortLabels() {
    var query = form.elements.q.value.trim();
    var sort = form.elements.sortera;
    sort.querySelector("option[value=relevans]").textContent = query ? "Bäst träff" : "Rubrik A–Ö";
    sort.querySelector("option[value=rubrik]").hidden = !query;
  }

  function formState() {
    sortLabels();
    var data = new FormData(form);
    var state = { q: (data.get("q") || "").trim(), sortera: data.get("sortera") || "",
      fran: data.get("fran") || "", till: data.get("till") || "", facets: {} };
    FACETS.forEach(function (key) { state.facets[key] = data.getAll(key); });
    state.unknown = unknown;
    if (state.sortera === "relevans") state.sortera = "";
    return state;
  }

  function toParams(state) {
    var params = new URLSearchParams();
    if (state.q) params.set("q", state.q);
    FACETS.forEach(function (key) {
      state.facets[key].forEach(function (v) { params.append(key, v); });
      state.unknown.forEach(function (u) { if (u.key === key) params.append(key, u.value); });
    });
    if (state.fran) params.set("fran", state.fran);
    if (state.till) params.set("till", state.till);
    if (state.sortera) params.set("sortera", state.sortera);
    return params;
  }

  function fillForm(state) {
    form.elements.q.value = state.q;
    typed = state.q;
    form.elements.sortera.value = state.sortera || "relevans";
    form.elements.fran.value = state.fran;
    form.elements.till.value = state.till;
    form.querySelectorAll(".ge-facet input[type=checkbox]").forEach(function (box) {
      box.checked = state.facets[box.name].indexOf(box.value) !== -1;
      if (box.checked) box.closest(".ge-facet").open = true;
    });
    unknown = state.unknown;
    sortLabels();
  }

  /* the period as the menus offer it: a year they do not offer (an edited address) counts as
     none, as the menus then show "Alla" */
  function period(state) {
    var options = Array.prototype.map.call(form.elements.fran.options, function (o) { return o.value; })
      .filter(Boolean).map(Number);
    var fran = options.indexOf(Number(state.fran)) === -1 ? "" : state.fran;
    var till = options.indexOf(Number(state.till)) === -1 ? "" : state.till;
    return { fran: fran, till: till, first: options[0], last: options[options.length - 1],
      impossible: Boolean(fran && till && Number(fran) > Number(till)) };
  }

  /* the years a view filters on; none when the period is impossible (from after to): it is
     refused with a message (yearsMessage), not swapped */
  function years(state) {
    var p = period(state);
    if ((!p.fran && !p.till) || p.impossible) return null;
    var out = [];
    for (var y = p.fran ? Number(p.fran) : p.first; y <= (p.till ? Number(p.till) : p.last); y++) out.push(String(y));
    return out;
  }

  function yearsMessage(state) {
    var p = period(state);
    var text = p.impossible ? "”Från år” (" + p.fran + ") är senare än ”Till år” (" + p.till + "). "
      + "Välj ett tidigare från-år eller ett senare till-år; perioden används inte så länge." : "";
    if (yearsError.textContent !== text) yearsError.textContent = text;
    [form.elements.fran, form.elements.till].forEach(function (select) {
      if (p.impossible) select.setAttribute("aria-invalid", "true"); else select.removeAttribute("aria-invalid");
    });
  }

  function openFacets() {
    return Array.prototype.map.call(form.querySelectorAll(".ge-facet[open] input[type=checkbox]"),
      function (box) { return box.name; });
  }

  function searchOptions(state) {
    var filters = {};
    FACETS.forEach(function (key) {
      if (state.facets[key].length) filters[key] = { any: state.facets[key].map(function (id) { return LABEL[key][id]; }) };
    });
    /* An open group needs its counts: "none of ['']" rules nothing out (no case has an empty
       value) but makes Pagefind load that facet's filter index and count it. */
    openFacets().forEach(function (key) { if (!filters[key]) filters[key] = { none: [""] }; });
    var span = years(state);
    if (span) filters.ar = { any: span };
    return { filters: filters };
  }

  function span(className, text) {
    var el = document.createElement("span");
    el.className = className;
    if (text) el.textContent = text;
    return el;
  }

  /* One result, as the page's own lists show a case (lists.item_html): the date added first when
     ordered by it; the follow-up level and the themes, and the values of the other groups the
     view is filtered on that the case has; the values that made it match are marked. */
  function item(data, state) {
    var li = document.createElement("li");
    var a = document.createElement("a");
    a.className = "ge-list__title";
    a.href = data.url;
    a.textContent = data.meta.title;
    li.appendChild(a);
    if (state.sortera === "nyast" && data.meta.tillagd) li.appendChild(span("ge-list__added", "Tillagd " + data.meta.tillagd));
    li.appendChild(span("ge-list__meta", [data.meta.organisation, data.meta.plats, data.meta.period].filter(Boolean).join(" · ")));
    var tags = span("ge-list__tags");
    var filters = data.filters || {};
    var chosenLabels = function (key) { return state.facets[key].map(function (id) { return LABEL[key][id]; }); };
    var add = function (key, value, className) {
      var tag = span("ge-tag" + (className ? " " + className : ""));
      if (key === "uppfoljning") tag.appendChild(span("ge-visually-hidden", "Uppföljning: "));
      else if (key !== "tema") tag.appendChild(span("ge-visually-hidden", FACET_NAME[key] + ": "));
      tag.appendChild(document.createTextNode(value));
      if (state.facets[key] && chosenLabels(key).indexOf(value) !== -1) tag.className += " ge-tag--match";
      tags.appendChild(tag);
      tags.appendChild(document.createTextNode(" "));
    };
    (filters.uppfoljning || []).forEach(function (v) { add("uppfoljning", v, "ge-tag--level"); });
    (filters.tema || []).forEach(function (v) { add("tema", v); });
    FACETS.forEach(function (key) {
      if (key === "tema" || key === "uppfoljning" || !state.facets[key].length) return;
      var wanted = chosenLabels(key);
      (filters[key] || []).forEach(function (v) { if (wanted.indexOf(v) !== -1) add(key, v); });
    });
    li.appendChild(tags);
    var p = document.createElement("p");
    p.textContent = data.meta.ingress || "";
    li.appendChild(p);
    return li;
  }

  /* The next PAGE results: each is shown as soon as it and the ones before it have loaded
     (one small fragment file each), so the list starts to appear before all have arrived */
  function showMore() {
    var token = current.token;
    var next = current.results.slice(current.shown, current.shown + PAGE);
    var done = Promise.resolve();
    next.map(function (r) { return r.data(); }).forEach(function (loading) {
      done = done.then(function () { return loading; }).then(function (d) {
        if (token !== current.token) return;
        list.appendChild(item(d, current.state));
        current.shown += 1;
      });
    });
    return done.then(function () {
      if (token === current.token) more.hidden = current.shown >= current.results.length;
    });
  }

  /* counts === null: the unfiltered view, whose counts came with the page; counted: the groups
     the search counted (a group without counts shows none) */
  function updateCounts(counts, counted) {
    current.counted = counts ? counted : ALL;
    boxes.forEach(function (box, i) {
      var text = totals[i];
      if (counts) text = counted[box.name] ? "(" + tal((counts[box.name] || {})[LABEL[box.name][box.value]] || 0) + ")" : "";
      box.parentNode.querySelector("[data-count]").textContent = text;
    });
  }

  /* The results in the order the visitor chose: relevance only with search words */
  function ordered(state, search) {
    var order = state.sortera === "nyast" ? "nyast" : (state.sortera === "rubrik" || !state.q) ? "rubrik" : "";
    if (!order) return Promise.resolve(search.results);
    if (search.own) { /* in title order already; the selection file has each case's place by date too */
      if (order === "rubrik") return Promise.resolve(search.results);
      return Promise.resolve(search.results.slice().sort(function (a, b) { return a.newest - b.newest; }));
    }
    return Promise.all([titleRank(), order === "nyast" ? byDate() : null]).then(function (ranks) {
      var place = function (r) {
        var rank = ranks[0][r.id];
        if (rank === undefined) return Infinity;
        return ranks[1] ? ranks[1][rank] : rank;
      };
      return search.results.map(function (r) { return [place(r), r]; })
        .sort(function (a, b) { return a[0] === b[0] ? 0 : a[0] < b[0] ? -1 : 1; })
        .map(function (pair) { return pair[1]; });
    });
  }

  /* The search for a view, with the counts of each group that has ticked values taken from a
     search without that group's own ticks: a group's values are combined with "or", so each
     count says what ticking that value too would give (Pagefind counts within the results,
     which for a ticked group would count only the cases that have the ticked values). One
     more search per ticked group. */
  function ownCounts(pf, state, options, search) {
    var term = state.q ? searchWords(state.q) : EVERY_CASE;
    var own = FACETS.filter(function (key) { return state.facets[key].length; }).map(function (key) {
      var filters = {};
      Object.keys(options.filters).forEach(function (k) { filters[k] = options.filters[k]; });
      filters[key] = { none: [""] }; /* rules nothing out, and counts the group */
      return pf.search(term, { filters: filters }).then(function (s) { return [key, s.filters && s.filters[key]]; });
    });
    return Promise.all(own).then(function (all) {
      var counts = {};
      Object.keys(search.filters || {}).forEach(function (k) { counts[k] = search.filters[k]; });
      all.forEach(function (pair) { if (pair[1]) counts[pair[0]] = pair[1]; });
      return counts;
    });
  }

  /* "Menade du …?" after the count, a link to the same view with the nearest words (sok.js) */
  function suggestFor(q, n, exact, token) {
    var still = function () { return token === current.token; };
    window.geSok.suggestion(base, q, n, exact, still).then(function (better) {
      if (!better) return;
      var params = new URLSearchParams(location.search);
      params.set("q", better);
      var a = document.createElement("a");
      a.href = "?" + params.toString();
      a.textContent = better;
      statusEl.appendChild(document.createTextNode(" Menade du "));
      statusEl.appendChild(a);
      statusEl.appendChild(document.createTextNode("?"));
    });
  }

  function unfiltered(state) {
    return !state.q && !years(state) && FACETS.every(function (key) { return !state.facets[key].length; });
  }

  function activeCount(state) {
    var p = period(state), n = (p.fran ? 1 : 0) + (p.till ? 1 : 0);
    FACETS.forEach(function (key) { n += state.facets[key].length; });
    return n;
  }

  /* The chosen filters above the results, each a button that removes it, and the values of
     the address that the page does not offer, named; the panel's title says how many are on */
  function showChosen(state) {
    chosen.textContent = "";
    var chip = function (text, label, remove) {
      var li = document.createElement("li");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "ge-chip";
      button.textContent = text + " ";
      var x = span("ge-chip__x", "×");
      x.setAttribute("aria-hidden", "true");
      button.appendChild(x);
      button.setAttribute("aria-label", label);
      button.addEventListener("click", function () {
        var at = Array.prototype.indexOf.call(chosen.children, li);
        remove();
        apply("push");
        var left = chosen.querySelectorAll("button");
        (left[Math.min(at, left.length - 1)] || form.elements.q).focus();
      });
      li.appendChild(button);
      chosen.appendChild(li);
    };
    FACETS.forEach(function (key) {
      state.facets[key].forEach(function (id) {
        var text = FACET_NAME[key] + ": " + LABEL[key][id];
        chip(text, "Ta bort filtret " + text, function () {
          boxes.forEach(function (box) { if (box.name === key && box.value === id) box.checked = false; });
        });
      });
    });
    var p = period(state);
    /* (named so that the menus' labels, "Från år" and "Till år", stay theirs alone) */
    if (p.fran) chip("Period från " + p.fran, "Ta bort Period från " + p.fran, function () { form.elements.fran.value = ""; });
    if (p.till) chip("Period till " + p.till, "Ta bort Period till " + p.till, function () { form.elements.till.value = ""; });
    state.unknown.forEach(function (u) {
      chip("Filtret ”" + u.value + "” finns inte längre", "Ta bort filtret ”" + u.value + "”, som inte finns längre",
        function () { unknown = unknown.filter(function (other) { return other !== u; }); });
    });
    chosen.hidden = !chosen.children.length;
    var n = activeCount(state);
    panelActive.textContent = n ? "(" + n + (n === 1 ? " valt)" : " valda)") : "";
  }

  /* The "Kommun" group lists the municipalities of the ticked counties (all without one), and
     those whose name contains what is typed in its search field; a ticked one is always shown */
  function narrowKommun() {
    if (!kommunFind) return;
    var group = kommunFind.closest("fieldset");
    var note = group.querySelector(".ge-facet__narrowed");
    var counties = boxes.filter(function (box) { return box.name === "lan" && box.checked; })
      .map(function (box) { return box.getAttribute("data-label"); });
    var words = kommunFind.value.trim().toLowerCase();
    var shown = 0;
    group.querySelectorAll("li").forEach(function (li) {
      var box = li.querySelector("input");
      var ok = box.checked || ((!counties.length || counties.indexOf(li.getAttribute("data-lan")) !== -1)
        && (!words || box.getAttribute("data-label").toLowerCase().indexOf(words) !== -1));
      li.hidden = !ok;
      if (ok) shown += 1;
    });
    var text = counties.length ? "Kommuner i " + counties.join(", ") + "." : "";
    if (!shown) text += (text ? " " : "") + "Ingen kommun matchar.";
    note.textContent = text;
    note.hidden = !text;
  }

  /* The view the page came with (its first cases in title order, all counts): shown again,
     without a search, whenever the view is unfiltered in title order */
  var pristine = { html: list.innerHTML, status: statusEl.textContent, more: more.hidden, shown: list.children.length };

  /* A view's search: without words from the selection file if the site has one (and it can be
     loaded), else from Pagefind */
  function find(state, options) {
    var fromPagefind = function () {
      return pagefind().then(function (pf) {
        if (!state.q && !Object.keys(options.filters).length) return everyCase();
        var term = state.q ? searchWords(state.q) : EVERY_CASE;
        return pf.search(term, options).then(function (s) { /* the words themselves first (sok.js) */
          return state.q ? window.geSok.exactFirst(pf, term, s, options) : s;
        });
      });
    };
    if (state.q || !OWN) return fromPagefind();
    return ownSearch(state).catch(fromPagefind);
  }

  function run(state) {
    var token = ++current.token;
    current.state = state;
    showChosen(state);
    yearsMessage(state);
    narrowKommun();
    if (unfiltered(state) && state.sortera !== "nyast") {
      list.innerHTML = pristine.html;
      statusEl.textContent = pristine.status;
      panelShows.textContent = " och visa " + pristine.status;
      more.hidden = pristine.more;
      results.removeAttribute("aria-busy");
      current.results = null; /* "Visa fler" fetches the rest (allCases) */
      current.shown = pristine.shown;
      updateCounts(null);
      return Promise.resolve();
    }
    results.setAttribute("aria-busy", "true");
    var options = searchOptions(state);
    return find(state, options).then(function (search) {
      if (token !== current.token || !search) return;
      return ordered(state, search).then(function (sorted) { return { search: search, results: sorted }; });
    }).then(function (done) {
      if (!done || token !== current.token) return;
      var search = done.search;
      current.results = done.results;
      current.shown = 0;
      list.textContent = "";
      more.hidden = true;
      results.removeAttribute("aria-busy");
      var n = search.results.length;
      statusEl.textContent = n === 0 ? "Inga exempel matchar. Ta bort ett filter eller ändra sökorden."
        : (n === 1 ? "1 exempel" : tal(n) + " exempel");
      if (state.q) suggestFor(state.q, n, search.exact, token);
      panelShows.textContent = n === 0 ? " (inga exempel matchar)" : " och visa " + statusEl.textContent;
      var shown = showMore();
      /* unfiltered, only in another order: the counts the page came with are still right.
         A ticked group's counts come from searches without its own ticks, made once the first
         results are shown (ownCounts), so that they do not hold those up */
      if (unfiltered(state)) updateCounts(null);
      else if (search.own) updateCounts(search.filters, ALL);
      else {
        updateCounts(search.filters || {}, pagefindCounted(options));
        shown.then(function () {
          return token === current.token ? pagefind().then(function (pf) { return ownCounts(pf, state, options, search); }) : null;
        }).then(function (counts) {
          if (!counts) return;
          if (token === current.token) updateCounts(counts, pagefindCounted(options));
        }).catch(function () {});
      }
      return shown;
    }).catch(function () {
      results.removeAttribute("aria-busy");
      statusEl.textContent = "Sökningen kunde inte laddas. Listan nedan visar alla exempel.";
      staticList.classList.add("ge-static--shown");
    });
  }

  /* "Visa fler" in the unfiltered view: the rest of the list comes from the selection file or
     the search index */
  function allCases() {
    var token = current.token;
    var state = readState(new URLSearchParams());
    return find(state, { filters: {} }).then(function (search) { /* (Pagefind: every case) */
      return ordered(state, search);
    }).then(function (sorted) {
      if (token !== current.token) return;
      current.results = sorted;
      return showMore();
    });
  }

  /* how: "push" (a filter, the period, the order: a new entry), "typing" (a search while
     typing: the first of a query adds an entry, the following ones replace it) or "enter" (the
     query's entry, added now unless typing added it) */
  var typingEntry = false;
  function apply(how) {
    var state = formState();
    var params = toParams(state).toString();
    var url = location.pathname + (params ? "?" + params : "");
    if (url !== location.pathname + location.search) {
      if (how !== "push" && typingEntry) history.replaceState(null, "", url);
      else history.pushState(null, "", url);
    }
    typingEntry = how === "typing";
    return run(state);
  }

  /* Search as the visitor types, once typing pauses, from the third letter on (or at once when
     the field is emptied, or when the query arrives whole: pasted or filled in). One or two
     letters begin too many words: their search would load much of the word index and take
     long at thousands of cases. Enter searches any query. */
  var typing = null;
  var typed = ""; /* the query as of the last input event (or as fillForm set it) */
  form.addEventListener("input", function (event) {
    if (event.target.name === "q") {
      var state = formState();
      var geSok = window.geSok || {};
      var wait = geSok.pause ? geSok.pause(event, typed, state.q, 150) : 150;
      typed = state.q;
      clearTimeout(typing);
      if (state.q && state.q.length < (geSok.FROM_LETTERS || 1)) return;
      if (!state.q || wait === 0) { apply("typing"); return; }
      /* the word index for what is typed loads while the visitor types */
      pagefind().then(function (pf) { return pf.preload(searchWords(state.q), searchOptions(state)); }).catch(function () {});
      typing = setTimeout(function () { apply("typing"); }, wait);
    }
  });
  form.addEventListener("change", function (event) {
    if (event.target.name === "q" || !event.target.name) return;
    clearTimeout(typing);
    apply("push");
  });
  /* Enter in the search field searches (the form has two text fields, so Enter would not
     submit it) */
  function enter() {
    clearTimeout(typing);
    apply("enter");
  }
  form.addEventListener("submit", function (event) { event.preventDefault(); enter(); });
  form.elements.q.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.isComposing) { event.preventDefault(); enter(); }
  });
  form.addEventListener("reset", function () {
    unknown = [];
    if (kommunFind) kommunFind.value = "";
    setTimeout(function () { apply("push"); }, 0);
  });
  if (kommunFind) {
    kommunFind.addEventListener("input", narrowKommun);
    kommunFind.addEventListener("keydown", function (event) { if (event.key === "Enter") event.preventDefault(); });
  }
  panel.querySelector(".ge-panel__close button").addEventListener("click", function () {
    panel.open = false;
    panel.querySelector("summary").focus();
  });
  var adding = false; /* "Visa fler" is loading its page: a second press would add it twice */
  more.addEventListener("click", function () {
    if (adding) return;
    adding = true;
    var first = current.shown;
    (current.results ? showMore() : allCases()).then(function () {
      var link = list.children[first] && list.children[first].querySelector("a");
      if (link) link.focus();
    }).then(function () { adding = false; }, function () { adding = false; });
  });
  window.addEventListener("popstate", function () {
    var state = readState(new URLSearchParams(location.search));
    clearTimeout(typing);
    typingEntry = false;
    fillForm(state);
    run(state);
  });

  /* an opened facet group shows its counts for the current view (a group with a ticked value
     is in every search already: it was opened for that, by the visitor or by fillForm) */
  form.querySelectorAll(".ge-facet").forEach(function (group) {
    group.addEventListener("toggle", function () {
      var state = formState();
      if (group.open && !group.querySelector("input:checked") && !unfiltered(state)
          && !current.counted[group.querySelector("input").name]) run(state);
    });
  });
  /* the visitor is about to search: load Pagefind meanwhile */
  form.addEventListener("focusin", function (event) {
    if (event.target.name === "q") pagefind().catch(function () {});
  });
  form.addEventListener("pointerdown", function (event) {
    if (event.target.name === "q" || !OWN) pagefind().catch(function () {});
    else selection().catch(function () {}); /* a filter: answered from the selection file */
  });
  /* Once the address's view is shown and the page is idle, get the search ready: the selection
     file (the filters' answers, on a site that has one), and Pagefind with every case listed
     through it (the search the facets and "Visa fler" start from without the file, and words'
     order by title). A visitor comes here to search or filter, and the first search then needs
     only its own word index: on the 10,000-case test site its results came after about 0.23 s
     instead of 0.38 s (bench/README.md). Not with the browser's data saver on: then each loads
     when the visitor starts to use the form. */
  function getReady() {
    if (navigator.connection && navigator.connection.saveData) return;
    var ready = function () {
      if (OWN) selection().catch(function () {});
      everyCase().catch(function () {});
    };
    if (window.requestIdleCallback) requestIdleCallback(ready, { timeout: 2000 }); else setTimeout(ready, 500);
  }

  var initial = readState(new URLSearchParams(location.search));
  /* the page's <head> has marked it ge-js already (browse.catalogue_head), so that the style
     sheet shows the form and these results from the first paint; a page built without the hooks
     (goda-exempel write-pages) has no such script */
  document.documentElement.classList.add("ge-js");
  /* a wide screen has room for the filters beside the list's start; a phone shows them when asked */
  if (window.matchMedia && window.matchMedia("(min-width: 60em)").matches) panel.open = true;
  fillForm(initial);
  if (!unfiltered(initial) || initial.sortera === "nyast") {
    /* the address asks for another view than the page came with: until it is found, the page's
       own first cases stay in view (dimmed), said to be all cases, not the view's */
    more.hidden = true;
    statusEl.textContent = "Söker … Tills dess visas de första av alla " + pristine.status + ".";
  }
  run(initial).then(getReady, getReady);
  document.documentElement.classList.remove("ge-busy"); /* from here on #ge-results[aria-busy] says it */
  /* an address that named filters by label (older links) or in another letter case is
     rewritten with the ids, without a new history entry */
  var tidy = toParams(formState()).toString();
  if (tidy !== location.search.replace(/^\?/, "")) history.replaceState(null, "", location.pathname + (tidy ? "?" + tidy : ""));
})();
