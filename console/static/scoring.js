// The running total of a score sheet while a member chooses (progressive: without
// JavaScript the "Tính tổng điểm" button asks the server for it).
(function () {
  var form = document.querySelector("form[data-scoring]");
  if (!form) { return; }
  var out = document.getElementById("running-total");
  function update() {
    var sum = 0;
    form.querySelectorAll("input[type=radio]:checked").forEach(function (input) {
      sum += parseFloat(input.getAttribute("data-points")) || 0;
    });
    var shown = (Math.round(sum * 100) / 100).toString();
    // the decimal comma in Vietnamese, as the server writes it (console/i18n.py number)
    out.textContent = document.documentElement.lang === "vi" ? shown.replace(".", ",") : shown;
  }
  form.addEventListener("change", update);
  update();
})();
