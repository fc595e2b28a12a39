// Clicking a tension row outlines its claims in the merged diagram and
// scrolls to them; clicking it again clears the outline.  Each diagram gets
// a button that switches between a readable scale and fitting the width.
(function () {
  "use strict";
  document.querySelectorAll("figure.diagram").forEach(function (figure) {
    var tools = document.createElement("div");
    var button = document.createElement("button");
    tools.className = "diagram-tools";
    button.type = "button";
    button.textContent = "Fit to width";
    button.addEventListener("click", function () {
      var fit = figure.classList.toggle("fit");
      button.textContent = fit ? "Actual size" : "Fit to width";
    });
    tools.appendChild(button);
    figure.parentNode.insertBefore(tools, figure);
  });
  var active = null;
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
    if (goal) { goal.scrollIntoView({block: "center", inline: "center"}); }
  }
  document.addEventListener("click", function (event) {
    var row = event.target.closest("tr[data-claims]");
    if (!row) { return; }
    var link = event.target.closest("a[href^='#']");
    if (link) { event.preventDefault(); }
    show(row, link ? decodeURIComponent(link.getAttribute("href").slice(1)) : null);
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
