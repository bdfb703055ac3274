/* The catalogue ("Hitta exempel"): full-text search and facet filters over the Pagefind index.
   The state lives in the address (q, tema, lan, …, fran, till, sortera), so a copied link opens
   the same view, and back/forward work. Without JavaScript the static list is the catalogue. */
(function () {
  "use strict";
  var root = document.querySelector(".ge-catalogue");
  if (!root) return;
  var form = root.querySelector("#ge-filters");
  var results = root.querySelector("#ge-results");
  var statusEl = results.querySelector(".ge-results__status");
  var list = results.querySelector(".ge-results__list");
  var more = results.querySelector(".ge-results__more");
  var staticList = root.querySelector("#ge-static");
  var base = new URL(root.getAttribute("data-ge-base"), document.baseURI);
  var PAGE = 20;
  var FACETS = Array.prototype.map.call(form.querySelectorAll(".ge-facet input[type=checkbox]"),
    function (box) { return box.name; }).filter(function (name, i, all) { return all.indexOf(name) === i; });
  var pagefind = import(new URL("pagefind/pagefind.js", base).href).then(function (pf) {
    /* filters() loads every filter's index, so that counts are returned for all facets */
    return pf.options({ baseUrl: base.pathname }).then(function () { return pf.filters(); })
      .then(function () { return pf; });
  });
  var current = { results: [], shown: 0, token: 0 };

  function readState(params) {
    var state = { q: params.get("q") || "", sortera: params.get("sortera") || "",
      fran: params.get("fran") || "", till: params.get("till") || "", facets: {} };
    FACETS.forEach(function (key) { state.facets[key] = params.getAll(key); });
    return state;
  }

  function formState() {
    var data = new FormData(form);
    var state = { q: (data.get("q") || "").trim(), sortera: data.get("sortera") || "",
      fran: data.get("fran") || "", till: data.get("till") || "", facets: {} };
    FACETS.forEach(function (key) { state.facets[key] = data.getAll(key); });
    if (state.sortera === "relevans") state.sortera = "";
    return state;
  }

  function toParams(state) {
    var params = new URLSearchParams();
    if (state.q) params.set("q", state.q);
    FACETS.forEach(function (key) { state.facets[key].forEach(function (v) { params.append(key, v); }); });
    if (state.fran) params.set("fran", state.fran);
    if (state.till) params.set("till", state.till);
    if (state.sortera) params.set("sortera", state.sortera);
    return params;
  }

  function fillForm(state) {
    form.elements.q.value = state.q;
    form.elements.sortera.value = state.sortera || "relevans";
    form.elements.fran.value = state.fran;
    form.elements.till.value = state.till;
    form.querySelectorAll(".ge-facet input[type=checkbox]").forEach(function (box) {
      box.checked = state.facets[box.name].indexOf(box.value) !== -1;
      if (box.checked) box.closest("details").open = true;
    });
  }

  function years(state) {
    var options = Array.prototype.map.call(form.elements.fran.options, function (o) { return o.value; })
      .filter(Boolean).map(Number);
    if (!state.fran && !state.till) return null;
    var from = state.fran ? Number(state.fran) : options[0];
    var to = state.till ? Number(state.till) : options[options.length - 1];
    var out = [];
    for (var y = Math.min(from, to); y <= Math.max(from, to); y++) out.push(String(y));
    return out;
  }

  function searchOptions(state) {
    var filters = {};
    FACETS.forEach(function (key) { if (state.facets[key].length) filters[key] = { any: state.facets[key] }; });
    var span = years(state);
    if (span) filters.ar = { any: span };
    var options = { filters: filters };
    if (state.sortera === "nyast") options.sort = { tillagd: "desc" };
    else if (state.sortera === "rubrik" || !state.q) options.sort = { rubrik: "asc" };
    return options;
  }

  function item(data) {
    var li = document.createElement("li");
    var a = document.createElement("a");
    a.className = "ge-list__title";
    a.href = data.url;
    a.textContent = data.meta.title;
    var meta = document.createElement("span");
    meta.className = "ge-list__meta";
    meta.textContent = [data.meta.organisation, data.meta.plats, data.meta.period].filter(Boolean).join(" · ");
    var p = document.createElement("p");
    p.textContent = data.meta.ingress || "";
    li.appendChild(a);
    li.appendChild(meta);
    li.appendChild(p);
    return li;
  }

  function showMore() {
    var token = current.token;
    var next = current.results.slice(current.shown, current.shown + PAGE);
    return Promise.all(next.map(function (r) { return r.data(); })).then(function (data) {
      if (token !== current.token) return;
      data.forEach(function (d) { list.appendChild(item(d)); });
      current.shown += data.length;
      more.hidden = current.shown >= current.results.length;
    });
  }

  function updateCounts(counts) {
    form.querySelectorAll(".ge-facet input[type=checkbox]").forEach(function (box) {
      var n = (counts[box.name] || {})[box.value] || 0;
      box.parentNode.querySelector("[data-count]").textContent = "(" + n + ")";
    });
  }

  function run(state) {
    var token = ++current.token;
    return pagefind.then(function (pf) {
      return pf.search(state.q || null, searchOptions(state));
    }).then(function (search) {
      if (token !== current.token || !search) return;
      current.results = search.results;
      current.shown = 0;
      list.textContent = "";
      var n = search.results.length;
      statusEl.textContent = n === 0 ? "Inga exempel matchar. Ta bort ett filter eller ändra sökorden."
        : (n === 1 ? "1 exempel" : n + " exempel");
      updateCounts(search.filters || {});
      return showMore();
    }).catch(function () {
      statusEl.textContent = "Sökningen kunde inte laddas. Listan nedan visar alla exempel.";
      staticList.hidden = false;
    });
  }

  function apply(push) {
    var state = formState();
    var params = toParams(state).toString();
    var url = location.pathname + (params ? "?" + params : "");
    if (url !== location.pathname + location.search) {
      if (push) history.pushState(null, "", url); else history.replaceState(null, "", url);
    }
    return run(state);
  }

  var typing = null;
  form.addEventListener("input", function (event) {
    if (event.target.name === "q") {
      clearTimeout(typing);
      typing = setTimeout(function () { apply(false); }, 150);
    }
  });
  form.addEventListener("change", function (event) { if (event.target.name !== "q") apply(true); });
  form.addEventListener("submit", function (event) { event.preventDefault(); apply(true); });
  form.addEventListener("reset", function () { setTimeout(function () { apply(true); }, 0); });
  more.addEventListener("click", function () {
    var first = current.shown;
    showMore().then(function () {
      var link = list.children[first] && list.children[first].querySelector("a");
      if (link) link.focus();
    });
  });
  window.addEventListener("popstate", function () {
    var state = readState(new URLSearchParams(location.search));
    fillForm(state);
    run(state);
  });

  var initial = readState(new URLSearchParams(location.search));
  form.hidden = false;
  results.hidden = false;
  staticList.hidden = true;
  fillForm(initial);
  run(initial);
})();
