// The report's own part (after the diagram explorer, ArgmapExplore):
// clicking a tension row outlines its claims in the merged diagram and
// centres them; clicking it again clears the outline.  A link to a claim
// centres that claim in its diagram.
(function () {
  "use strict";
  var explore = typeof ArgmapExplore !== "undefined" ? ArgmapExplore : null;
  var active = null;
  function reveal(el) {
    if (!(explore && explore.reveal(el))) {
      el.scrollIntoView({block: "center", inline: "center"});
    }
  }
  function clear() {
    document.querySelectorAll(".hl").forEach(function (el) { el.classList.remove("hl"); });
    if (active) { active.classList.remove("active"); }
  }
  function show(row, target) {
    var again = row === active && !target;
    clear();
    active = null;
    if (again) { return; }
    active = row;
    row.classList.add("active");
    var first = null;
    row.getAttribute("data-claims").split(" ").forEach(function (id) {
      var el = id && document.getElementById(id);
      if (el) { el.classList.add("hl"); first = first || el; }
    });
    var goal = (target && document.getElementById(target)) || first;
    if (goal) { reveal(goal); }
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest("a[href^='#']");
    var row = event.target.closest("tr[data-claims]");
    var id = link ? decodeURIComponent(link.getAttribute("href").slice(1)) : null;
    if (row) {
      if (link) { event.preventDefault(); }
      show(row, id);
      return;
    }
    var el = id && document.getElementById(id);
    if (el && el.closest("svg") && explore && explore.reveal(el)) {
      event.preventDefault();
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { clear(); active = null; return; }
    var row = event.target.closest && event.target.closest("tr[data-claims]");
    if (row && event.target === row && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      show(row, null);
    }
  });
})();
