// The check-in desk: reads QR codes from the device camera with jsQR (self-hosted, no inline script),
// posts the code through the same form as typing it, and shows the answer and the live counts.
(function () {
  "use strict";
  var form = document.querySelector("[data-check-in-form]");
  var video = document.querySelector("[data-check-in-video]");
  var start = document.querySelector("[data-check-in-start]");
  var result = document.querySelector("[data-check-in-result]");
  if (!form || !video || !start || !result) return;
  var input = form.querySelector("input[name=code]");
  var canvas = document.createElement("canvas");
  var context = canvas.getContext("2d", { willReadFrequently: true });
  var busy = false;
  var lastCode = "";
  var lastAt = 0;

  function show(data) {
    var answer = data.result || {};
    result.hidden = false;
    result.className = "check-in__result " + (answer.ok ? "is-ok" : answer.already ? "is-already" : "is-error");
    result.textContent = "";
    var message = document.createElement("p");
    message.className = "check-in__message";
    message.textContent = answer.message || "";
    result.appendChild(message);
    if (answer.name) {
      var who = document.createElement("p");
      who.className = "check-in__who";
      who.textContent = answer.name + (answer.organisation ? " · " + answer.organisation : "") + " · " + answer.role;
      result.appendChild(who);
    }
    if (data.counts) {
      document.querySelectorAll("[data-count]").forEach(function (node) {
        node.textContent = data.counts[node.getAttribute("data-count")];
      });
    }
  }

  function submit(code) {
    busy = true;
    var body = new FormData(form);
    body.set("code", code);
    fetch(form.action, { method: "POST", body: body, headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(show)
      .catch(function () { result.hidden = false; result.textContent = form.getAttribute("data-error"); })
      .then(function () { busy = false; });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (input.value.trim()) submit(input.value.trim());
    input.value = "";
  });

  function tick() {
    if (video.readyState === video.HAVE_ENOUGH_DATA && !busy) {
      canvas.width = video.videoWidth;
      canvas.height = video.videoHeight;
      context.drawImage(video, 0, 0, canvas.width, canvas.height);
      var image = context.getImageData(0, 0, canvas.width, canvas.height);
      var code = window.jsQR(image.data, image.width, image.height, { inversionAttempts: "dontInvert" });
      // The same code stays in front of the camera for a while: read it once every few seconds.
      if (code && code.data && (code.data !== lastCode || Date.now() - lastAt > 4000)) {
        lastCode = code.data;
        lastAt = Date.now();
        submit(code.data);
      }
    }
    window.requestAnimationFrame(tick);
  }

  start.addEventListener("click", function () {
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      result.hidden = false;
      result.textContent = start.getAttribute("data-unsupported");
      return;
    }
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: "environment" } })
      .then(function (stream) {
        video.srcObject = stream;
        video.hidden = false;
        start.hidden = true;
        return video.play();
      })
      .then(function () { window.requestAnimationFrame(tick); })
      .catch(function () { result.hidden = false; result.textContent = start.getAttribute("data-unsupported"); });
  });
})();
