// eventwire dashboard: plain JavaScript and SVG, no framework, nothing fetched from the network
// but this server's own /api. State lives in `state`; every change of filters calls refresh().
"use strict";

const PLOVER = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
  "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"];
const ACLED_SUBS = {
  "Battles": ["Armed clash", "Government regains territory", "Non-state actor overtakes territory"],
  "Explosions/Remote violence": ["Chemical weapon", "Air/drone strike", "Suicide bomb",
    "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade"],
  "Violence against civilians": ["Sexual violence", "Attack", "Abduction/forced disappearance"],
  "Protests": ["Peaceful protest", "Protest with intervention", "Excessive force against protesters"],
  "Riots": ["Violent demonstration", "Mob violence"],
  "Strategic developments": ["Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
    "Headquarters or base established", "Looting/property destruction", "Non-violent transfer of territory", "Other"],
};
const ACLED = Object.keys(ACLED_SUBS);
const COLORS = {
  "Battles": "#c0392b", "Explosions/Remote violence": "#e67e22", "Violence against civilians": "#8e44ad",
  "Protests": "#2e86c1", "Riots": "#d4ac0d", "Strategic developments": "#16a085", "": "#5d6d7e",
};
const FILTER_KEYS = ["since", "until", "country", "admin1", "type", "acled_event_type", "acled_sub_event_type", "actor",
  "actor_country", "q"];
const SVGNS = "http://www.w3.org/2000/svg";
const PAGE = 50;

const state = {
  filters: {}, bbox: null, pair: null, sort: "-date", offset: 0, total: 0,
  view: { x: 0, y: 0, w: 360, h: 180 }, outlines: null, points: [], activeEvent: null, fitted: false,
  timeline: { buckets: [], interval: "day" },
};

// ------------------------------------------------------------------ helpers
const $ = (sel) => document.querySelector(sel);
function el(tag, attrs = {}, ...children) {
  const node = tag.startsWith("svg:") ? document.createElementNS(SVGNS, tag.slice(4)) : document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined) continue;
    if (key === "class") node.setAttribute("class", value);
    else if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children) if (child !== null && child !== undefined) node.append(child);
  return node;
}
function params(extra = {}, { withDates = true } = {}) {
  const p = new URLSearchParams();
  for (const [key, value] of Object.entries(state.filters)) {
    if (!value) continue;
    if (!withDates && (key === "since" || key === "until")) continue;
    p.set(key, value);
  }
  if (state.bbox) p.set("bbox", state.bbox.map((v) => v.toFixed(3)).join(","));
  if (state.pair) { p.set("actor1_country", state.pair[0]); p.set("actor2_country", state.pair[1]); }
  for (const [key, value] of Object.entries(extra)) p.set(key, value);
  return p;
}
async function api(path, query) {
  const url = query ? `${path}?${query}` : path;
  const response = await fetch(url);
  const body = await response.json();
  if (!response.ok) throw new Error(typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail));
  return body;
}
function actorLabel(actor) {
  if (!actor) return "";
  return (actor.name || actor.text || "") + (actor.country ? ` (${actor.country})` : "");
}
function eventDay(event) {
  const d = event.date || {};
  return (d.value && d.value.length === 10 ? d.value : d.start) || event.document_date || "";
}
function showError(message) {
  $("#summary").textContent = `error: ${message}`;
}

// ------------------------------------------------------------------ projection and map
const project = (lon, lat) => [lon + 180, 90 - lat];
const unproject = (x, y) => [x - 180, 90 - y];

function ringPath(ring) {
  let d = "";
  let prevLon = null;
  ring.forEach(([lon, lat], i) => {
    const [x, y] = project(lon, lat);
    // break the path where a ring jumps across the antimeridian
    const jump = prevLon !== null && Math.abs(lon - prevLon) > 180;
    d += (i === 0 || jump ? "M" : "L") + x.toFixed(2) + "," + y.toFixed(2);
    prevLon = lon;
  });
  return d + "Z";
}
function geometryPath(geometry) {
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
  return polygons.map((polygon) => polygon.map(ringPath).join("")).join("");
}

function drawBaseMap() {
  const svg = $("#map");
  svg.replaceChildren();
  const base = el("svg:g", { id: "base" });
  for (let lon = -180; lon <= 180; lon += 30) base.append(el("svg:line", { class: "graticule", x1: lon + 180, y1: 0, x2: lon + 180, y2: 180 }));
  for (let lat = -60; lat <= 60; lat += 30) base.append(el("svg:line", { class: "graticule", x1: 0, y1: 90 - lat, x2: 360, y2: 90 - lat }));
  if (state.outlines) {
    for (const feature of state.outlines.features) {
      const path = el("svg:path", { class: "country", d: geometryPath(feature.geometry), "data-iso3": feature.properties.iso3 || "" });
      path.append(el("svg:title", { text: feature.properties.name || "" }));
      base.append(path);
    }
  }
  svg.append(base, el("svg:g", { id: "bbox-layer" }), el("svg:g", { id: "points" }));
  applyView();
}

function applyView() {
  const v = state.view;
  const svg = $("#map");
  svg.setAttribute("viewBox", `${v.x} ${v.y} ${v.w} ${v.h}`);
  svg.setAttribute("preserveAspectRatio", "xMidYMid meet");
  const pixels = svg.clientWidth || 600;
  const unitsPerPixel = Math.max(v.w / pixels, v.h / (svg.clientHeight || 400));
  for (const circle of svg.querySelectorAll("circle.point")) {
    circle.setAttribute("r", (Number(circle.dataset.size) * unitsPerPixel).toFixed(4));
  }
  const selected = state.filters.country;
  for (const path of svg.querySelectorAll("path.country")) path.classList.toggle("selected", !!selected && path.dataset.iso3 === selected);
}

function setView(x, y, w, h) {
  const svg = $("#map");
  const aspect = (svg.clientWidth || 600) / (svg.clientHeight || 400);
  if (w / h < aspect) w = h * aspect; else h = w / aspect;
  w = Math.min(Math.max(w, 0.5), 720);
  h = w / aspect;
  state.view = { x, y, w, h };
  applyView();
}
function zoom(factor, cx, cy) {
  const v = state.view;
  if (cx === undefined) { cx = v.x + v.w / 2; cy = v.y + v.h / 2; }
  const w = v.w * factor;
  const h = v.h * factor;
  setView(cx - (cx - v.x) * factor, cy - (cy - v.y) * factor, w, h);
}
function fitToPoints() {
  const pts = state.points;
  if (!pts.length) { setView(0, 0, 360, 180); return; }
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const f of pts) {
    const [x, y] = project(...f.geometry.coordinates);
    x0 = Math.min(x0, x); y0 = Math.min(y0, y); x1 = Math.max(x1, x); y1 = Math.max(y1, y);
  }
  const pad = Math.max(6, (x1 - x0) * 0.15, (y1 - y0) * 0.15);
  const w = x1 - x0 + 2 * pad;
  const h = y1 - y0 + 2 * pad;
  setView(x0 - pad, y0 - pad, Math.max(w, 24), Math.max(h, 12));
  // keep the points centred after the aspect ratio was applied
  const v = state.view;
  setView((x0 + x1) / 2 - v.w / 2, (y0 + y1) / 2 - v.h / 2, v.w, v.h);
}
function svgPoint(evt) {
  const svg = $("#map");
  const rect = svg.getBoundingClientRect();
  const v = state.view;
  const scale = Math.max(v.w / rect.width, v.h / rect.height);
  const offX = (rect.width * scale - v.w) / 2;
  const offY = (rect.height * scale - v.h) / 2;
  return [v.x - offX + (evt.clientX - rect.left) * scale, v.y - offY + (evt.clientY - rect.top) * scale];
}

function drawPoints(features) {
  state.points = features;
  const layer = $("#points");
  if (!layer) return;
  layer.replaceChildren();
  // most fatal last, so they sit on top
  const sorted = [...features].sort((a, b) => (a.properties.fatalities || 0) - (b.properties.fatalities || 0));
  for (const f of sorted) {
    const p = f.properties;
    const [x, y] = project(...f.geometry.coordinates);
    const size = (features.length > 300 ? 2.5 : 4) + Math.min(8, Math.sqrt(p.fatalities || 0) * (features.length > 300 ? 0.8 : 1.6));
    const circle = el("svg:circle", {
      class: "point", cx: x.toFixed(3), cy: y.toFixed(3), r: 1, fill: COLORS[p.acled_event_type || ""] || COLORS[""],
      "data-size": size, "data-event-id": f.id,
      onclick: (evt) => { evt.stopPropagation(); openEvent(f.id); },
    });
    circle.append(el("svg:title", {
      text: `${p.event_date || ""} ${p.type}${p.acled_sub_event_type ? " / " + p.acled_sub_event_type : ""}\n` +
        `${p.actor1 || "?"} → ${p.actor2 || "–"}\n${p.location || ""}${p.country ? ", " + p.country : ""}` +
        (p.fatalities ? `\nkilled: ${p.fatalities}` : ""),
    }));
    layer.append(circle);
  }
  const fitKey = [state.filters.country, state.filters.actor_country, state.filters.admin1, state.pair].join("|");
  if (!state.fitted || state.fitKey !== fitKey) { fitToPoints(); state.fitted = true; state.fitKey = fitKey; }
  applyView();
  drawBbox();
}
function drawBbox() {
  const layer = $("#bbox-layer");
  if (!layer) return;
  layer.replaceChildren();
  if (!state.bbox) return;
  const [w, s, e, n] = state.bbox;
  const [x0, y0] = project(w, n);
  const [x1, y1] = project(e, s);
  layer.append(el("svg:rect", { class: "bbox", x: x0, y: y0, width: x1 - x0, height: y1 - y0 }));
}

function setupMapInteraction() {
  const svg = $("#map");
  let drag = null;
  svg.addEventListener("wheel", (evt) => {
    evt.preventDefault();
    const [cx, cy] = svgPoint(evt);
    zoom(evt.deltaY > 0 ? 1.25 : 0.8, cx, cy);
  }, { passive: false });
  svg.addEventListener("mousedown", (evt) => {
    if (evt.target.classList.contains("point")) return;
    drag = { start: svgPoint(evt), view: { ...state.view }, moved: false };
    svg.classList.add("dragging");
  });
  window.addEventListener("mousemove", (evt) => {
    if (!drag) return;
    const [x, y] = svgPoint(evt);
    const dx = x - drag.start[0];
    const dy = y - drag.start[1];
    if (Math.abs(dx) + Math.abs(dy) > 0.01) drag.moved = true;
    state.view.x -= dx; state.view.y -= dy;
    applyView();
  });
  window.addEventListener("mouseup", () => { drag = null; svg.classList.remove("dragging"); });
  svg.addEventListener("dblclick", (evt) => { const [cx, cy] = svgPoint(evt); zoom(0.5, cx, cy); });
  $("#zoom-in").addEventListener("click", () => zoom(0.6));
  $("#zoom-out").addEventListener("click", () => zoom(1 / 0.6));
  $("#zoom-fit").addEventListener("click", () => fitToPoints());
  $("#use-map-area").addEventListener("click", () => {
    const svg2 = $("#map");
    const rect = svg2.getBoundingClientRect();
    const [x0, y0] = svgPoint({ clientX: rect.left, clientY: rect.top });
    const [x1, y1] = svgPoint({ clientX: rect.right, clientY: rect.bottom });
    const [w, n] = unproject(x0, y0);
    const [e, s] = unproject(x1, y1);
    state.bbox = [Math.max(-180, w), Math.max(-90, s), Math.min(180, e), Math.min(90, n)];
    state.offset = 0;
    refresh();
  });
}

// ------------------------------------------------------------------ timeline
function chooseInterval(first, last) {
  if (!first || !last) return "day";
  const days = (Date.parse(last) - Date.parse(first)) / 86400000;
  if (days > 3 * 365) return "month";
  if (days > 120) return "week";
  return "day";
}
// Days -> the bars to draw. The domain leaves out the earliest and latest 0.5% of events (a date
// resolved to 1860 by mistake must not squash the chart); how many were left out is shown.
function timelineBuckets(days) {
  const total = days.reduce((n, b) => n + b.events, 0);
  const cut = Math.floor(total * 0.005);
  let lo = 0, hi = days.length - 1, skipped = 0;
  for (let seen = 0; lo < hi && seen + days[lo].events <= cut; lo++) { seen += days[lo].events; skipped += days[lo].events; }
  for (let seen = 0; hi > lo && seen + days[hi].events <= cut; hi--) { seen += days[hi].events; skipped += days[hi].events; }
  const kept = days.slice(lo, hi + 1);
  const interval = kept.length ? chooseInterval(kept[0].period, kept[kept.length - 1].period) : "day";
  const merged = new Map();
  for (const b of kept) {
    let key = b.period;
    if (interval === "month") key = b.period.slice(0, 7);
    else if (interval === "week") {
      const d = new Date(Date.parse(b.period));
      d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
      key = d.toISOString().slice(0, 10);
    }
    const m = merged.get(key) || { period: key, events: 0, fatalities: 0 };
    m.events += b.events; m.fatalities += b.fatalities || 0;
    merged.set(key, m);
  }
  return { buckets: [...merged.values()], interval, skipped };
}

function periodStart(period) {
  if (period.length === 4) return Date.parse(`${period}-01-01`);
  if (period.length === 7) return Date.parse(`${period}-01`);
  return Date.parse(period);
}
function periodEnd(period, interval) {
  const start = new Date(periodStart(period));
  if (interval === "year") start.setUTCFullYear(start.getUTCFullYear() + 1);
  else if (interval === "month") start.setUTCMonth(start.getUTCMonth() + 1);
  else if (interval === "week") start.setUTCDate(start.getUTCDate() + 7);
  else start.setUTCDate(start.getUTCDate() + 1);
  return start.getTime();
}
const isoDay = (ms) => new Date(ms).toISOString().slice(0, 10);

function drawTimeline() {
  const svg = $("#timeline");
  const { buckets, interval } = state.timeline;
  const width = svg.clientWidth || 600;
  const height = svg.clientHeight || 150;
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  svg.replaceChildren();
  const left = 30, right = 10, top = 8, bottom = 20;
  if (!buckets.length) {
    svg.append(el("svg:text", { x: width / 2, y: height / 2, "text-anchor": "middle", class: "axis", text: "no dated events" }));
    state.timeline.scale = null;
    return;
  }
  let t0 = periodStart(buckets[0].period);
  let t1 = periodEnd(buckets[buckets.length - 1].period, interval);
  if (t1 - t0 < 7 * 86400000) { t0 -= 3 * 86400000; t1 += 3 * 86400000; }
  const max = Math.max(...buckets.map((b) => b.events));
  const x = (t) => left + ((t - t0) / (t1 - t0)) * (width - left - right);
  const y = (n) => top + (1 - n / max) * (height - top - bottom);
  state.timeline.scale = { t0, t1, left, right, width };
  const since = state.filters.since ? Date.parse(state.filters.since) : null;
  const until = state.filters.until ? Date.parse(state.filters.until) + 86400000 : null;
  for (const b of buckets) {
    const start = periodStart(b.period);
    const end = periodEnd(b.period, interval);
    const out = (since !== null && end <= since) || (until !== null && start >= until);
    const rect = el("svg:rect", {
      class: out ? "bar out" : "bar", x: x(start) + 0.5, y: y(b.events),
      width: Math.max(1, x(end) - x(start) - 1), height: Math.max(0, height - bottom - y(b.events)),
    });
    rect.append(el("svg:title", { text: `${b.period}: ${b.events} events, ${b.fatalities} killed` }));
    svg.append(rect);
  }
  svg.append(el("svg:text", { x: 2, y: top + 8, class: "axis", text: String(max) }));
  svg.append(el("svg:line", { x1: left, x2: width - right, y1: height - bottom, y2: height - bottom, stroke: "#b9c1cb" }));
  const ticks = 6;
  for (let i = 0; i <= ticks; i++) {
    const t = t0 + ((t1 - t0) * i) / ticks;
    svg.append(el("svg:text", { x: x(t), y: height - 5, "text-anchor": "middle", class: "axis", text: isoDay(t) }));
  }
  if (since !== null || until !== null) {
    const bx0 = x(Math.max(t0, since ?? t0));
    const bx1 = x(Math.min(t1, until ?? t1));
    svg.append(el("svg:rect", { class: "brush", x: bx0, y: top, width: Math.max(2, bx1 - bx0), height: height - top - bottom }));
  }
  const skipped = state.timeline.skipped || 0;
  $("#timeline-label").textContent = `per ${interval}` + (skipped ? ` · ${skipped} outlying event${skipped > 1 ? "s" : ""} not drawn` : "");
}

function setupTimelineBrush() {
  const svg = $("#timeline");
  let brush = null;
  const timeAt = (evt) => {
    const s = state.timeline.scale;
    const rect = svg.getBoundingClientRect();
    const px = ((evt.clientX - rect.left) / rect.width) * s.width;
    const frac = Math.min(1, Math.max(0, (px - s.left) / (s.width - s.left - s.right)));
    return s.t0 + frac * (s.t1 - s.t0);
  };
  svg.addEventListener("mousedown", (evt) => {
    if (!state.timeline.scale) return;
    evt.preventDefault();
    brush = { from: timeAt(evt), to: timeAt(evt), startX: evt.clientX };
  });
  window.addEventListener("mousemove", (evt) => {
    if (!brush) return;
    brush.to = timeAt(evt);
    const s = state.timeline.scale;
    const rect = svg.getBoundingClientRect();
    const toPx = (t) => s.left + ((t - s.t0) / (s.t1 - s.t0)) * (s.width - s.left - s.right);
    let live = svg.querySelector("rect.live");
    if (!live) { live = el("svg:rect", { class: "brush live", y: 8, height: (svg.clientHeight || 150) - 28 }); svg.append(live); }
    const a = toPx(Math.min(brush.from, brush.to));
    const b = toPx(Math.max(brush.from, brush.to));
    live.setAttribute("x", a); live.setAttribute("width", Math.max(1, b - a));
    void rect;
  });
  window.addEventListener("mouseup", (evt) => {
    if (!brush) return;
    const moved = Math.abs(evt.clientX - brush.startX) > 3;
    const [from, to] = [Math.min(brush.from, brush.to), Math.max(brush.from, brush.to)];
    brush = null;
    if (moved) {
      setFilter("since", isoDay(from));
      setFilter("until", isoDay(to));
    } else {
      setFilter("since", ""); setFilter("until", "");
    }
    state.offset = 0;
    refresh();
  });
}

// ------------------------------------------------------------------ table and dyads
function renderTable(events, total) {
  const body = $("#events-table tbody");
  body.replaceChildren();
  if (!events.length) {
    body.append(el("tr", {}, el("td", { colspan: 8, class: "empty", text: "No events match these filters." })));
  }
  for (const ev of events) {
    const where = ev.location ? `${ev.location.name || ev.location.text}${ev.location.country ? ", " + ev.location.country : ""}` : "";
    const dead = ev.fatalities && ev.fatalities.value !== null ? String(ev.fatalities.value) : "";
    const row = el("tr", { "data-event-id": ev.event_id, title: (ev.evidence || {}).text || "", onclick: () => openEvent(ev.event_id) },
      el("td", { text: eventDay(ev) }),
      el("td", {}, el("span", { class: "tag", text: ev.type })),
      el("td", { text: ev.acled_sub_event_type || ev.acled_event_type || "" }),
      el("td", { text: actorLabel(ev.actor1) }),
      el("td", { text: actorLabel(ev.actor2) }),
      el("td", { text: where }),
      el("td", { class: "num", text: dead }),
      el("td", { text: ev.document_title || ev.document_id || "" }));
    if (state.activeEvent === ev.event_id) row.classList.add("active");
    body.append(row);
  }
  const first = total ? state.offset + 1 : 0;
  $("#page-info").textContent = `${first}–${state.offset + events.length} of ${total}`;
  $("#prev").disabled = state.offset === 0;
  $("#next").disabled = state.offset + events.length >= total;
  for (const th of document.querySelectorAll("#events-table th.sortable")) {
    th.classList.toggle("sorted-asc", state.sort === th.dataset.sort);
    th.classList.toggle("sorted-desc", state.sort === "-" + th.dataset.sort);
  }
}

function renderDyads(pairs) {
  const body = $("#dyads-table tbody");
  body.replaceChildren();
  if (!pairs.length) body.append(el("tr", {}, el("td", { colspan: 6, class: "empty", text: "No pairs of countries among these events." })));
  for (const p of pairs) {
    const types = Object.entries(p.by_type).sort((a, b) => b[1] - a[1]).map(([t, n]) => `${t} ${n}`).join(", ");
    body.append(el("tr", { "data-pair": p.pair, onclick: () => setPair(p.countries) },
      el("td", {}, el("strong", { text: p.pair })),
      el("td", { class: "num", text: String(p.events) }),
      el("td", { class: "num", text: String(p.fatalities) }),
      el("td", { text: p.first_date || "" }), el("td", { text: p.last_date || "" }),
      el("td", { text: types })));
  }
}

// Pairs are an aggregate over every matching event: fetched only while their tab is open.
async function loadDyads() {
  if (!state.dyadsStale) return;
  state.dyadsStale = false;
  document.body.dataset.pairs = "loading";
  try {
    const dyads = await api("/api/dyads", params({ limit: 200 }));
    renderDyads(dyads.pairs);
    await renderPairView();
  } catch (err) {
    showError(err.message);
  }
  document.body.dataset.pairs = "ready";
}

// The pair's exchange from /api/dyads/interactions (eventwire.dyads): each step's direction and
// intensity, and its role in an escalation: retaliation, diplomatic downgrade, threat, third-party appeal.
const ROLE_LABELS = {
  retaliation: "retaliation", diplomatic_downgrade: "diplomatic downgrade", threat: "threat",
  third_party_appeal: "third-party appeal",
};
const arrow = (direction) => direction.replace("->", "→");

async function renderPairView() {
  const box = $("#pair-view");
  if (!state.pair) { box.hidden = true; return; }
  const [a, b] = state.pair;
  const query = new URLSearchParams({ actors: `${a},${b}`, limit: "1" });
  if (state.filters.since) query.set("since", state.filters.since);
  if (state.filters.until) query.set("until", state.filters.until);
  let data;
  try { data = await api("/api/dyads/interactions", query.toString()); } catch (err) { showError(err.message); return; }
  const pair = (data.pairs || []).find((p) => p.pair.includes(a) && p.pair.includes(b))
    || { interactions: [], episodes: [], summary: {} };
  const steps = pair.interactions;
  const own = steps.filter((s) => !s.roles.includes("third_party_appeal"));
  const appeals = steps.length - own.length;
  const byId = Object.fromEntries(steps.map((s) => [s.event_id, s]));
  const list = $("#pair-sequence");
  list.replaceChildren();
  for (const step of steps) {
    const openId = (step.source_event_ids || [])[0] || step.event_id;
    const roles = step.roles.map((role) => el("span", { class: `role role-${role}`, text: ROLE_LABELS[role] || role }));
    const answers = step.retaliation_for && byId[step.retaliation_for]
      ? ` answers ${byId[step.retaliation_for].date} (${step.retaliation_gap_days} d)` : "";
    const sources = step.n_sources > 1 ? ` · ${step.n_sources} reports` : "";
    list.append(el("li", { "data-event-id": openId, "data-roles": step.roles.join(" "), title: step.evidence || "",
                          onclick: () => openEvent(openId) },
      `${step.date} `, el("span", { class: "dir", text: arrow(step.direction) }), ` ${step.type}`,
      step.acled_sub_event_type ? ` (${step.acled_sub_event_type})` : "",
      step.location ? ` in ${step.location}` : "",
      step.fatalities ? `, ${step.fatalities} killed` : "",
      el("span", { class: "intensity", title: "conflict (-10) to cooperation (+10)", text: ` ${step.intensity > 0 ? "+" : ""}${step.intensity}` }),
      ...roles, answers + sources));
  }
  const dirs = $("#pair-directions");
  const directions = [`${a}->${b}`, `${b}->${a}`].map((key) => [key, pair.summary[key] || { events: 0, fatalities: 0, by_type: {} }]);
  dirs.replaceChildren(...directions.map(([key, d]) => el("div", {},
    el("strong", { text: arrow(key) }), ` ${d.events} event${d.events === 1 ? "" : "s"}, ${d.fatalities} killed`,
    Object.keys(d.by_type).length ? ` · ${Object.entries(d.by_type).sort((x, y) => y[1] - x[1]).map(([t, n]) => `${t} ${n}`).join(", ")}` : "",
    d.mean_intensity !== null && d.mean_intensity !== undefined ? ` · mean intensity ${d.mean_intensity}` : "")));
  for (const episode of pair.episodes) {
    const parts = [`${episode.steps.length} steps`];
    if (episode.retaliations) parts.push(`${episode.retaliations} retaliation${episode.retaliations > 1 ? "s" : ""}`);
    if (episode.diplomatic_downgrades) parts.push(`${episode.diplomatic_downgrades} diplomatic downgrade${episode.diplomatic_downgrades > 1 ? "s" : ""}`);
    if (episode.third_party_appeals) parts.push(`${episode.third_party_appeals} appeal${episode.third_party_appeals > 1 ? "s" : ""}`);
    if (episode.fatalities) parts.push(`${episode.fatalities} killed`);
    dirs.append(el("div", { class: "episode" }, el("strong", { text: "Episode" }),
      ` ${episode.start}${episode.end !== episode.start ? " to " + episode.end : ""}: ${parts.join(", ")}`));
  }
  const range = [state.filters.since, state.filters.until].filter(Boolean).join(" to ");
  const title = $("#pair-title");
  title.textContent = `${a}–${b}: ${own.length} events${appeals ? ` + ${appeals} appeals` : ""}` +
    `${range ? " · " + range : ""}, in order`;
  title.title = data.merged ? "events merged across articles (each counted once)"
    : "each article's events as extracted: not merged across articles yet (eventwire merge)";
  box.hidden = false;
}

// ------------------------------------------------------------------ event view
function renderHighlighted(text, spans) {
  const article = $("#ev-text");
  article.replaceChildren();
  if (!text) { article.append(el("p", { class: "not-found", text: "The article text is not stored." })); return; }
  const cuts = new Set([0, text.length]);
  for (const s of spans) { cuts.add(s.start); cuts.add(s.end); }
  const points = [...cuts].sort((a, b) => a - b);
  let evidenceNode = null;
  for (let i = 0; i < points.length - 1; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const covering = spans.filter((s) => s.start <= a && s.end >= b).map((s) => s.field);
    const piece = text.slice(a, b);
    if (!covering.length) { article.append(piece); continue; }
    const fields = [...new Set(covering)];
    const mark = el("mark", { class: "hl " + fields.map((f) => "hl-" + f).join(" "), "data-fields": fields.join(" "), text: piece });
    if (!evidenceNode && fields.includes("evidence")) evidenceNode = mark;
    article.append(mark);
  }
  if (evidenceNode) evidenceNode.scrollIntoView({ block: "center" });
}

function fieldRow(dl, label, field, value, found) {
  if (!value) return;
  const dd = el("dd", {});
  if (field) dd.append(el("span", { class: `swatch sw-${field}` }));
  dd.append(value);
  if (field && found === false) dd.append(el("span", { class: "not-found", text: " (not in the text)" }));
  dl.append(el("dt", { text: label }), dd);
}

async function openEvent(eventId) {
  state.activeEvent = eventId;
  for (const row of document.querySelectorAll("#events-table tbody tr")) row.classList.toggle("active", row.dataset.eventId === eventId);
  for (const c of document.querySelectorAll("#map circle.point")) c.classList.toggle("active", c.dataset.eventId === eventId);
  let data;
  try { data = await api(`/api/events/${encodeURIComponent(eventId)}`); } catch (err) { showError(err.message); return; }
  const { event, document: doc, highlights, fields } = data;
  const has = new Set(highlights.map((h) => h.field));
  $("#ev-title").textContent = `${event.type}${event.mode ? " (" + event.mode + ")" : ""}` +
    (event.acled_sub_event_type ? ` — ${event.acled_event_type}: ${event.acled_sub_event_type}` : "");
  const dl = $("#ev-fields");
  dl.replaceChildren();
  fieldRow(dl, "Actor 1", "actor1", event.actor1 && `${actorLabel(event.actor1)} · ${event.actor1.sector || ""} — “${event.actor1.text}”`, has.has("actor1"));
  fieldRow(dl, "Actor 2", "actor2", event.actor2 && `${actorLabel(event.actor2)} · ${event.actor2.sector || ""} — “${event.actor2.text}”`, has.has("actor2"));
  const loc = event.location;
  fieldRow(dl, "Where", "location", loc && `${loc.name || loc.text}${loc.admin1 ? ", " + loc.admin1 : ""}${loc.country ? ", " + loc.country : ""}` +
    (loc.lat !== null && loc.lat !== undefined ? ` (${Number(loc.lat).toFixed(2)}, ${Number(loc.lon).toFixed(2)}; precision ${loc.geo_precision ?? "?"})` : ""), has.has("location"));
  const date = event.date;
  fieldRow(dl, "When", "date", date && `${date.value || "?"}${date.text ? " — “" + date.text + "”" : " (publication date)"}`, date && date.text ? has.has("date") : undefined);
  fieldRow(dl, "Killed", "fatalities", event.fatalities && `${event.fatalities.value} — “${event.fatalities.text}”`, has.has("fatalities"));
  fieldRow(dl, "Injured", "injured", event.injured && `${event.injured.value} — “${event.injured.text}”`, has.has("injured"));
  fieldRow(dl, "Source", "attribution", event.attribution && `${event.attribution.text}${event.attribution.role ? " (" + event.attribution.role + ")" : ""}`,
    event.attribution && event.attribution.start !== null && event.attribution.start !== undefined ? has.has("attribution") : undefined);
  fieldRow(dl, "Trigger", "trigger", event.evidence && event.evidence.trigger, undefined);
  fieldRow(dl, "Confidence", null, event.confidence !== undefined ? Number(event.confidence).toFixed(2) : "");
  const legend = $("#ev-legend");
  legend.replaceChildren(...fields.filter((f) => has.has(f.field)).map((f) => el("span", { class: `sw-${f.field}`, text: f.label })));
  $("#ev-doc-title").textContent = (doc && doc.title) || event.document_title || event.document_id || "";
  const meta = $("#ev-doc-meta");
  meta.replaceChildren(`${(doc && doc.date) || ""} · document ${event.document_id}`);
  if (doc && doc.url) { meta.append(" · "); meta.append(el("a", { href: doc.url, rel: "noreferrer", text: "original" })); }
  const others = $("#ev-others");
  others.replaceChildren(...((doc && doc.events) || []).map((o) => el("li", {
    "data-event-id": o.event_id, class: o.event_id === event.event_id ? "current" : null,
    onclick: () => openEvent(o.event_id),
  }, el("span", { class: "tag", text: o.type }), ` ${o.acled_sub_event_type || ""} — “${o.trigger || ""}”`)));
  $("#event-view").hidden = false;
  renderHighlighted(doc && doc.text, highlights);
  history.replaceState(null, "", `#event=${encodeURIComponent(eventId)}`);
}
function closeEvent() {
  $("#event-view").hidden = true;
  state.activeEvent = null;
  history.replaceState(null, "", location.pathname + location.search);
}

// ------------------------------------------------------------------ filters
function setFilter(key, value) {
  state.filters[key] = value;
  const input = $(`#filters [name="${key}"]`);
  if (input && input.value !== value) input.value = value;
}
function setPair(countries) {
  state.pair = countries;
  state.offset = 0;
  refresh();
}
function renderChips() {
  const chips = $("#chips");
  chips.replaceChildren();
  const chip = (label, clear) => el("span", { class: "chip" }, label, el("button", { type: "button", "aria-label": "remove", text: "×", onclick: () => { clear(); state.offset = 0; refresh(); } }));
  if (state.pair) chips.append(chip(`pair ${state.pair.join("–")}`, () => { state.pair = null; }));
  if (state.bbox) chips.append(chip(`area ${state.bbox.map((v) => v.toFixed(1)).join(", ")}`, () => { state.bbox = null; }));
}
function readForm() {
  const form = $("#filters");
  for (const key of FILTER_KEYS) state.filters[key] = (form.elements[key].value || "").trim();
  if (state.filters.country) state.filters.country = state.filters.country.toUpperCase();
  if (state.filters.actor_country) state.filters.actor_country = state.filters.actor_country.toUpperCase();
}
function selectTab(id) {
  for (const tab of document.querySelectorAll(".tab")) tab.classList.toggle("active", tab.dataset.tab === id);
  for (const body of document.querySelectorAll(".tab-body")) body.hidden = body.id !== id;
  if (id === "dyads-tab") loadDyads();
}

// ------------------------------------------------------------------ refresh
let generation = 0;
async function refresh() {
  const mine = ++generation;
  document.body.dataset.loading = "1";  // cleared when the newest refresh has drawn (tests wait on it)
  renderChips();
  const query = params({ limit: PAGE, offset: state.offset, sort: state.sort });
  $("#dl-geojson").href = `/api/events.geojson?${params({ limit: 100000 })}`;
  $("#dl-csv").href = `/api/events.csv?${params({ limit: 100000 })}`;
  try {
    const [page, points, stats] = await Promise.all([
      api("/api/events", query),
      api("/api/events.geojson", params({ limit: 5000 })),
      state.stats ? Promise.resolve(state.stats) : api("/api/stats"),
    ]);
    state.stats = stats;
    const timeline = await api("/api/timeline", params({ interval: "day" }, { withDates: false }));
    if (mine !== generation) return;
    state.total = page.total;
    renderTable(page.events, page.total);
    drawPoints(points.features);
    state.dyadsStale = true;
    if (!$("#dyads-tab").hidden) await loadDyads();
    state.timeline = timelineBuckets(timeline.buckets);
    drawTimeline();
    $("#summary").textContent = `${page.total} of ${stats.events} events · ${stats.documents} articles` +
      (stats.first_event_date ? ` · ${stats.first_event_date} to ${stats.last_event_date}` : "");
    const noCoords = page.total - points.features.length;
    const note = $("#map-note");
    const parts = [];
    if (state.outlines && state.outlines.available === false) parts.push(state.outlines.note);
    if (noCoords > 0 && points.features.length < 5000) parts.push(`${noCoords} matching events have no coordinates (see the table).`);
    note.textContent = parts.join(" ");
    note.hidden = !parts.length;
  } catch (err) {
    showError(err.message);
  }
  if (mine === generation && !state.pendingInput) delete document.body.dataset.loading;
}

// ------------------------------------------------------------------ start
async function start() {
  const typeSelect = $('#filters [name="type"]');
  for (const t of PLOVER) typeSelect.append(el("option", { value: t, text: t }));
  const acledSelect = $('#filters [name="acled_event_type"]');
  for (const t of ACLED) acledSelect.append(el("option", { value: t, text: t }));
  const subSelect = $('#filters [name="acled_sub_event_type"]');
  for (const t of ACLED) subSelect.append(el("optgroup", { label: t }, ...ACLED_SUBS[t].map((sub) => el("option", { value: sub, text: sub }))));

  const form = $("#filters");
  let timer = null;
  form.addEventListener("input", (evt) => {
    clearTimeout(timer);
    state.pendingInput = true;
    document.body.dataset.loading = "1";
    const delay = evt.target.tagName === "SELECT" || evt.target.type === "date" ? 0 : 350;
    timer = setTimeout(() => { state.pendingInput = false; readForm(); state.offset = 0; refresh(); }, delay);
  });
  form.addEventListener("submit", (evt) => { evt.preventDefault(); readForm(); state.offset = 0; refresh(); });
  form.addEventListener("reset", () => {
    setTimeout(() => { readForm(); state.bbox = null; state.pair = null; state.offset = 0; state.fitted = false; refresh(); }, 0);
  });
  $("#prev").addEventListener("click", () => { state.offset = Math.max(0, state.offset - PAGE); refresh(); });
  $("#next").addEventListener("click", () => { state.offset += PAGE; refresh(); });
  for (const th of document.querySelectorAll("#events-table th.sortable")) {
    th.addEventListener("click", () => {
      const key = th.dataset.sort;
      state.sort = state.sort === "-" + key ? key : "-" + key;
      state.offset = 0;
      refresh();
    });
  }
  for (const tab of document.querySelectorAll(".tab")) tab.addEventListener("click", () => selectTab(tab.dataset.tab));
  $("#ev-close").addEventListener("click", closeEvent);
  document.addEventListener("keydown", (evt) => { if (evt.key === "Escape") closeEvent(); });
  setupMapInteraction();
  setupTimelineBrush();
  window.addEventListener("resize", () => { applyView(); drawTimeline(); });

  // URL parameters preset filters: /?country=PAK&since=2024-01-01 or /?pair=IRN-PAK
  const url = new URLSearchParams(location.search);
  for (const key of FILTER_KEYS) if (url.get(key)) setFilter(key, url.get(key));
  if (url.get("pair")) {
    state.pair = url.get("pair").toUpperCase().split("-").slice(0, 2);
    selectTab("dyads-tab");
  }
  if (url.get("bbox")) state.bbox = url.get("bbox").split(",").map(Number);

  try {
    state.outlines = await api("/api/outlines");
    const list = $("#countries");
    const names = state.outlines.features.filter((f) => f.properties.iso3)
      .map((f) => [f.properties.iso3, f.properties.name]).sort((a, b) => a[1].localeCompare(b[1]));
    for (const [iso3, name] of names) list.append(el("option", { value: iso3, label: name }));
  } catch (err) {
    state.outlines = null;
  }
  drawBaseMap();
  await refresh();
  const hash = new URLSearchParams(location.hash.slice(1));
  if (hash.get("event")) openEvent(hash.get("event"));
  document.body.dataset.ready = "1";
}

start();
