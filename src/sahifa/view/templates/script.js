// Hovering, focusing or clicking a box with links (a quotation, its cue, its speaker; the two
// sides of a disagreement) lights it and every box it links to; a click pins the light.
(function () {
  "use strict";
  var byId = {};
  document.querySelectorAll("[data-id]").forEach(function (el) {
    (byId[el.dataset.id] = byId[el.dataset.id] || []).push(el);
  });
  function group(el) {
    var ids = (el.dataset.links || "").split(" ").concat([el.dataset.id || ""]);
    var found = [el];
    ids.forEach(function (id) { found = found.concat(byId[id] || []); });
    return found;
  }
  function light(el, name, on) {
    group(el).forEach(function (x) { x.classList.toggle(name, on); });
  }
  document.querySelectorAll("[data-links]").forEach(function (el) {
    el.addEventListener("mouseenter", function () { light(el, "lit", true); });
    el.addEventListener("mouseleave", function () { light(el, "lit", false); });
    el.addEventListener("focus", function () { light(el, "lit", true); });
    el.addEventListener("blur", function () { light(el, "lit", false); });
    el.addEventListener("click", function (event) {
      event.stopPropagation();
      light(el, "pin", !el.classList.contains("pin"));
    });
  });
})();
