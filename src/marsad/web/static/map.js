// The story map: markers for the places of the story (data in #places-data, written by the server as
// JSON). Tiles come from OpenStreetMap when online; offline the markers still render on a blank map and
// the list beside it keeps every place. Popups are built with textContent: no article text becomes HTML.
(function () {
  "use strict";
  var holder = document.getElementById("map");
  var data = document.getElementById("places-data");
  if (!holder || !data || !window.L) { return; }
  var places = JSON.parse(data.textContent || "[]");
  var map = window.L.map(holder, { attributionControl: true });
  window.L.tileLayer("https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png", {
    maxZoom: 18, attribution: "© OpenStreetMap"
  }).addTo(map);
  var bounds = [];
  places.forEach(function (p) {
    var box = document.createElement("div");
    var link = document.createElement("a");
    link.href = "/entities/" + encodeURIComponent(p.id);
    link.textContent = p.name;
    box.appendChild(link);
    p.events.forEach(function (ev) {
      var line = document.createElement("div");
      line.textContent = ev.type + (ev.date ? " " + ev.date : "") + ": " + ev.text;
      box.appendChild(line);
    });
    window.L.marker([p.lat, p.lon], { title: p.name, alt: p.name }).addTo(map).bindPopup(box);
    bounds.push([p.lat, p.lon]);
  });
  if (bounds.length) { map.fitBounds(bounds, { maxZoom: 9, padding: [20, 20] }); } else { map.setView([33.3, 44.4], 5); }
}());
