// lianluo search offline worker. The build writes it to search/sw.js after two constants:
// LIANLUO_VERSION (changes with the index) and LIANLUO_PRECACHE (the search page, its
// assets and, on sites of ordinary size, the whole index). Index files are served from the
// cache first (their names are content hashes); the page and its assets from the network
// first, falling back to the cache, so search keeps working offline once it has loaded.
"use strict";
/* global LIANLUO_VERSION, LIANLUO_PRECACHE */
var CACHE = "lianluo-search-" + LIANLUO_VERSION;

function key(url) {
  return url.split("#")[0].split("?")[0];
}

self.addEventListener("install", function (e) {
  e.waitUntil(caches.open(CACHE)
    .then(function (c) { return c.addAll(LIANLUO_PRECACHE); })
    .then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (e) {
  e.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) {
      return k.indexOf("lianluo-search-") === 0 && k !== CACHE;
    }).map(function (k) { return caches.delete(k); }));
  }).then(function () { return self.clients.claim(); }));
});

function fromCache(req) {
  return caches.open(CACHE).then(function (c) {
    return c.match(key(req.url)).then(function (hit) {
      if (hit || req.mode !== "navigate") return hit;
      return c.match(new URL("index.html", self.registration.scope).href);
    });
  });
}

function store(req, res) {
  if (res.ok) {
    var copy = res.clone();
    caches.open(CACHE).then(function (c) { return c.put(key(req.url), copy); });
  }
  return res;
}

self.addEventListener("fetch", function (e) {
  var req = e.request;
  if (req.method !== "GET" || new URL(req.url).origin !== self.location.origin) return;
  if (req.url.indexOf("/pagefind/") !== -1) {
    e.respondWith(fromCache(req).then(function (hit) {
      return hit || fetch(req).then(function (res) { return store(req, res); });
    }));
  } else {
    e.respondWith(fetch(req).then(function (res) { return store(req, res); }).catch(function () {
      return fromCache(req).then(function (hit) { return hit || Response.error(); });
    }));
  }
});
