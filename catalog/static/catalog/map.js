// Progressive enhancement: the address and the OpenStreetMap link work without JavaScript;
// with it, each [data-map] element becomes a Leaflet map with one marker.
(function () {
  "use strict";
  if (!window.L) { return; }
  document.querySelectorAll("[data-map]").forEach(function (element) {
    var lat = parseFloat(element.dataset.lat);
    var lon = parseFloat(element.dataset.lon);
    if (isNaN(lat) || isNaN(lon)) { return; }
    element.hidden = false;
    var map = L.map(element, { scrollWheelZoom: false }).setView([lat, lon], 13);
    L.tileLayer(element.dataset.tileUrl, { attribution: element.dataset.attribution, maxZoom: 18 }).addTo(map);
    L.marker([lat, lon], { title: element.dataset.label, alt: element.dataset.label }).addTo(map);
  });
})();
