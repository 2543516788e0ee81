// lianluo: small progressive enhancements. The pages are complete without this script.
(function () {
  "use strict";
  var root = document.documentElement;
  // Elder-friendly mode: remember the choice made with the header switch.
  document.addEventListener("click", function (e) {
    var a = e.target.closest && e.target.closest("[data-elder]");
    if (!a) return;
    e.preventDefault();
    var on = a.getAttribute("data-elder") === "1";
    root.classList.toggle("elder", on);
    try { localStorage.setItem("lianluo-elder", on ? "1" : "0"); } catch (err) {}
    // Opened as page.html#elder (the switch without JavaScript), the large style also comes
    // from `:target`, which history.replaceState does not update: leave the fragment for real.
    if (!on && location.hash === "#elder") {
      location.replace("#");
      history.replaceState(null, "", location.pathname + location.search);
    }
  });
  // The page is right as of its build date; hide receptions that have passed since.
  var now = new Date();
  var today = now.getFullYear() + "-" + String(now.getMonth() + 1).padStart(2, "0") + "-" + String(now.getDate()).padStart(2, "0");
  document.querySelectorAll(".reception[data-date]").forEach(function (li) {
    if (li.getAttribute("data-date") < today) li.classList.add("past");
  });
  // Search cannot run from disk (file://: the browser blocks its module script): say so.
  if (location.protocol === "file:") {
    var offline = document.getElementById("search-offline");
    if (offline) offline.hidden = false;
  }
  // A site viewed long after its build says when it was built and where to check.
  var built = root.getAttribute("data-built");
  if (built) {
    var days = Math.floor((Date.parse(today) - Date.parse(built)) / 86400000);
    var main = document.getElementById("main");
    if (days > 7 && main) {
      var note = document.createElement("p");
      note.className = "notice stale-site";
      note.setAttribute("role", "note");
      note.textContent = (root.getAttribute("data-stale-site") || "").replace("{n}", String(days));
      main.insertBefore(note, main.firstChild);
    }
  }
  // A list whose receptions have all passed says so instead of showing nothing.
  document.querySelectorAll("ul.receptions").forEach(function (ul) {
    var items = ul.querySelectorAll(".reception");
    if (!items.length || ul.querySelectorAll(".reception.past").length < items.length) return;
    var box = ul.closest(".next-reception");
    if (box) { box.hidden = true; return; }
    var p = document.createElement("p");
    p.className = "stale";
    p.textContent = document.documentElement.getAttribute("data-stale") || "";
    ul.after(p);
  });
})();
