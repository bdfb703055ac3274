/* Header search: instant results from the Pagefind index as the visitor types.
   Without JavaScript the form still submits to the catalogue page. */
(function () {
  "use strict";
  var form = document.querySelector("[data-ge-search]");
  if (!form) return;
  var input = form.querySelector("input[type=search]");
  var panel = form.querySelector(".ge-search__panel");
  var status = form.querySelector(".ge-search__status");
  var list = form.querySelector(".ge-search__list");
  var root = new URL(form.getAttribute("data-ge-base"), document.baseURI);
  var pagefind = null;

  function load() {
    if (!pagefind) {
      pagefind = import(new URL("pagefind/pagefind.js", root).href).then(function (pf) {
        return pf.options({ baseUrl: root.pathname }).then(function () { return pf; });
      });
    }
    return pagefind;
  }

  function open(isOpen) {
    panel.hidden = !isOpen; /* a searchbox may not carry aria-expanded; role=status reads the count */
  }

  function show(query, results) {
    list.textContent = "";
    results.forEach(function (r) {
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
      list.appendChild(li);
    });
    status.textContent = results.length
      ? (results.length === 1 ? "1 exempel hittades" : results.length + " exempel hittades")
      : "Inga exempel hittades för ”" + query + "”.";
    open(true);
  }

  input.addEventListener("input", function () {
    var query = input.value.trim();
    if (!query) { open(false); list.textContent = ""; return; }
    load().then(function (pf) { return pf.debouncedSearch(query, {}, 120); })
      .then(function (search) {
        if (search === null || input.value.trim() !== query) return; /* a newer query is under way */
        return Promise.all(search.results.slice(0, 6).map(function (r) { return r.data(); }))
          .then(function (data) { show(query, data); });
      })
      .catch(function () {
        status.textContent = "Sökningen kunde inte laddas. Tryck på Enter för att söka på sidan Hitta exempel.";
        open(true);
      });
  });

  input.addEventListener("focus", function () { if (list.children.length) open(true); });
  form.addEventListener("keydown", function (event) {
    var links = Array.prototype.slice.call(list.querySelectorAll("a"));
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
})();
