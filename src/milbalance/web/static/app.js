// milbalance pages: small progressive enhancements. No user text ever goes into innerHTML:
// only textContent and DOM nodes are used.
"use strict";

function markMetricsWithData() {
  const entity = document.getElementById("entity");
  const metric = document.getElementById("metric");
  if (!entity || !metric) return;
  let coverage = null;
  const update = () => {
    if (!coverage) return;
    const has = new Set(coverage.filter((c) => c.entity === entity.value).map((c) => c.metric));
    for (const option of metric.options) {
      if (!option.value) continue;
      const base = option.dataset.label || option.textContent;
      option.dataset.label = base;
      option.textContent = has.has(option.value) ? "● " + base : base;
    }
  };
  fetch("/api/coverage")
    .then((r) => (r.ok ? r.json() : []))
    .then((rows) => { coverage = rows; update(); })
    .catch(() => {});
  entity.addEventListener("change", update);
}

function claimDetails() {
  const marks = document.querySelectorAll("mark.claim[data-claim]");
  for (const mark of marks) {
    const show = () => {
      for (const other of document.querySelectorAll("mark.claim.selected")) {
        other.classList.remove("selected");
      }
      for (const panel of document.querySelectorAll(".claim-details")) {
        panel.hidden = panel.id !== "claim-" + mark.dataset.claim;
      }
      mark.classList.add("selected");
      const panel = document.getElementById("claim-" + mark.dataset.claim);
      if (panel) panel.scrollIntoView({ block: "nearest" });
    };
    mark.addEventListener("click", show);
    mark.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") { event.preventDefault(); show(); }
    });
  }
}

function trackTabs() {
  // Track record: one grouping at a time (without scripts all three are shown in turn).
  const result = document.getElementById("track-result");
  if (!result) return;
  const tabs = result.querySelectorAll("nav.tabs a[data-by]");
  const panels = result.querySelectorAll("section.grouping[data-by]");
  const show = (by) => {
    for (const panel of panels) panel.hidden = panel.dataset.by !== by;
    for (const tab of tabs) tab.setAttribute("aria-selected", String(tab.dataset.by === by));
    const select = document.getElementById("track-by");
    if (select) select.value = by;
  };
  for (const tab of tabs) {
    tab.addEventListener("click", (event) => {
      event.preventDefault();
      show(tab.dataset.by);
      history.replaceState(null, "", "#by-" + tab.dataset.by);
    });
  }
  const asked = location.hash.startsWith("#by-") ? location.hash.slice(4) : "";
  const known = Array.from(tabs, (tab) => tab.dataset.by);
  show(known.includes(asked) ? asked : result.dataset.chosen);
}

document.addEventListener("DOMContentLoaded", () => {
  markMetricsWithData();
  claimDetails();
  trackTabs();
});
