// The caregiver's visit pages on a phone, offline without loss (issue 6 point 2).
//
// Every action on a visit (check-in, check-out, tasks and notes, the client's confirmation, an incident) goes
// into a queue in IndexedDB first, with a fresh idempotency key and the phone's time, and is then sent to the
// server's sync endpoint: at once when online, else on the `online` event or the next page load. An action
// leaves the queue only after the server answered for its key (applied, duplicate, conflict or rejected), so
// sending it twice is safe: the server applies a key once.
//
// Progressive enhancement: without this file (or without IndexedDB) every form posts to the server normally.
// The location is asked for only when the check-in or check-out button is pressed, never in between.
(function () {
  "use strict";

  var DB_NAME = "alongside-visits";
  var STORE = "queue";
  var PAGE_CACHE = "alongside-visits-pages-v1"; // the service worker (sw.js) uses the same name
  var ANSWERED = { applied: true, duplicate: true, conflict: true, rejected: true };
  var BATCH = 50; // actions per request (the server takes at most 200)
  var NEXT_STATE = { check_in: "in_progress", check_out: "done", confirm: "confirmed" };

  var root = document.getElementById("fieldwork");
  if (!root || !window.indexedDB || !window.fetch || !window.crypto || !window.crypto.randomUUID) {
    return; // the forms post normally
  }
  var config = root.dataset;
  var status = document.getElementById("sync-status");
  var flushing = null;
  var flushAgain = false;

  // --- the queue in IndexedDB ---------------------------------------------------------------------

  function openQueue() {
    return new Promise(function (resolve, reject) {
      var request = indexedDB.open(DB_NAME, 1);
      request.onupgradeneeded = function () {
        // `seq` keeps the order the actions were taken in; `key` is the idempotency key the server sees.
        var store = request.result.createObjectStore(STORE, { keyPath: "seq", autoIncrement: true });
        store.createIndex("key", "key", { unique: true });
      };
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
  }

  function withStore(mode, work) {
    return openQueue().then(function (db) {
      return new Promise(function (resolve, reject) {
        var transaction = db.transaction(STORE, mode);
        var result = work(transaction.objectStore(STORE));
        transaction.oncomplete = function () { db.close(); resolve(result && result.result); };
        transaction.onerror = function () { db.close(); reject(transaction.error); };
        transaction.onabort = function () { db.close(); reject(transaction.error); };
      });
    });
  }

  function queuedActions() {
    // Only this user's actions: a phone shared by two caregivers never sends one's actions as the other.
    return withStore("readonly", function (store) { return store.getAll(); }).then(function (items) {
      return (items || []).filter(function (item) { return item.user === config.user; });
    });
  }

  function enqueue(action) {
    return withStore("readwrite", function (store) { store.add(action); });
  }

  function dequeue(keys) {
    return withStore("readwrite", function (store) {
      keys.forEach(function (key) {
        var found = store.index("key").getKey(key);
        found.onsuccess = function () { if (found.result !== undefined) { store.delete(found.result); } };
      });
    });
  }

  // --- sending ------------------------------------------------------------------------------------

  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    if (match) { return decodeURIComponent(match[1]); }
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function flush() {
    if (flushing) {
      flushAgain = true; // an action queued while a send is on its way goes in the next send
      return flushing;
    }
    flushAgain = false;
    var more = false;
    flushing = queuedActions()
      .then(function (items) {
        if (!items.length) { return null; }
        more = items.length > BATCH;
        var actions = items.slice(0, BATCH).map(function (item) {
          return { key: item.key, kind: item.kind, visit_id: item.visit_id, performed_at: item.performed_at,
                   payload: item.payload };
        });
        return fetch(config.syncUrl, {
          method: "POST",
          credentials: "same-origin",
          headers: { "Content-Type": "application/json", "Accept": "application/json", "X-CSRFToken": csrfToken() },
          body: JSON.stringify({ actions: actions })
        }).then(function (response) {
          if (response.status === 401 || response.status === 403) { throw new Error("signin"); }
          if (!response.ok) { throw new Error("server"); }
          return response.json();
        }).then(function (body) { return settle(body.results || []); })
          .then(function (answered) { more = more && answered > 0; });
      })
      .catch(function (error) {
        more = flushAgain = false; // try again on the next `online` event, page load or action
        announce(error && error.message === "signin" ? "signin" : "queued");
      })
      .then(function () {
        flushing = null;
        return (more || flushAgain) && navigator.onLine ? flush() : null;
      });
    return flushing;
  }

  function settle(results) {
    var answered = results.filter(function (result) { return ANSWERED[result.status]; });
    return dequeue(answered.map(function (result) { return result.key; })).then(function () {
      var refused = answered.filter(function (result) { return result.status === "rejected"; });
      var conflicts = answered.filter(function (result) { return result.status === "conflict"; });
      if (refused.length) {
        announce("rejected", refused.map(function (result) { return result.message; }).join(" "));
      } else if (conflicts.length) {
        announce("conflict", conflicts.map(function (result) { return result.message; }).join(" "));
      } else {
        announce(answered.length === results.length ? "sent" : "queued");
      }
      showReload(refused.length > 0 || conflicts.length > 0);
      return refreshCachedPages();
    }).then(function () { return answered.length; });
  }

  // --- the status the page shows and a screen reader announces -------------------------------------

  function announce(what, detail) {
    if (!status) { return; }
    var text = status.getAttribute("data-msg-" + what) || "";
    status.textContent = detail ? text.replace("%(message)s", detail) : text;
    status.className = "sync-status sync-status--" + what;
  }

  function showReload(show) {
    var link = document.getElementById("sync-reload");
    if (link) { link.hidden = !show; }
  }

  // --- the phone's location, only when a check-in or check-out button is pressed ---------------------

  function locate() {
    return new Promise(function (resolve) {
      if (!navigator.geolocation) { resolve(null); return; }
      announce("locating");
      navigator.geolocation.getCurrentPosition(
        function (position) {
          resolve({
            latitude: position.coords.latitude.toFixed(6),
            longitude: position.coords.longitude.toFixed(6),
            accuracy_m: Math.round(position.coords.accuracy)
          });
        },
        function () { resolve(null); }, // refused or unavailable: the visit is recorded without it
        { enableHighAccuracy: true, timeout: 15000, maximumAge: 0 }
      );
    });
  }

  // --- reading the forms ---------------------------------------------------------------------------

  function field(form, name) {
    var element = form.elements.namedItem(name);
    return element ? element.value : "";
  }

  function checked(form, name) {
    return Array.prototype.filter.call(form.querySelectorAll("input[name='" + name + "']"), function (box) {
      return box.checked;
    }).map(function (box) { return box.value; });
  }

  function ticked(form, name) {
    var box = form.querySelector("input[name='" + name + "']");
    return Boolean(box && box.checked);
  }

  function tasksPayload(form) {
    return { tasks_done: checked(form, "tasks_done"), notes: field(form, "notes"),
             observations: field(form, "observations") };
  }

  // A datetime-local value is the agency's wall clock; the server gets it with the agency's UTC offset.
  function agencyTime(value) {
    return value ? value + (value.length === 16 ? ":00" : "") + config.utcOffset : "";
  }

  function payloadFor(kind, form) {
    if (kind === "tasks") { return Promise.resolve(tasksPayload(form)); }
    if (kind === "confirm") {
      return Promise.resolve({ hours: field(form, "hours"), by_name: field(form, "by_name").trim(),
                               relation: checked(form, "relation")[0] || "" });
    }
    if (kind === "incident") {
      return Promise.resolve({
        kind: checked(form, "kind")[0] || "", occurred_at: agencyTime(field(form, "occurred_at")),
        description: field(form, "description"), actions_taken: field(form, "actions_taken"),
        called_119: ticked(form, "called_119"), family_told: ticked(form, "family_told"),
        agency_told: ticked(form, "agency_told"), notified: field(form, "notified")
      });
    }
    return locate().then(function (place) {
      var payload = kind === "check_out" ? tasksPayload(form) : {};
      payload.latitude = place ? place.latitude : null;
      payload.longitude = place ? place.longitude : null;
      payload.accuracy_m = place ? place.accuracy_m : null;
      return payload;
    });
  }

  // What the browser checks before a normal post (required fields), checked before queueing too.
  function readyToQueue(form, kind) {
    if (kind === "confirm" || kind === "incident") { return form.reportValidity(); }
    return true;
  }

  // --- the visit page's state: the server's, then the actions still queued on this phone --------------

  var visitPage = document.getElementById("visit-record");
  var state = visitPage ? {
    name: visitPage.dataset.state,
    checkedInAt: visitPage.dataset.checkedInAt || "",
    checkedOutAt: visitPage.dataset.checkedOutAt || "",
    changed: false // true once an action taken on this phone is shown on top of the server's state
  } : null;

  // The agency's wall clock (Taiwan has no daylight saving time), whatever the phone's time zone.
  function offsetMinutes() {
    var sign = config.utcOffset.charAt(0) === "-" ? -1 : 1;
    var parts = config.utcOffset.slice(1).split(":");
    return sign * (Number(parts[0]) * 60 + Number(parts[1]));
  }

  function agencyClock(iso) {
    // "YYYY-MM-DDTHH:MM" on the agency's clock.
    return new Date(Date.parse(iso) + offsetMinutes() * 60000).toISOString().slice(0, 16);
  }

  function wallClock(iso) {
    return agencyClock(iso).slice(11);
  }

  // The billing hours: whole minutes between check-in and check-out, over 60, two places rounded half up
  // (the same arithmetic as the server's check-out, so the client confirms exactly what is recorded).
  function hoursBetween(startIso, endIso) {
    var minutes = Math.floor((Date.parse(endIso) - Date.parse(startIso)) / 60000);
    var hundredths = Math.floor((Math.max(minutes, 0) * 100 + 30) / 60);
    return Math.floor(hundredths / 100) + "." + ("0" + (hundredths % 100)).slice(-2);
  }

  function apply(action) {
    if (!state || String(action.visit_id) !== visitPage.dataset.visit) { return; }
    if (action.kind === "check_in") { state.checkedInAt = action.performed_at; }
    if (action.kind === "check_out") { state.checkedOutAt = action.performed_at; }
    if (action.kind === "tasks" || action.kind === "check_out") { restoreTasks(action.payload); }
    if (action.kind === "confirm") { state.confirmedBy = action.payload.by_name; }
    if (NEXT_STATE[action.kind]) { state.name = NEXT_STATE[action.kind]; }
    state.changed = true;
  }

  function restoreTasks(payload) {
    var form = document.getElementById("tasks-form");
    if (!form) { return; }
    Array.prototype.forEach.call(form.querySelectorAll("input[name='tasks_done']"), function (box) {
      box.checked = payload.tasks_done.indexOf(box.value) >= 0;
    });
    form.elements.namedItem("notes").value = payload.notes;
    form.elements.namedItem("observations").value = payload.observations;
  }

  function render() {
    if (!state || !state.changed) { return; }
    Array.prototype.forEach.call(document.querySelectorAll("[data-shown-in]"), function (section) {
      section.hidden = section.getAttribute("data-shown-in").split(" ").indexOf(state.name) < 0;
    });
    var line = document.getElementById("visit-state");
    var template = line && line.getAttribute("data-msg-" + state.name);
    if (template) {
      line.textContent = template
        .replace("%(in)s", state.checkedInAt ? wallClock(state.checkedInAt) : "")
        .replace("%(out)s", state.checkedOutAt ? wallClock(state.checkedOutAt) : "")
        .replace("%(name)s", state.confirmedBy || "");
    }
    if (state.name === "done" && state.checkedInAt && state.checkedOutAt && !visitPage.dataset.hours) {
      showHours(hoursBetween(state.checkedInAt, state.checkedOutAt));
    }
  }

  function showHours(hours) {
    var input = document.getElementById("confirm-hours");
    var text = document.getElementById("hours-to-confirm");
    if (input) { input.value = hours; }
    if (text) {
      text.textContent = text.getAttribute("data-msg-hours")
        .replace("%(hours)s", hours)
        .replace("%(in)s", wallClock(state.checkedInAt))
        .replace("%(out)s", wallClock(state.checkedOutAt));
    }
  }

  // --- taking an action ----------------------------------------------------------------------------

  document.addEventListener("submit", function (event) {
    var form = event.target;
    var button = event.submitter;
    var kind = (button && button.getAttribute("data-action")) || form.getAttribute("data-action");
    if (!kind || !form.hasAttribute("data-queue")) { return; }
    event.preventDefault();
    if (!readyToQueue(form, kind)) { return; }
    var visitId = Number(form.getAttribute("data-visit"));
    var performedAt = new Date().toISOString(); // when it was done, not when it reaches the server
    payloadFor(kind, form).then(function (payload) {
      var action = { key: crypto.randomUUID(), user: config.user, kind: kind, visit_id: visitId,
                     performed_at: performedAt, payload: payload };
      return enqueue(action).then(
        function () { return action; },
        function () { postPlainly(form, button); return null; } // no room on this phone: the ordinary post
      );
    }).then(function (action) {
      if (!action) { return null; }
      apply(action);
      render();
      if (kind === "incident") { form.reset(); setNow(); }
      announce(action.payload.latitude === null ? "queued-no-location" : "queued");
      return navigator.onLine ? flush() : null;
    });
  });

  function postPlainly(form, button) {
    form.removeAttribute("data-queue");
    if (form.requestSubmit) { form.requestSubmit(button || undefined); } else { form.submit(); }
  }

  // --- the pages kept on the phone for offline use -------------------------------------------------

  function refreshCachedPages() {
    if (!window.caches) { return null; }
    var urls = [location.href];
    // A link keeps its own page, or the pages it lists (a visit and its incident form).
    Array.prototype.forEach.call(document.querySelectorAll("[data-offline-page]"), function (link) {
      var listed = link.getAttribute("data-offline-page").split(/\s+/).filter(Boolean);
      (listed.length ? listed : [link.href]).forEach(function (url) { urls.push(new URL(url, location.href).href); });
    });
    Array.prototype.forEach.call(document.querySelectorAll("link[rel=stylesheet], script[src]"), function (asset) {
      urls.push(asset.href || asset.src);
    });
    return caches.open(PAGE_CACHE).then(function (cache) {
      return Promise.all(urls.map(function (url) {
        return fetch(url, { credentials: "same-origin" }).then(function (response) {
          return response.ok && !response.redirected ? cache.put(url, response) : null;
        }).catch(function () { return null; });
      }));
    }).catch(function () { return null; });
  }

  // The incident's time starts as now on the agency's clock (a page kept offline must not show an old time).
  function setNow() {
    var input = document.querySelector("input[data-now]");
    if (input) { input.value = agencyClock(new Date().toISOString()); }
  }

  // Signing out empties the pages kept on this phone (they name clients); queued actions stay to be sent.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!window.caches || form.getAttribute("action") !== config.signOutUrl || form.dataset.cleared) { return; }
    event.preventDefault();
    form.dataset.cleared = "1";
    caches.delete(PAGE_CACHE).catch(function () { return null; }).then(function () { form.submit(); });
  });

  window.addEventListener("online", function () { flush(); });

  // Pages kept for another user of this phone (who signed out elsewhere than on these pages) are dropped.
  function forgetOtherUsersPages() {
    var marker = "alongside-visits-user";
    try {
      if (localStorage.getItem(marker) !== config.user) {
        localStorage.setItem(marker, config.user);
        return window.caches ? caches.delete(PAGE_CACHE).catch(function () { return null; }) : Promise.resolve();
      }
    } catch (error) { /* storage switched off: nothing was kept either */ }
    return Promise.resolve();
  }

  function start() {
    if ("serviceWorker" in navigator && config.swUrl) {
      navigator.serviceWorker.register(config.swUrl, { scope: config.scope }).catch(function () { return null; });
    }
    setNow();
    forgetOtherUsersPages().then(queuedActions).then(function (items) {
      items.forEach(apply);
      render();
      if (!items.length) {
        if (navigator.onLine) { refreshCachedPages(); }
        return null;
      }
      announce("queued");
      return navigator.onLine ? flush() : null;
    }).catch(function () { return null; });
  }

  start();
})();
