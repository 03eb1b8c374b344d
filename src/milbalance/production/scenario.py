"""Stockpile scenarios read from YAML: stock trajectory month by month and months to depletion.

    stock[t+1] = stock[t] + production + imports − consumption − transfers   (rates a month)

Every number in a scenario is either a reference to an observation in the dataset
(``observation: {entity, metric, period, source}``, taken in the metric's unit and turned into
a monthly rate) or a user-set assumption (``assume: <number>`` with ``why:``), so each answer
says where each input came from. Ranges (low–high) are sampled; depletion is the first month
the stock falls to zero or below.

Ranges are read and drawn through the engine (``production.sampling``): an observation's
stated confidence and shape are used, and where the source states none the engine's defaults
apply and are listed among the answer's assumptions.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from milbalance.errors import DataError, Issue
from milbalance.model import Shape
from milbalance.production.sampling import draw, figure, root_entropy
from milbalance.store import Store

FLOWS = ("production", "imports", "consumption", "transfers")
SIGN = {"production": 1.0, "imports": 1.0, "consumption": -1.0, "transfers": -1.0}
PER_MONTH = {"rounds_per_year": 1 / 12, "rounds": 1.0}
TOP_KEYS = {"name", "description", "entity", "item", "start", "months", "samples", "seed",
            "stock", *FLOWS}


@dataclass(frozen=True)
class Input:
    """One scenario input: where its number comes from, as a monthly figure (or a stock)."""

    name: str
    value: float | None
    low: float | None
    high: float | None
    origin: str  # 'observation <path>:<line> (<source>)' or 'assumption: <why>'
    line: int
    confidence: float | None = None  # as the source states it (None: engine default)
    shape: str | None = None


@dataclass(frozen=True)
class ScenarioResult:
    name: str
    entity: str
    item: str
    start: str
    months: int
    samples: int
    seed: int
    inputs: tuple[Input, ...]
    stock_median: tuple[float, ...]
    stock_p5: tuple[float, ...]
    stock_p95: tuple[float, ...]
    p_depleted: float
    depletion_month_median: float | None
    depletion_month_p5: float | None
    depletion_month_p95: float | None
    assumptions: tuple[str, ...]
    out_of_range: str = ""  # said when samples reach zero: the model stops there


class _Node:
    def __init__(self, path: str, node: yaml.Node):
        self.path, self.node = path, node

    def issue(self, field: str, value: str, problem: str, fix: str) -> Issue:
        return Issue(self.path, self.node.start_mark.line + 1, field, value, problem, fix)


def _mapping(path: str, node: yaml.Node, field: str, issues: list[Issue]
             ) -> dict[str, yaml.Node] | None:
    if not isinstance(node, yaml.MappingNode):
        issues.append(_Node(path, node).issue(field, str(getattr(node, "value", "")),
                                              "is not a mapping", "write key: value lines"))
        return None
    return {str(k.value): v for k, v in node.value}


def _number(path: str, node: yaml.Node, field: str, issues: list[Issue]) -> float | None:
    raw = str(getattr(node, "value", ""))
    try:
        return float(raw.replace("_", ""))
    except ValueError:
        issues.append(_Node(path, node).issue(field, raw, "is not a number",
                                              "write a plain number such as 10000"))
        return None


def load_scenario(path: Path, store: Store) -> tuple[dict[str, Any], list[Input]]:
    """Parse and check a scenario file; DataError lists every problem with file:line."""
    shown = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataError([Issue(shown, 0, "(file)", "", f"cannot be read ({exc.strerror})",
                               "check the path")]) from exc
    try:
        root = yaml.compose(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 0
        raise DataError([Issue(shown, line, "(file)", "", f"is not valid YAML ({exc})",
                               "check indentation and quoting")]) from exc
    issues: list[Issue] = []
    if root is None:
        raise DataError([Issue(shown, 1, "(file)", "", "is empty", "see examples/scenarios")])
    top = _mapping(shown, root, "(file)", issues)
    if top is None:
        raise DataError(issues)
    for key, node in top.items():
        if key not in TOP_KEYS:
            issues.append(_Node(shown, node).issue(key, key, "is not a scenario key",
                                                   f"use: {', '.join(sorted(TOP_KEYS))}"))
    meta: dict[str, Any] = {}
    for key in ("entity", "item", "start", "months"):
        if key not in top:
            issues.append(Issue(shown, root.start_mark.line + 1, key, "", "is required",
                                f"add '{key}:'"))
    if "entity" in top:
        try:
            meta["entity"] = store.entity(str(top["entity"].value)).id
        except Exception as exc:  # UnknownNameError: report it at its line
            issues.append(_Node(shown, top["entity"]).issue(
                "entity", str(top["entity"].value), str(exc), "use an id from entities"))
    for key in ("months", "samples", "seed"):
        if key in top:
            v = _number(shown, top[key], key, issues)
            top_v = 600 if key == "months" else 10**9
            if v is not None and (v < 1 or v != int(v) or v > top_v):
                issues.append(_Node(shown, top[key]).issue(key, str(top[key].value),
                              f"must be a whole number from 1 to {top_v}", "e.g. 36"))
            elif v is not None:
                meta[key] = int(v)
    for key in ("name", "item", "start"):
        if key in top:
            meta[key] = str(top[key].value)
    inputs = []
    for key in ("stock", *FLOWS):
        if key in top:
            got = _input(shown, key, top[key], store, issues)
            inputs.extend(got)
    if not any(i.name == "stock" for i in inputs) and "stock" not in top:
        issues.append(Issue(shown, root.start_mark.line + 1, "stock", "", "is required",
                            "give the starting stock (observation or assume)"))
    if issues:
        raise DataError(issues)
    return meta, inputs


def _input(path: str, name: str, node: yaml.Node, store: Store, issues: list[Issue]
           ) -> list[Input]:
    items = node.value if isinstance(node, yaml.SequenceNode) else [node]
    out = []
    for item in items:
        fields = _mapping(path, item, name, issues)
        if fields is None:
            continue
        line = item.start_mark.line + 1
        if "assume" in fields:
            if "why" not in fields:
                issues.append(_Node(path, item).issue(name, "", "an assumption needs 'why:'",
                                                      "say why this number was chosen"))
                continue
            v = _number(path, fields["assume"], f"{name}.assume", issues)
            if v is not None:
                out.append(Input(name, v, None, None,
                                 f"user-set assumption: {fields['why'].value}", line))
        elif "observation" in fields:
            ref = _mapping(path, fields["observation"], f"{name}.observation", issues)
            if ref is None:
                continue
            got = _observation(path, name, fields["observation"], ref, store, issues, line)
            if got is not None:
                out.append(got)
        else:
            issues.append(_Node(path, item).issue(
                name, "", "has neither 'observation:' nor 'assume:'",
                "reference an observation {entity, metric, period, source} or write "
                "'assume: <number>' with 'why:'"))
    return out


def _observation(path: str, name: str, node: yaml.Node, ref: dict[str, yaml.Node],
                 store: Store, issues: list[Issue], line: int) -> Input | None:
    keys = {k: str(v.value) for k, v in ref.items()}
    missing = [k for k in ("entity", "metric", "period") if k not in keys]
    if missing:
        issues.append(_Node(path, node).issue(f"{name}.observation", "",
                      f"lacks {', '.join(missing)}", "give entity, metric, period (and source)"))
        return None
    rows = [o for o in store.observations(keys["entity"], keys["metric"])
            if o.period.label == keys["period"]
            and ("source" not in keys or o.source == keys["source"])]
    if len(rows) != 1:
        problem = "matches no observation" if not rows else \
            f"matches {len(rows)} observations"
        issues.append(_Node(path, node).issue(
            f"{name}.observation", ", ".join(f"{k}={v}" for k, v in keys.items()), problem,
            "check with `milbalance series ENTITY METRIC`; add source: to pick one"))
        return None
    o = rows[0]
    if o.unit not in PER_MONTH:
        issues.append(_Node(path, node).issue(f"{name}.observation", o.metric,
                      f"is in {o.unit}, not a count or yearly rate of rounds",
                      "reference a rounds or rounds_per_year metric"))
        return None
    f = PER_MONTH[o.unit] if name != "stock" else 1.0

    def scale(v: float | None) -> float | None:
        return None if v is None else v * f

    return Input(name, scale(o.value), scale(o.low), scale(o.high),
                 f"observation {o.path}:{o.line} ({o.source}, {o.period.label})", line,
                 o.confidence, str(o.shape) if o.shape else None)


def run_scenario(path: Path, store: Store) -> ScenarioResult:
    """Load a scenario and sample its stock trajectory."""
    meta, inputs = load_scenario(path, store)
    n = meta.get("samples", 10_000)
    seed = meta.get("seed", 20240101)
    months = meta["months"]
    root = root_entropy(seed)
    stock = np.zeros(n)
    flow = np.zeros(n)
    read: list[str] = []
    for i in inputs:
        dist, used = figure(f"scenario {i.name}", i.value, i.low, i.high, str(path), i.line,
                            confidence=i.confidence,
                            shape=Shape(i.shape) if i.shape else None)
        read.extend(str(a) for a in used)
        x = np.zeros(n) if dist is None else draw(dist, f"scenario:{i.name}:{i.line}", root, n)
        if i.name == "stock":
            stock += x
        else:
            flow += SIGN[i.name] * x
    unfloored = stock[:, None] + flow[:, None] * np.arange(1, months + 1)[None, :]
    gone = unfloored <= 0
    # a stock cannot go below zero: firing beyond it is a shortfall the constant-rate model
    # does not describe (fire would fall to what arrives), so the trajectory stops at zero
    path_ = np.maximum(unfloored, 0.0)
    depleted = gone.any(axis=1)
    first = np.where(depleted, gone.argmax(axis=1) + 1, np.nan).astype(float)
    hit = first[depleted]

    def q(p: float) -> float | None:
        return float(np.quantile(hit, p)) if hit.size else None

    return ScenarioResult(
        meta.get("name", path.stem), meta["entity"], meta.get("item", ""), meta["start"],
        months, n, seed, tuple(inputs),
        tuple(float(v) for v in np.median(path_, axis=0)),
        tuple(float(v) for v in np.quantile(path_, 0.05, axis=0)),
        tuple(float(v) for v in np.quantile(path_, 0.95, axis=0)),
        float(depleted.mean()), q(0.5), q(0.05), q(0.95),
        ("[constant-rates] each flow is a constant monthly rate over the whole horizon",
         *dict.fromkeys(read),
         "[floor-at-zero] the stock stops at zero: after depletion, firing at the stated rate "
         "is impossible and the model is out of its range"),
        _out_of_range(depleted, q(0.5), months))


def _out_of_range(depleted: np.ndarray, median_month: float | None, months: int) -> str:
    if not depleted.any():
        return ""
    when = f" (median month {median_month:.0f})" if median_month is not None else ""
    return (f"the stock reaches zero in {depleted.mean():.0%} of samples{when}: from there on "
            f"the stated firing rate cannot be sustained and the {months}-month trajectory is "
            "outside the model's range (shown as zero, not as a negative stock)")
