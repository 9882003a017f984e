// The service worker of the caregiver's visit pages (served at /visits/sw.js, scope /visits/).
//
// It keeps the day's pages and their static files on the phone so that they open without a network:
// pages network first (fresh when online; the kept copy after a few seconds without an answer), static files
// from the phone at once while a fresh copy is fetched for next time. It never touches a POST: the actions
// taken offline wait in the page's own queue (visit.js) and are sent to the sync endpoint from there.
"use strict";

var PAGE_CACHE = "alongside-visits-pages-v1"; // visit.js fills and empties the same cache
var NETWORK_PATIENCE_MS = 4000;

function scopePath() {
  return new URL(self.registration.scope).pathname; // "/visits/"
}

function offlineUrl() {
  return scopePath() + "offline/";
}

// The caregiver's pages: the day ("/visits/", any ?date=), a visit ("/visits/12/") and its incident form.
function isCaregiverPage(url) {
  var rest = url.pathname.slice(scopePath().length);
  return url.pathname.indexOf(scopePath()) === 0 && /^(\d+\/(incident\/)?)?$/.test(rest);
}

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(PAGE_CACHE)
      .then(function (cache) { return cache.add(new Request(offlineUrl(), { credentials: "same-origin" })); })
      .catch(function () { return null; })
      .then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (names) {
      return Promise.all(names.filter(function (name) {
        return name.indexOf("alongside-visits-pages-") === 0 && name !== PAGE_CACHE;
      }).map(function (name) { return caches.delete(name); }));
    }).then(function () { return self.clients.claim(); })
  );
});

function keep(request, response) {
  if (response && response.ok && !response.redirected && response.type === "basic") {
    var copy = response.clone();
    caches.open(PAGE_CACHE).then(function (cache) { return cache.put(request, copy); });
  }
  return response;
}

function patiently(promise) {
  return new Promise(function (resolve, reject) {
    var timer = setTimeout(function () { reject(new Error("slow network")); }, NETWORK_PATIENCE_MS);
    promise.then(
      function (value) { clearTimeout(timer); resolve(value); },
      function (error) { clearTimeout(timer); reject(error); }
    );
  });
}

function pageFromNetworkFirst(request) {
  var network = fetch(request).then(function (response) { return keep(request, response); });
  return patiently(network).catch(function () {
    // Django varies its pages on Cookie and Accept-Language; the kept copy is this phone's user's (the cache is
    // emptied at sign-out), so the request's own headers do not matter here.
    return caches.match(request.url, { ignoreVary: true }).then(function (kept) {
      return kept || network.catch(function () {
        return caches.match(offlineUrl(), { ignoreVary: true }).then(function (offline) {
          return offline || Response.error();
        });
      });
    });
  });
}

function assetFromPhoneFirst(request) {
  return caches.match(request, { ignoreVary: true }).then(function (kept) {
    var fresh = fetch(request).then(function (response) { return keep(request, response); });
    if (kept) {
      fresh.catch(function () { return null; });
      return kept;
    }
    return fresh;
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") { return; }
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) { return; }
  if (request.mode === "navigate" && isCaregiverPage(url)) {
    event.respondWith(pageFromNetworkFirst(request));
    return;
  }
  if (request.destination === "style" || request.destination === "script" || request.destination === "font" ||
      request.destination === "image") {
    event.respondWith(assetFromPhoneFirst(request));
  }
});
