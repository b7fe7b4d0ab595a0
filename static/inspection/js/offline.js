// The inspector's phone: a problem is kept on the phone (IndexedDB) before it is sent, so a
// dropped signal loses nothing; the outbox is sent when the page opens and whenever the signal
// returns. Each problem carries the key its form was given, and the server keeps a key once,
// so a problem sent twice (the answer lost on the way back) is still one problem. Photos are
// shrunk to at most 1600 pixels on a side before they are stored. Also: "Add my location".
(function () {
  "use strict";
  var script = document.currentScript;
  var DB = "saima-inspection", STORE = "outbox", MAX_SIDE = 1600;
  var statusBox = document.getElementById("queue-status");

  function say(text) {
    if (!statusBox) { return; }
    statusBox.hidden = !text;
    statusBox.textContent = text || "";
  }
  // What the page says, in the page's language: the script tag's data-* attributes.
  var ENGLISH = {
    kept: "No signal: the problem is kept on this phone and sent when the signal returns.",
    sending: "Sending the problems kept on this phone…", sent: "Sent: ", refused: "Not accepted: ",
    waiting: "Problems waiting on this phone: ", located: "Location added",
    "no-location": "No location: type the place"
  };
  function words(key) { return (script && script.getAttribute("data-" + key)) || ENGLISH[key]; }

  function open() {
    return new Promise(function (resolve, reject) {
      var request = indexedDB.open(DB, 1);
      request.onupgradeneeded = function () { request.result.createObjectStore(STORE, { keyPath: "key" }); };
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
  }
  function run(mode, action) {
    return open().then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction(STORE, mode);
        var result = action(tx.objectStore(STORE));
        tx.oncomplete = function () { resolve(result && result.result !== undefined ? result.result : result); };
        tx.onerror = function () { reject(tx.error); };
      });
    });
  }
  function all() { return run("readonly", function (store) { return store.getAll(); }); }
  function keep(item) { return run("readwrite", function (store) { store.put(item); }); }
  function drop(key) { return run("readwrite", function (store) { store.delete(key); }); }

  function shrink(file) {
    if (!window.createImageBitmap) { return Promise.resolve(file); }
    return createImageBitmap(file).then(function (bitmap) {
      var scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
      var canvas = document.createElement("canvas");
      canvas.width = Math.round(bitmap.width * scale);
      canvas.height = Math.round(bitmap.height * scale);
      canvas.getContext("2d").drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      return new Promise(function (resolve) {
        canvas.toBlob(function (blob) { resolve(blob || file); }, "image/jpeg", 0.85);
      });
    }).catch(function () { return file; });  // the server says clearly what it cannot take
  }

  var flushing = false;
  function flush() {
    if (flushing || !window.indexedDB) { return Promise.resolve(); }
    flushing = true;
    return all().then(function (items) {
      if (!items.length) { return; }
      say(words("sending"));
      return items.reduce(function (chain, item) {
        return chain.then(function (stop) { return stop ? stop : send(item); });
      }, Promise.resolve(false)).then(function (stopped) {
        return all().then(function (left) {
          if (left.length) {
            say((stopped === "offline" ? words("kept") + " " : "") + words("waiting") + left.length);
          }
          return stopped;
        });
      });
    }).finally(function () { flushing = false; });
  }
  function send(item) {
    var body = new FormData();
    Object.keys(item.fields).forEach(function (name) { body.append(name, item.fields[name]); });
    item.photos.forEach(function (blob, n) { body.append("photos", blob, "photo-" + (n + 1) + ".jpg"); });
    return fetch(item.action, {
      method: "POST", body: body, credentials: "same-origin",
      headers: { "Accept": "application/json", "X-CSRFToken": item.fields.csrfmiddlewaretoken || "" }
    }).then(function (response) {
      return response.json().catch(function () { return { ok: false, message: String(response.status) }; })
        .then(function (answer) {
          if (response.ok && answer.ok) {
            say(words("sent") + answer.message);
            return drop(item.key).then(function () { return false; });
          }
          if (response.status === 400) {  // a definite answer: keep the words, not the item
            say(words("refused") + answer.message);
            return drop(item.key).then(function () { return false; });
          }
          return true;  // logged out or the server is down: keep it, try again later
        });
    }).catch(function () { return "offline"; });  // no signal: kept for later
  }

  var form = document.querySelector("form[data-offline]");
  if (form && window.indexedDB && window.fetch) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (!form.reportValidity()) { return; }
      var fields = {};
      Array.prototype.forEach.call(form.elements, function (el) {
        if (el.name && el.type !== "file") { fields[el.name] = el.value; }
      });
      var files = Array.prototype.slice.call(form.querySelector("input[type=file]").files);
      form.querySelector("[type=submit]").disabled = true;
      Promise.all(files.map(shrink)).then(function (photos) {
        return keep({ key: fields.key, action: form.action || window.location.href, fields: fields, photos: photos });
      }).then(flush).then(function (stopped) {
        if (!stopped) { window.location.assign(form.getAttribute("data-home")); return; }
        form.querySelector("[type=submit]").disabled = false;
        form.reset();
        form.querySelector("[name=key]").value = newKey();
      });
    });
  }
  function newKey() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    var hex = Array.prototype.map.call(crypto.getRandomValues(new Uint8Array(16)), function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
    return hex.slice(0, 8) + "-" + hex.slice(8, 12) + "-4" + hex.slice(13, 16) + "-a" + hex.slice(17, 20) + "-" + hex.slice(20, 32);
  }

  var locate = document.getElementById("locate");
  if (locate && navigator.geolocation) {
    locate.addEventListener("click", function () {
      navigator.geolocation.getCurrentPosition(function (position) {
        document.getElementById("latitude").value = position.coords.latitude.toFixed(6);
        document.getElementById("longitude").value = position.coords.longitude.toFixed(6);
        document.getElementById("location-status").textContent = words("located");
      }, function () {
        document.getElementById("location-status").textContent = words("no-location");
      }, { enableHighAccuracy: true, timeout: 10000 });
    });
  } else if (locate) {
    locate.hidden = true;
  }

  window.addEventListener("online", flush);
  if (window.indexedDB) { flush(); }
  if (script && script.getAttribute("data-worker") && navigator.serviceWorker) {
    navigator.serviceWorker.register(script.getAttribute("data-worker"),
      { scope: script.getAttribute("data-scope") }).catch(function () {});
  }
}());
