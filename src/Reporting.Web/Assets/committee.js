// The committee's charts (Chart.js, served by the app as /assets/chart.umd.js; no inline code: the CSP forbids it).
// Each <canvas data-chart="..."> carries its chart as JSON (type, title, labels, series); the table beside it holds the
// same figures, formatted for the reader, so the page reads fully without JavaScript too.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  if (typeof Chart === "undefined") return;
  // The charts are drawn: the note for readers without JavaScript is not for this one.
  Array.prototype.forEach.call(document.querySelectorAll(".no-script"), function (note) { note.hidden = true; });
  // Blue, amber, red first: the monthly reports read on time, late, not filed.
  var palette = ["#0b5cad", "#d97706", "#a4161a", "#1e6b2e", "#6b21a8", "#0e7490"];
  var locale = document.documentElement.lang === "en" ? "en-GB" : document.documentElement.lang + "-KZ";
  var canvases = document.querySelectorAll("canvas[data-chart]");
  Array.prototype.forEach.call(canvases, function (canvas) {
    var spec = JSON.parse(canvas.getAttribute("data-chart"));
    var round = spec.type === "doughnut";
    var datasets = spec.series.map(function (series, i) {
      var colour = round ? spec.labels.map(function (_, j) { return palette[j % palette.length]; }) : palette[i % palette.length];
      return { label: series.label, data: series.data, yAxisID: series.axis, backgroundColor: colour, borderColor: round ? "#fff" : colour, spanGaps: true };
    });
    var scales = {};
    if (!round) {
      scales.x = { stacked: spec.stacked };
      scales.y = { stacked: spec.stacked, beginAtZero: true, max: spec.percent ? 100 : undefined };
      if (spec.series.some(function (s) { return s.axis === "y1"; })) scales.y1 = { position: "right", beginAtZero: true, grid: { drawOnChartArea: false } };
    }
    var chart = new Chart(canvas, {
      type: spec.type,
      data: { labels: spec.labels, datasets: datasets },
      options: {
        locale: locale,
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: scales,
        plugins: { title: { display: true, text: spec.title }, legend: { display: round || spec.series.length > 1 } }
      }
    });
    canvas.setAttribute("data-chart-drawn", String(chart.data.datasets.length));
  });
});
