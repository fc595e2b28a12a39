// argmap's diagram explorer (argmap/render/explore.py says what it does and
// what its data holds).  Every figure.diagram[data-explore] names the id of
// its JSON block.  Map text is only ever set with textContent.
var ArgmapExplore = (function () {
  "use strict";
  var SVGNS = "http://www.w3.org/2000/svg";
  var ACTUAL = 4 / 3; // CSS px per point at 100 %
  var READABLE = 1; // px per point: 11 pt claim text at 11 px
  var explorers = [];

  function make(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }
  function button(text, label, handler) {
    var b = make("button", "", text);
    b.type = "button";
    if (label) { b.setAttribute("aria-label", label); b.title = label; }
    b.addEventListener("click", handler);
    return b;
  }
  function fold(text) {
    return String(text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  function clamp(value, low, high) { return Math.max(low, Math.min(high, value)); }
  function shorten(text, n) { return text.length > n ? text.slice(0, n - 1) + "…" : text; }

  function Explorer(figure, data, index) {
    var self = this;
    this.figure = figure;
    this.data = data;
    this.svg = figure.querySelector("svg");
    var box = this.svg.viewBox.baseVal;
    this.full = { x: box.x, y: box.y, w: box.width || 1, h: box.height || 1 };
    this.svg.setAttribute("data-full", [box.x, box.y, box.width, box.height].join(" "));
    this.wheelZooms = figure.getAttribute("data-wheel") === "zoom";
    this.groups = {};
    this.claimOf = new Map();
    this.order = [];
    Object.keys(data.claims).forEach(function (id) {
      var g = document.getElementById(data.claims[id].el);
      if (g && self.svg.contains(g)) {
        self.groups[id] = g;
        self.claimOf.set(g, id);
        self.order.push(id);
      }
    });
    this.lines = [];
    Object.keys(data.lines || {}).forEach(function (id) {
      var g = document.getElementById(id);
      if (g && self.svg.contains(g)) { self.lines.push([g, data.lines[id]]); }
    });
    this.branchBoxes = new Map();
    Object.keys(data.branches || {}).forEach(function (id) {
      var g = document.getElementById(id);
      if (g && self.svg.contains(g)) { self.branchBoxes.set(g, data.branches[id]); }
    });
    this.out = {};
    this.into = {};
    (data.relations || []).forEach(function (r) {
      (self.out[r[0]] = self.out[r[0]] || []).push([r[1], r[2]]);
      (self.into[r[2]] = self.into[r[2]] || []).push([r[1], r[0]]);
    });
    this.search = {};
    this.order.forEach(function (id) {
      var c = data.claims[id];
      self.search[id] = fold([c.text, c.quote, id, (c.sources || []).map(function (s) { return s[1]; }).join(" ")].join(" "));
    });
    this.hiddenBy = {};
    this.collapsed = {};
    this.matches = [];
    this.current = -1;
    this.selected = null;
    this.pointers = {};
    this.index = index;
    this.buildUi();
    this.bind();
    this.reset();
  }

  Explorer.prototype.buildUi = function () {
    var self = this;
    var title = this.data.title || this.data.map;
    var wrap = make("div", "explore");
    this.figure.parentNode.insertBefore(wrap, this.figure);
    var tools = make("div", "explore-tools");
    tools.setAttribute("role", "toolbar");
    tools.setAttribute("aria-label", "Diagram tools: " + title);
    var search = make("input");
    search.type = "search";
    search.placeholder = "Search claims";
    search.setAttribute("aria-label", "Search the claims of " + title);
    search.autocomplete = "off";
    this.input = search;
    this.count = make("span", "explore-count");
    this.count.setAttribute("aria-live", "polite");
    var find = make("span", "explore-find");
    find.appendChild(search);
    find.appendChild(button("↑", "Previous match", function () { self.step(-1); }));
    find.appendChild(button("↓", "Next match", function () { self.step(1); }));
    find.appendChild(this.count);
    var zoom = make("span", "explore-zoom");
    zoom.appendChild(button("−", "Zoom out", function () { self.zoomBy(1 / 1.4); }));
    zoom.appendChild(button("+", "Zoom in", function () { self.zoomBy(1.4); }));
    zoom.appendChild(button("Fit", "Show the whole diagram", function () { self.fit(); }));
    zoom.appendChild(button("100%", "Actual size", function () { self.actual(); }));
    tools.appendChild(find);
    tools.appendChild(zoom);
    wrap.appendChild(tools);
    var stage = make("div", "explore-stage");
    wrap.appendChild(stage);
    stage.appendChild(this.figure);
    var hint = make("p", "explore-hint",
      (this.wheelZooms ? "Scroll or pinch to zoom" : "Ctrl + scroll or pinch to zoom") +
      ", drag to move; keys: arrows, + and −, 0 fits, 1 is actual size; Tab to a claim and Enter for its details.");
    hint.id = "explore-hint-" + this.index;
    wrap.appendChild(hint);
    this.panel = make("aside", "explore-panel");
    this.panel.hidden = true;
    this.panel.setAttribute("aria-label", "Claim details");
    this.panel.setAttribute("aria-live", "polite");
    stage.appendChild(this.panel);
    this.figure.classList.add("exploring");
    this.figure.tabIndex = 0;
    this.figure.setAttribute("role", "group");
    this.figure.setAttribute("aria-label", "Diagram: " + title);
    this.figure.setAttribute("aria-describedby", hint.id);
    this.svg.setAttribute("width", "100%");
    this.svg.setAttribute("height", "100%");
    this.svg.removeAttribute("style");
    this.svg.setAttribute("preserveAspectRatio", "xMidYMid meet");
    this.order.forEach(function (id) {
      var g = self.groups[id];
      g.setAttribute("tabindex", "0");
      g.setAttribute("role", "button");
      g.setAttribute("aria-label", self.data.claims[id].text);
    });
    this.branchBoxes.forEach(function (branch, g) {
      g.setAttribute("tabindex", "0");
      g.setAttribute("role", "button");
      g.setAttribute("aria-label", branch.label);
    });
  };

  Explorer.prototype.bind = function () {
    var self = this;
    var f = this.figure;
    var timer = null;
    this.input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { self.find(self.input.value); }, 120);
    });
    this.input.addEventListener("keydown", function (e) {
      if (e.key === "Enter") {
        e.preventDefault();
        clearTimeout(timer);
        if (fold(self.input.value) !== self.query) { self.find(self.input.value); } else { self.step(e.shiftKey ? -1 : 1); }
      } else if (e.key === "Escape") {
        self.input.value = "";
        self.find("");
      }
    });
    f.addEventListener("pointerdown", function (e) {
      if (e.button !== undefined && e.button > 0) { return; }
      self.pointers[e.pointerId] = { x: e.clientX, y: e.clientY };
      if (Object.keys(self.pointers).length === 1) {
        self.downTarget = e.target;
        self.moved = 0;
      } else {
        self.moved = 99;
      }
      try { f.setPointerCapture(e.pointerId); } catch (err) { /* not capturable */ }
      f.classList.add("dragging");
    });
    f.addEventListener("pointermove", function (e) {
      var p = self.pointers[e.pointerId];
      if (!p) { return; }
      var ids = Object.keys(self.pointers);
      if (ids.length === 1) {
        self.moved += Math.abs(e.clientX - p.x) + Math.abs(e.clientY - p.y);
        if (self.moved > 4) { self.pan(e.clientX - p.x, e.clientY - p.y); }
      } else if (ids.length === 2) {
        var other = self.pointers[ids[0] == e.pointerId ? ids[1] : ids[0]];
        var before = Math.hypot(p.x - other.x, p.y - other.y);
        var after = Math.hypot(e.clientX - other.x, e.clientY - other.y);
        var rect = f.getBoundingClientRect();
        var mid = { x: (e.clientX + other.x) / 2 - rect.left, y: (e.clientY + other.y) / 2 - rect.top };
        self.pan((e.clientX - p.x) / 2, (e.clientY - p.y) / 2);
        if (before > 0) { self.zoomAt(after / before, mid.x, mid.y); }
      }
      p.x = e.clientX;
      p.y = e.clientY;
    });
    function up(e) {
      if (!self.pointers[e.pointerId]) { return; }
      var single = Object.keys(self.pointers).length === 1;
      delete self.pointers[e.pointerId];
      if (!Object.keys(self.pointers).length) { f.classList.remove("dragging"); }
      if (single && e.type === "pointerup" && self.moved <= 4) { self.clicked(self.downTarget); }
    }
    f.addEventListener("pointerup", up);
    f.addEventListener("pointercancel", up);
    f.addEventListener("wheel", function (e) {
      if (!(self.wheelZooms || e.ctrlKey || e.metaKey)) { return; }
      e.preventDefault();
      var rect = f.getBoundingClientRect();
      var unit = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? 400 : 1;
      self.zoomAt(Math.exp(-e.deltaY * unit * 0.0015), e.clientX - rect.left, e.clientY - rect.top);
    }, { passive: false });
    f.addEventListener("keydown", function (e) { self.key(e); });
    f.addEventListener("focusin", function (e) {
      var g = e.target.closest && e.target.closest("g.claim, g.hidden-branch");
      if (g && !self.inView(g)) { self.revealElement(g, false); }
    });
    window.addEventListener("resize", function () { self.apply(); });
  };

  Explorer.prototype.key = function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) { return; }
    var W = this.figure.clientWidth, H = this.figure.clientHeight;
    var g = e.target.closest && e.target.closest("g.claim, g.hidden-branch");
    var handled = true;
    switch (e.key) {
      case "ArrowLeft": this.pan(W * 0.15, 0); break;
      case "ArrowRight": this.pan(-W * 0.15, 0); break;
      case "ArrowUp": this.pan(0, H * 0.15); break;
      case "ArrowDown": this.pan(0, -H * 0.15); break;
      case "+": case "=": this.zoomBy(1.4); break;
      case "-": case "_": this.zoomBy(1 / 1.4); break;
      case "0": this.fit(); break;
      case "1": this.actual(); break;
      case "/": this.input.focus(); break;
      case "Escape": this.closePanel(); break;
      case "Enter": case " ":
        if (g) { this.clicked(g); } else { handled = false; }
        break;
      default: handled = false;
    }
    if (handled) { e.preventDefault(); }
  };

  // -- the view: viewBox = (x, y, W / s, H / s), s in CSS px per point ----------
  Explorer.prototype.fitScale = function () {
    var W = this.figure.clientWidth || 1, H = this.figure.clientHeight || 1;
    return Math.min(W / this.full.w, H / this.full.h);
  };
  Explorer.prototype.apply = function () {
    var W = this.figure.clientWidth || 1, H = this.figure.clientHeight || 1;
    var s = this.s;
    // keep the centre of the view on the drawing
    var cx = clamp(this.x + W / s / 2, this.full.x, this.full.x + this.full.w);
    var cy = clamp(this.y + H / s / 2, this.full.y, this.full.y + this.full.h);
    this.x = cx - W / s / 2;
    this.y = cy - H / s / 2;
    this.svg.setAttribute("viewBox", [this.x, this.y, W / s, H / s].map(function (v) { return v.toFixed(2); }).join(" "));
    this.figure.setAttribute("data-scale", s.toFixed(4));
  };
  Explorer.prototype.pan = function (dx, dy) {
    this.x -= dx / this.s;
    this.y -= dy / this.s;
    this.apply();
  };
  Explorer.prototype.zoomAt = function (factor, px, py) {
    var low = Math.min(this.fitScale(), READABLE) * 0.5, high = ACTUAL * 4;
    var s2 = clamp(this.s * factor, low, high);
    this.x += px / this.s - px / s2;
    this.y += py / this.s - py / s2;
    this.s = s2;
    this.apply();
  };
  Explorer.prototype.zoomBy = function (factor) {
    this.zoomAt(factor, this.figure.clientWidth / 2, this.figure.clientHeight / 2);
  };
  Explorer.prototype.centre = function (cx, cy, s) {
    var W = this.figure.clientWidth || 1, H = this.figure.clientHeight || 1;
    this.s = s;
    this.x = cx - W / s / 2;
    this.y = cy - H / s / 2;
    this.apply();
  };
  Explorer.prototype.fit = function () {
    this.centre(this.full.x + this.full.w / 2, this.full.y + this.full.h / 2, Math.min(this.fitScale(), ACTUAL));
  };
  Explorer.prototype.actual = function () {
    var W = this.figure.clientWidth, H = this.figure.clientHeight;
    this.centre(this.x + W / this.s / 2, this.y + H / this.s / 2, ACTUAL);
  };
  Explorer.prototype.reset = function () {
    // As tall as the drawing needs at a readable scale, up to the CSS maximum.
    var width = this.figure.clientWidth || 1;
    var s = Math.min(width / this.full.w, ACTUAL);
    if (s < READABLE) { s = READABLE; }
    if (!this.figure.closest(".map-page")) {
      this.figure.style.setProperty("--explore-h", Math.ceil(this.full.h * s + 2) + "px");
    }
    var fit = this.fitScale();
    if (fit >= READABLE) {
      this.fit();
      return;
    }
    // Too big to read whole: readable, at the top, around the first root.
    var H = this.figure.clientHeight || 1;
    var cx = this.full.x + this.full.w / 2;
    var root = (this.data.roots || []).map(function (id) { return this.groups[id]; }, this).filter(Boolean)[0];
    if (root) { cx = this.centreOf(root).x; }
    this.centre(cx, this.full.y + H / READABLE / 2, READABLE);
  };
  Explorer.prototype.centreOf = function (element) {
    var r = element.getBoundingClientRect();
    var m = this.svg.getScreenCTM();
    var p = this.svg.createSVGPoint();
    p.x = r.left + r.width / 2;
    p.y = r.top + r.height / 2;
    return m ? p.matrixTransform(m.inverse()) : { x: this.full.x, y: this.full.y };
  };
  Explorer.prototype.inView = function (element) {
    var r = element.getBoundingClientRect(), f = this.figure.getBoundingClientRect();
    return r.width > 0 && r.left >= f.left && r.right <= f.right && r.top >= f.top && r.bottom <= f.bottom;
  };
  Explorer.prototype.revealElement = function (element, readable) {
    var c = this.centreOf(element);
    this.centre(c.x, c.y, readable ? Math.max(this.s, READABLE) : this.s);
    var f = this.figure.getBoundingClientRect();
    if (f.top < 0 || f.bottom > window.innerHeight) {
      this.figure.scrollIntoView({ block: "nearest" });
    }
  };

  // -- search ----------------------------------------------------------------------
  Explorer.prototype.find = function (text) {
    var self = this;
    // every word must occur; "quoted words" must occur as they are
    var words = [];
    fold(text).replace(/"([^"]*)"?|(\S+)/g, function (all, phrase, word) {
      var term = (phrase !== undefined ? phrase : word).trim();
      if (term) { words.push(term); }
      return all;
    });
    this.query = fold(text);
    this.matches.forEach(function (id) { self.groups[id].classList.remove("match", "current-match"); });
    this.matches = words.length ? this.order.filter(function (id) {
      var hay = self.search[id];
      return words.every(function (w) { return hay.indexOf(w) >= 0; });
    }) : [];
    this.matches.forEach(function (id) { self.groups[id].classList.add("match"); });
    this.current = -1;
    if (this.matches.length) { this.step(1); } else { this.count.textContent = words.length ? "no match" : ""; }
  };
  Explorer.prototype.step = function (direction) {
    if (!this.matches.length) { return; }
    if (this.current >= 0) { this.groups[this.matches[this.current]].classList.remove("current-match"); }
    this.current = (this.current + direction + this.matches.length) % this.matches.length;
    var id = this.matches[this.current];
    this.showClaim(id);
    this.groups[id].classList.add("current-match");
    this.count.textContent = (this.current + 1) + " of " + this.matches.length;
  };
  Explorer.prototype.showClaim = function (id) {
    var self = this;
    Object.keys(this.collapsed).forEach(function (top) {
      if (self.collapsed[top].indexOf(id) >= 0) { self.expand(top); }
    });
    this.revealElement(this.groups[id], true);
  };

  // -- details -----------------------------------------------------------------------
  Explorer.prototype.clicked = function (target) {
    if (!target || !target.closest) { return; }
    var badge = target.closest(".collapse-badge");
    if (badge) { this.expand(badge.getAttribute("data-top")); return; }
    var g = target.closest("g.claim");
    if (g && this.claimOf.has(g)) { this.select(this.claimOf.get(g)); return; }
    var box = target.closest("g.hidden-branch");
    if (box && this.branchBoxes.has(box)) { this.showBranch(this.branchBoxes.get(box)); }
  };
  Explorer.prototype.openPanel = function (heading) {
    var self = this;
    var panel = this.panel;
    panel.textContent = "";
    var close = button("×", "Close the details", function () { self.closePanel(); });
    close.className = "explore-close";
    panel.appendChild(close);
    panel.appendChild(make("h3", "", heading));
    panel.hidden = false;
    return panel;
  };
  Explorer.prototype.closePanel = function () {
    this.panel.hidden = true;
    if (this.selected && this.groups[this.selected]) { this.groups[this.selected].classList.remove("selected"); }
    this.selected = null;
  };
  Explorer.prototype.select = function (id) {
    var self = this;
    var c = this.data.claims[id];
    if (!c) { return; }
    if (this.selected && this.groups[this.selected]) { this.groups[this.selected].classList.remove("selected"); }
    this.selected = id;
    this.groups[id].classList.add("selected");
    var panel = this.openPanel(c.text);
    var meta = [];
    if (c.role) { meta.push(c.role); }
    if (c.external) { meta.push("a claim of another map"); }
    meta.push("id " + id);
    panel.insertBefore(make("p", "explore-meta", meta.join(" · ")), panel.querySelector("h3"));
    if (c.quote) { panel.appendChild(make("blockquote", "", "“" + c.quote + "”")); }
    if (c.sources && c.sources.length) { panel.appendChild(make("h4", "", "Stated by")); }
    (c.sources || []).forEach(function (s) {
      var line = make("p", "explore-source");
      line.appendChild(make("strong", "", s[0]));
      if (s[1] && s[1] !== c.quote) { line.appendChild(document.createTextNode(": “" + s[1] + "”")); }
      panel.appendChild(line);
    });
    if (c.tags && c.tags.length) { panel.appendChild(make("p", "explore-meta", "Tags: " + c.tags.join(", "))); }
    if (c.note) { panel.appendChild(make("p", "explore-note", c.note)); }
    var words = {
      out: { supports: "Supports", rebuts: "Rebuts", undercuts: "Undercuts the link into" },
      into: { supports: "Supported by", rebuts: "Rebutted by", undercuts: "Its links undercut by" }
    };
    ["out", "into"].forEach(function (way) {
      var groups = {};
      (self[way][id] || []).forEach(function (pair) { (groups[pair[0]] = groups[pair[0]] || []).push(pair[1]); });
      Object.keys(groups).sort().forEach(function (kind) {
        panel.appendChild(make("h4", "", words[way][kind] || kind));
        var list = make("ul", "explore-neighbours");
        groups[kind].forEach(function (other) {
          var item = make("li");
          var known = self.data.claims[other];
          var b = button(shorten(known ? known.text : other, 120), "", function () {
            if (self.groups[other]) { self.showClaim(other); self.select(other); }
          });
          if (!self.groups[other]) { b.disabled = true; }
          item.appendChild(b);
          list.appendChild(item);
        });
        panel.appendChild(list);
      });
    });
    var branch = this.branchOf(id);
    var actions = make("p", "explore-actions");
    if (this.collapsed[id]) {
      actions.appendChild(button("Expand the " + this.collapsed[id].length + " claims below", "", function () { self.expand(id); self.select(id); }));
    } else if (branch.length) {
      actions.appendChild(button("Collapse the " + branch.length + " claim" + (branch.length === 1 ? "" : "s") + " below", "", function () { self.collapse(id); self.select(id); }));
    }
    if (actions.childNodes.length) { panel.appendChild(actions); }
  };
  Explorer.prototype.showBranch = function (branch) {
    var panel = this.openPanel(branch.label);
    panel.appendChild(make("p", "explore-meta", "Claims this overview does not draw:"));
    var list = make("ul", "explore-branch");
    branch.claims.forEach(function (text) { list.appendChild(make("li", "", text)); });
    panel.appendChild(list);
  };

  // -- collapse ---------------------------------------------------------------------
  // The branch below a claim: what lies below it and is reached from no root
  // except through it.
  Explorer.prototype.branchOf = function (top) {
    var below = this.data.below || {};
    function walk(starts, avoid) {
      var seen = {}, queue = starts.slice();
      starts.forEach(function (s) { seen[s] = true; });
      while (queue.length) {
        var node = queue.shift();
        (below[node] || []).forEach(function (child) {
          if (!seen[child] && child !== avoid) { seen[child] = true; queue.push(child); }
        });
      }
      return seen;
    }
    var under = walk([top], null);
    var others = walk((this.data.roots || []).filter(function (r) { return r !== top; }), top);
    var self = this;
    return Object.keys(under).filter(function (id) {
      return id !== top && !others[id] && self.groups[id];
    });
  };
  Explorer.prototype.collapse = function (top) {
    if (this.collapsed[top]) { return; }
    var self = this;
    var branch = this.branchOf(top);
    if (!branch.length) { return; }
    this.collapsed[top] = branch;
    branch.forEach(function (id) { self.hiddenBy[id] = (self.hiddenBy[id] || 0) + 1; });
    this.refresh();
    var g = this.groups[top];
    var box = g.getBBox();
    var badge = document.createElementNS(SVGNS, "g");
    badge.setAttribute("class", "collapse-badge");
    badge.setAttribute("data-top", top);
    var label = "+" + branch.length;
    var width = 12 + 7 * label.length;
    var rect = document.createElementNS(SVGNS, "rect");
    rect.setAttribute("x", box.x + box.width - width / 2);
    rect.setAttribute("y", box.y + box.height - 9);
    rect.setAttribute("width", width);
    rect.setAttribute("height", 18);
    rect.setAttribute("rx", 9);
    var text = document.createElementNS(SVGNS, "text");
    text.setAttribute("x", box.x + box.width);
    text.setAttribute("y", box.y + box.height + 4);
    text.setAttribute("text-anchor", "middle");
    text.textContent = label;
    var tip = document.createElementNS(SVGNS, "title");
    tip.textContent = branch.length + " claims collapsed: click to expand";
    badge.appendChild(tip);
    badge.appendChild(rect);
    badge.appendChild(text);
    g.appendChild(badge);
    g.classList.add("collapsed");
  };
  Explorer.prototype.expand = function (top) {
    var self = this;
    var branch = this.collapsed[top];
    if (!branch) { return; }
    delete this.collapsed[top];
    branch.forEach(function (id) { self.hiddenBy[id] -= 1; });
    var g = this.groups[top];
    var badge = g.querySelector(".collapse-badge");
    if (badge) { badge.parentNode.removeChild(badge); }
    g.classList.remove("collapsed");
    this.refresh();
  };
  Explorer.prototype.refresh = function () {
    var self = this;
    function gone(id) { return self.hiddenBy[id] > 0; }
    this.order.forEach(function (id) { self.groups[id].classList.toggle("explore-hidden", gone(id)); });
    this.lines.forEach(function (pair) { pair[0].classList.toggle("explore-hidden", pair[1].some(gone)); });
  };

  // -- the page ---------------------------------------------------------------------
  function start() {
    document.querySelectorAll("figure.diagram[data-explore]").forEach(function (figure, i) {
      var block = document.getElementById(figure.getAttribute("data-explore"));
      if (!block || !figure.querySelector("svg")) { return; }
      explorers.push(new Explorer(figure, JSON.parse(block.textContent), i));
    });
    var saved = [];
    window.addEventListener("beforeprint", function () {
      saved = explorers.map(function (x) { return [x.x, x.y, x.s]; });
      explorers.forEach(function (x) {
        x.svg.setAttribute("viewBox", [x.full.x, x.full.y, x.full.w, x.full.h].join(" "));
      });
    });
    window.addEventListener("afterprint", function () {
      explorers.forEach(function (x, i) { if (saved[i]) { x.x = saved[i][0]; x.y = saved[i][1]; x.s = saved[i][2]; x.apply(); } });
    });
  }

  function explorerOf(element) {
    for (var i = 0; i < explorers.length; i++) {
      if (explorers[i].svg.contains(element)) { return explorers[i]; }
    }
    return null;
  }

  start();
  return {
    explorers: explorers,
    // Centre *element* (an SVG element of an explored diagram) in its view.
    reveal: function (element) {
      var x = explorerOf(element);
      if (!x) { return false; }
      var id = x.claimOf.get(element);
      if (id) { x.showClaim(id); } else { x.revealElement(element, true); }
      return true;
    }
  };
})();
