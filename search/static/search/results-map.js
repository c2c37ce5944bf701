// Progressive enhancement of the map view. The list of organisations below the map works without
// JavaScript and stays visible; with it, a Leaflet map with clustered markers is drawn above the list.
// The markers come from a json_script element: the Content-Security-Policy allows no inline script.
(function () {
  "use strict";
  var element = document.querySelector("[data-results-map]");
  var source = document.getElementById("results-map-data");
  if (!element || !source || !window.L || !L.markerClusterGroup) { return; }
  var points = JSON.parse(source.textContent);
  if (!points.length) { return; }

  function popup(point) {
    // Built from DOM nodes, so names from the database can never become markup.
    var box = document.createElement("div");
    var title = document.createElement("strong");
    var link = document.createElement("a");
    link.href = point.url;
    link.textContent = point.name;
    title.appendChild(link);
    var details = document.createElement("p");
    details.textContent = (point.city ? point.city + " · " : "") + point.offers;
    box.appendChild(title);
    box.appendChild(details);
    return box;
  }

  element.hidden = false;
  var map = L.map(element, { scrollWheelZoom: false });
  var tiles = L.tileLayer(element.dataset.tileUrl, { attribution: element.dataset.attribution, maxZoom: 18 });
  var notice = document.querySelector("[data-tiles-failed]");
  tiles.once("tileerror", function () { if (notice) { notice.hidden = false; } });
  tiles.addTo(map);

  var cluster = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 50 });
  points.forEach(function (point) {
    var marker = L.marker([point.lat, point.lon], { title: point.name, alt: point.name });
    marker.bindPopup(function () { return popup(point); });
    cluster.addLayer(marker);
  });
  map.addLayer(cluster);
  map.fitBounds(cluster.getBounds(), { padding: [24, 24], maxZoom: 13 });
})();
