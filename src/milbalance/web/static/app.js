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

document.addEventListener("DOMContentLoaded", () => {
  markMetricsWithData();
  claimDetails();
});
