// lianluo search page: the site's own UI over pagefind's JS API (pagefind/pagefind.js, built
// with the site). Nothing is fetched from elsewhere. Results are a list of headings with
// links; a live region announces how many were found. A service worker (search/sw.js)
// keeps the page and the index so search keeps working offline once it has loaded.
const form = document.getElementById("search-form");
const input = document.getElementById("search-q");
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const more = document.getElementById("search-more");
const scopeSelect = document.getElementById("search-scope");
const filterSelects = Array.from(form.querySelectorAll("select[data-filter]"));
const root = form.dataset.root || "../";
const PAGE = 10;
let limit = PAGE;
let seq = 0;
let timer = 0;
const apis = new Map();

const label = (select, value) => {
  const o = select && Array.from(select.options).find((x) => x.value === value);
  return o ? o.textContent : "";
};

// One pagefind instance per index folder (a large site has one per group of places).
function api(scope) {
  if (!apis.has(scope)) {
    const base = new URL(`${root}pagefind/${scope ? scope + "/" : ""}`, location.href).href;
    apis.set(scope, (async () => {
      const pf = await import(`${base}pagefind.js`);
      await pf.options({ noWorker: true, excerptLength: 24 });
      await pf.init();
      return pf;
    })());
  }
  return apis.get(scope);
}

// The index folder of the chosen place (several small places share one), or "" for all.
function indexFolder(select) {
  const o = select && select.selectedOptions[0];
  return o && o.value ? (o.dataset.index || o.value) : "";
}

function remember() {
  const q = input.value.trim();
  const params = new URLSearchParams();
  if (q) params.set("q", q);
  for (const s of [scopeSelect, ...filterSelects]) if (s && s.value) params.set(s.name, s.value);
  const qs = params.toString();
  history.replaceState(null, "", qs ? `?${qs}` : location.pathname);
}

function item(d) {
  const li = document.createElement("li");
  li.className = "search-result";
  const h = document.createElement("h2");
  const a = document.createElement("a");
  a.href = root + (d.raw_url || d.url || "").replace(/^\//, "");
  a.textContent = (d.meta && d.meta.title) || a.href;
  h.append(a);
  li.append(h);
  const meta = d.meta || {};
  const kind = d.filters && d.filters.kind ? d.filters.kind[0] : "";
  const facts = [label(form.querySelector("#search-kind"), kind), meta.level, meta.area, meta.date]
    .filter((x, i, all) => x && all.indexOf(x) === i);
  if (facts.length) {
    const p = document.createElement("p");
    p.className = "meta";
    p.textContent = facts.join(" · ");
    li.append(p);
  }
  if (meta.next) {
    const p = document.createElement("p");
    p.className = "search-next";
    p.textContent = `${form.dataset.next}${form.dataset.colon || "："}${meta.next}`;
    li.append(p);
  }
  if (["activity", "suggestion", "page"].includes(kind) && d.excerpt) {
    const p = document.createElement("p");
    p.className = "search-excerpt";
    p.innerHTML = d.excerpt; // pagefind escapes the text and adds only <mark>
    li.append(p);
  }
  return li;
}

const RERANK = 40;
const folded = (s) => s.replace(/\s+/g, "").toLowerCase();
const NAMED = ["deputy", "area", "unit"];

function tier(d, q) {
  const title = folded((d.meta && d.meta.title) || "");
  const kind = d.filters && d.filters.kind ? d.filters.kind[0] : "";
  if (title === q) return 0;
  if (NAMED.includes(kind) && title.includes(q)) return 1;
  return 2;
}

/** Results in pagefind's order, moved up by [`tier`] (a stable sort). */
function rerank(results, query) {
  const q = folded(query);
  return results
    .map((d, i) => ({ d, i, t: tier(d, q) }))
    .sort((a, b) => a.t - b.t || a.i - b.i)
    .map((x) => x.d);
}

async function run() {
  const my = ++seq;
  remember();
  const q = input.value.trim();
  if (!q) {
    list.replaceChildren();
    status.textContent = "";
    more.hidden = true;
    return;
  }
  const filters = {};
  for (const s of filterSelects) if (s.value) filters[s.dataset.filter] = s.value;
  list.setAttribute("aria-busy", "true");
  try {
    const pf = await api(indexFolder(scopeSelect));
    // Tone numbers (li3 xiu4 ying1) are read as plain pinyin, as the index holds it.
    const words = q.replace(/([a-zü])[1-5](?![0-9])/gi, "$1");
    const res = await pf.search(words, { filters });
    if (my !== seq) return;
    // pagefind ranks by words; a page whose whole title is the query comes first, then a
    // deputy, place or unit whose title holds it (above their stations and the activities
    // that mention them). Only the first results are re-ranked, each loaded once.
    const head = await Promise.all(res.results.slice(0, Math.max(limit, RERANK)).map((r) => r.data()));
    if (my !== seq) return;
    const shown = rerank(head, words).slice(0, limit);
    list.replaceChildren(...shown.map(item));
    const n = res.results.length;
    status.textContent = n ? form.dataset.count.replace("{n}", n) : form.dataset.none;
    more.hidden = n <= limit;
  } catch (e) {
    if (my === seq) status.textContent = form.dataset.error;
  } finally {
    if (my === seq) list.removeAttribute("aria-busy");
  }
}

form.addEventListener("submit", (e) => {
  e.preventDefault();
  clearTimeout(timer);
  limit = PAGE;
  run();
});
input.addEventListener("input", () => {
  clearTimeout(timer);
  limit = PAGE;
  timer = setTimeout(run, 200);
});
for (const s of [scopeSelect, ...filterSelects]) if (s) s.addEventListener("change", () => { limit = PAGE; run(); });
more.addEventListener("click", () => {
  const first = list.children.length;
  limit += PAGE;
  run().then(() => {
    const next = list.children[first];
    if (next) next.querySelector("a").focus();
  });
});

const params = new URLSearchParams(location.search);
for (const s of [scopeSelect, ...filterSelects]) if (s && params.get(s.name)) s.value = params.get(s.name);
if (scopeSelect && !scopeSelect.value) {
  try { scopeSelect.value = localStorage.getItem("lianluo-search-scope") || ""; } catch (e) { /* private mode */ }
}
if (scopeSelect) scopeSelect.addEventListener("change", () => {
  try { localStorage.setItem("lianluo-search-scope", scopeSelect.value); } catch (e) { /* private mode */ }
});
input.value = params.get("q") || "";
status.textContent = form.dataset.loading;
api(indexFolder(scopeSelect)).then(
  () => {
    form.dataset.ready = "true";
    if (!input.value.trim()) status.textContent = "";
  },
  () => { status.textContent = form.dataset.error; },
);
if (input.value.trim()) run();
if ("serviceWorker" in navigator && location.protocol !== "file:") {
  navigator.serviceWorker.register("sw.js").catch(() => {});
}
