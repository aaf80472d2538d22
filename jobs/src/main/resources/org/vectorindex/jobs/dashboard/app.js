// The dashboard page: renders /api/snapshot, then follows /api/events (no reload).
// window.vi exposes the charts and arrival times to the browser test and to users' consoles.
"use strict";
(function () {
  const vi = (window.vi = { charts: {}, arrivals: {}, subs: {}, snapshot: null, selected: null });
  const $ = (id) => document.getElementById(id);

  function el(tag, attrs, text) {
    const e = document.createElement(tag);
    for (const k in attrs || {}) e.setAttribute(k, attrs[k]);
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function fmt(x, digits) {
    return x === null || x === undefined ? "–" : Number(x).toFixed(digits === undefined ? 1 : digits);
  }

  function chart(id, series, scales, axes) {
    const box = $(id);
    const opts = {
      width: Math.max(300, box.clientWidth || 500),
      height: 200,
      scales: Object.assign({ x: { time: true } }, scales || {}),
      series: [{}].concat(series),
      axes: axes || [{}, {}],
    };
    const data = [[]].concat(series.map(() => []));
    const u = new uPlot(opts, data, box);
    vi.charts[id.replace("chart-", "")] = u;
    return u;
  }

  function setup() {
    chart("chart-rates", [
      { label: "upserts", stroke: "#1d6fd8" },
      { label: "deletes", stroke: "#d8591d" },
      { label: "queries", stroke: "#2a9d2a" },
      { label: "subscription updates", stroke: "#8e44ad" },
    ]);
    chart("chart-latency", [
      { label: "in job p50", stroke: "#1d6fd8" },
      { label: "in job p99", stroke: "#1d6fd8", dash: [5, 5] },
      { label: "end to end p50", stroke: "#d8591d" },
      { label: "end to end p99", stroke: "#d8591d", dash: [5, 5] },
    ]);
    chart(
      "chart-checkpoints",
      [
        { label: "duration ms", stroke: "#1d6fd8", scale: "ms" },
        { label: "size bytes", stroke: "#2a9d2a", scale: "bytes" },
      ],
      { ms: {}, bytes: {} },
      [
        {},
        { scale: "ms" },
        // kB keeps the right axis' labels short enough to show whole
        { scale: "bytes", side: 1, grid: { show: false }, values: (u, vals) => vals.map((v) => (v === null ? "" : Math.round(v / 1e3) + " kB")) },
      ]
    );
    chart("chart-recall", [{ label: "recall", stroke: "#8e44ad" }], { y: { range: [0, 1] } });
    $("sub-select").addEventListener("change", (e) => {
      vi.selected = e.target.value;
      renderSubscription();
    });
    $("q-run").addEventListener("click", runQuery);
  }

  function columns(s, names) {
    return [s.t].concat(names.map((n) => s[n]));
  }

  function renderSnapshot(s) {
    vi.snapshot = s;
    $("job").textContent = s.job.jobId ? "job " + s.job.jobId + " (restarts " + s.job.restarts + ")" : "job: " + s.job.error;
    renderCollections(s.collections);
    const sr = s.series;
    vi.charts.rates.setData(columns(sr.rates, ["upsertsPerSecond", "deletesPerSecond", "queriesPerSecond", "subscriptionUpdatesPerSecond"]));
    vi.charts.latency.setData(columns(sr.latencyMs, ["inJobP50", "inJobP99", "endToEndP50", "endToEndP99"]));
    vi.charts.checkpoints.setData(columns(sr.checkpoints, ["durationMs", "sizeBytes"]));
    vi.charts.recall.setData(columns(sr.recall, ["recall"]));
    const cp = s.checkpoints;
    $("checkpoint-last").textContent =
      cp.lastCompletedId === null
        ? "no checkpoint yet"
        : "last #" + cp.lastCompletedId + ": " + cp.lastDurationMs + " ms, " + cp.lastSizeBytes + " bytes; " + cp.completed + " completed, " + cp.failed + " failed";
    $("recall-value").textContent = fmt(s.recall.sampledAtK, 4);
    $("recall-samples").textContent = s.recall.samples;
    for (const sub of s.subscriptions) {
      const have = vi.subs[sub.subscriptionId];
      if (!have || have.version < sub.version) vi.subs[sub.subscriptionId] = sub;
    }
    renderSubscriptionList();
    renderDeadLetters(s.deadLetters);
    $("q-text").hidden = !(s.textCollections || []).includes($("q-collection").value);
  }

  function renderCollections(list) {
    const body = $("collections").tBodies[0];
    body.replaceChildren();
    const pick = $("q-collection");
    const chosen = pick.value;
    pick.replaceChildren();
    for (const c of list) {
      const tr = el("tr", { "data-collection": c.name });
      tr.append(el("td", {}, c.name), el("td", {}, c.type || "?"), el("td", {}, c.dimension || "?"), el("td", {}, c.metric || "?"), el("td", {}, c.shardCount || c.shards.length));
      tr.append(el("td", { id: "live-" + c.name, class: "live" }, c.liveVectors === null ? "–" : c.liveVectors));
      const shards = el("td");
      for (const sh of c.shards) {
        const line = el("div", {}, "#" + sh.shard + ": " + sh.size + " · ");
        line.append(el("span", { class: "digest" }, sh.digest));
        shards.append(line);
      }
      tr.append(shards);
      body.append(tr);
      pick.append(el("option", { value: c.name }, c.name));
    }
    if (chosen) pick.value = chosen;
  }

  function renderSubscriptionList() {
    const sel = $("sub-select");
    const ids = Object.keys(vi.subs).sort();
    if (sel.options.length !== ids.length) {
      sel.replaceChildren(...ids.map((id) => el("option", { value: id }, id)));
    }
    if (!vi.selected && ids.length) vi.selected = ids[0];
    if (vi.selected) sel.value = vi.selected;
    renderSubscription();
  }

  function renderSubscription() {
    const sub = vi.subs[vi.selected];
    const hits = $("sub-hits");
    const history = $("sub-history");
    if (!sub) return;
    $("sub-text").textContent = sub.text || "";
    $("sub-version").textContent = sub.version;
    $("sub-cause").textContent = sub.cause.op + " " + sub.cause.id;
    hits.replaceChildren();
    const entered = new Set(sub.entered);
    for (const h of sub.hits) {
      const label = h.id + "  " + fmt(h.score, 4) + (h.text ? "  " + h.text : "");
      hits.append(el("li", { class: entered.has(h.id) ? "entered" : "", "data-id": h.id }, label));
    }
    for (const id of sub.left) {
      const li = el("li", { class: "left", "data-id": id });
      li.append(el("s", {}, id));
      hits.append(li);
    }
    history.replaceChildren();
    for (const u of sub.history || []) {
      const li = el("li", { "data-version": u.version }, "v" + u.version + " " + u.cause.op + " " + u.cause.id + " ");
      for (const id of u.entered) li.append(el("span", { class: "entered" }, "+" + id + " "));
      for (const id of u.left) li.append(el("span", { class: "left" }, id + " "));
      history.append(li);
    }
  }

  function onUpdate(u) {
    vi.arrivals[u.subscriptionId + ":" + u.version] = Date.now();
    const have = vi.subs[u.subscriptionId];
    if (have && have.version >= u.version) return;
    u.history = [u].concat(have && have.history ? have.history : []).slice(0, 20);
    vi.subs[u.subscriptionId] = u;
    renderSubscriptionList();
  }

  function renderDeadLetters(d) {
    $("dlq-total").textContent = d.total;
    const reasons = $("dlq-reasons");
    reasons.replaceChildren();
    for (const r in d.byReason) reasons.append(el("li", { "data-reason": r }, r + ": " + d.byReason[r]));
    const body = $("dlq-recent").tBodies[0];
    body.replaceChildren();
    for (const x of d.recent) {
      const tr = el("tr");
      tr.append(el("td", {}, x.reason), el("td", {}, x.sourceTopic + " " + x.partition + "@" + x.offset), el("td", {}, x.key), el("td", {}, x.detail));
      body.append(tr);
    }
  }

  function runQuery() {
    const body = { collection: $("q-collection").value, k: Number($("q-k").value) };
    const like = $("q-like").value.trim();
    const words = $("q-text").hidden ? "" : $("q-text").value.trim();
    if (like) body.likeId = like;
    else if (words) body.text = words;
    else {
      const text = $("q-vector").value.trim().replace(/^\[|\]$/g, "");
      body.vector = text.split(/[\s,]+/).filter((x) => x.length).map(Number);
    }
    $("q-result").textContent = "sending…";
    fetch("/api/query", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) })
      .then((r) => r.json())
      .then((j) => {
        $("q-result").textContent = j.error ? "error: " + j.error : "sent " + j.queryId + ", waiting for the answer…";
        vi.pendingQuery = j.queryId;
      });
  }

  function onQueryResult(r) {
    if (r.queryId !== vi.pendingQuery) return;
    const box = $("q-result");
    if (r.error) {
      box.replaceChildren(el("p", {}, r.queryId + ": " + r.error));
      return;
    }
    box.replaceChildren(el("p", {}, r.queryId + ": in job " + r.tookMs + " ms, end to end " + fmt(r.endToEndMs, 0) + " ms"));
    const ol = el("ol");
    for (const h of r.hits) ol.append(el("li", {}, h.id + "  " + fmt(h.score, 4) + (h.text ? "  " + h.text : "")));
    box.append(ol);
  }

  function connect() {
    const es = new EventSource("/api/events");
    es.onopen = () => {
      $("status").textContent = "live";
      $("status").className = "ok";
    };
    es.onerror = () => {
      $("status").textContent = "reconnecting";
      $("status").className = "bad";
    };
    es.onmessage = (m) => {
      const e = JSON.parse(m.data);
      if (e.type === "snapshot") renderSnapshot(e);
      else if (e.type === "update") onUpdate(e);
      else if (e.type === "deadLetter") vi.lastDeadLetter = e;
      else if (e.type === "queryResult") onQueryResult(e);
    };
  }

  setup();
  fetch("/api/snapshot")
    .then((r) => r.json())
    .then((s) => {
      renderSnapshot(s);
      connect();
    });
})();
