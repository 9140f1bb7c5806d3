// Progressive enhancement of the document upload (the form works without it): a preview
// of the chosen PDF or image, and a progress bar while it is sent. No build step.
(function () {
  "use strict";
  var input = document.querySelector("input[type=file][name=file]");
  var preview = document.getElementById("preview");
  if (!input || !preview) { return; }
  var form = input.form;
  input.addEventListener("change", function () {
    var file = input.files && input.files[0];
    Array.prototype.slice.call(preview.querySelectorAll("img,iframe")).forEach(function (n) { n.remove(); });
    if (!file) { preview.hidden = true; return; }
    var url = URL.createObjectURL(file);
    var shown = document.createElement(file.type === "application/pdf" ? "iframe" : "img");
    shown.src = url;
    shown.title = file.name;
    if (shown.tagName === "IMG") { shown.alt = file.name; }
    preview.appendChild(shown);
    preview.hidden = !(file.type === "application/pdf" || file.type.indexOf("image/") === 0);
  });
  form.addEventListener("submit", function (event) {
    if (!window.XMLHttpRequest || !window.FormData) { return; }
    event.preventDefault();
    var bar = document.createElement("progress");
    bar.max = 100; bar.value = 0;
    bar.setAttribute("aria-label", "upload");
    form.appendChild(bar);
    var xhr = new XMLHttpRequest();
    xhr.open("POST", form.action);
    xhr.upload.addEventListener("progress", function (e) {
      if (e.lengthComputable) { bar.value = Math.round(100 * e.loaded / e.total); }
    });
    xhr.addEventListener("load", function () {
      if (xhr.status < 400) { window.location.assign(xhr.responseURL); return; }
      document.open(); document.write(xhr.responseText); document.close();
    });
    xhr.send(new FormData(form));
  });
}());
