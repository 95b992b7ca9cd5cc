// demarche dashboard: a small single-page app over the read-only JSON API.
// Every piece of article text is inserted with textContent, never as HTML.
"use strict";

const QUADS = [
  ["verbal_cooperation", "Verbal cooperation", "q1"],
  ["material_cooperation", "Material cooperation", "q2"],
  ["verbal_conflict", "Verbal conflict", "q3"],
  ["material_conflict", "Material conflict", "q4"],
];
const SVG_NS = "http://www.w3.org/2000/svg";

// --- small DOM helpers -------------------------------------------------------

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined) continue;
    if (k === "class") node.className = v;
    else if (k === "onclick" || k === "onsubmit") node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

function svg(tag, attrs, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
  for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return node;
}

function link(href, text) {
  return el("a", { href }, text);
}

async function api(path, params) {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) if (v !== "" && v !== null && v !== undefined) query.set(k, v);
  const qs = query.toString();
  const res = await fetch(path + (qs ? "?" + qs : ""));
  const body = await res.json();
  if (!res.ok) throw new Error(body.error || res.statusText);
  return body;
}

function view(...children) {
  const main = document.getElementById("view");
  main.replaceChildren(...children);
}

function fail(err) {
  view(el("p", { class: "error" }, "Could not load: " + err.message));
}

function quoteCard(q) {
  const who = q.speaker || q.speaker_text;
  return el("blockquote", { class: "quote" },
    el("div", {}, q.text),
    el("div", { class: "who" },
      who ? el("b", {}, who) : el("span", { class: "muted" }, "unattributed"),
      q.speaker_code ? [" · ", link("#/actor/" + encodeURIComponent(q.speaker_code), q.speaker_code)] : null,
      q.day ? " · " + q.day : null, " · ",
      link("#/doc/" + encodeURIComponent(q.doc_id), q.origin)));
}

function quadPill(q) {
  const quad = QUADS[q - 1];
  return el("span", { class: "pill " + (quad ? quad[2] : ""), title: quad ? quad[1] : "" }, "Q" + q);
}

function eventsTable(items) {
  if (!items.length) return el("p", { class: "muted" }, "No events.");
  return el("table", {},
    el("thead", {}, el("tr", {}, ["Day", "Source", "CAMEO", "Target", "Mode", "Trigger", "Document"].map((h) => el("th", {}, h)))),
    el("tbody", {}, items.map((e) => el("tr", {},
      el("td", {}, e.day || ""),
      el("td", {}, e.source_code ? link("#/actor/" + encodeURIComponent(e.source_code), e.source_code) : "", " ", el("span", { class: "muted" }, e.source_text || "")),
      el("td", {}, quadPill(e.quad_class), " ", el("span", { class: "code" }, e.cameo), " ", el("span", { class: "muted" }, e.plover)),
      el("td", {}, e.target_code ? link("#/actor/" + encodeURIComponent(e.target_code), e.target_code) : "", " ", el("span", { class: "muted" }, e.target_text || "")),
      el("td", {}, e.mode),
      el("td", {}, e.trigger),
      el("td", {}, link("#/doc/" + encodeURIComponent(e.doc_id), e.origin))))));
}

// --- the dyad chart ------------------------------------------------------------

function timelineChart(points, onPick) {
  const W = 1100, H = 340, left = 48, right = 48, top = 16, bottom = 48;
  const plotW = W - left - right, plotH = H - top - bottom;
  const chart = svg("svg", { class: "chart", viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "Events per period by quad class, with the Goldstein mean" });
  const max = Math.max(1, ...points.map((p) => p.events));
  const slot = plotW / Math.max(points.length, 1);
  const barW = Math.max(4, Math.min(48, slot * 0.7));
  // Axes and grid.
  for (let i = 0; i <= 4; i++) {
    const y = top + plotH - (plotH * i) / 4;
    chart.append(svg("line", { x1: left, x2: W - right, y1: y, y2: y, stroke: "#e6e9ef" }));
    chart.append(svg("text", { x: left - 6, y: y + 4, "text-anchor": "end", "font-size": 11, fill: "#6b7385" }, Math.round((max * i) / 4)));
    chart.append(svg("text", { x: W - right + 6, y: y + 4, "font-size": 11, fill: "#6b7385" }, (-10 + 5 * i).toString()));
  }
  chart.append(svg("text", { x: 4, y: top + 8, "font-size": 11, fill: "#6b7385" }, "events"));
  chart.append(svg("text", { x: W - right + 2, y: top - 4, "font-size": 11, fill: "#6b7385" }, "Goldstein"));
  const colours = { q1: "#2e7d32", q2: "#81c784", q3: "#ef8a3c", q4: "#c62828" };
  const line = [];
  points.forEach((p, i) => {
    const x = left + slot * i + (slot - barW) / 2;
    let y = top + plotH;
    const group = svg("g", { class: "bar", "data-period": p.period });
    for (const [key, name, cls] of QUADS) {
      const h = (plotH * (p[key] || 0)) / max;
      if (h <= 0) continue;
      y -= h;
      group.append(svg("rect", { x, y, width: barW, height: h, fill: colours[cls] }, svg("title", {}, `${p.period}: ${p[key]} ${name.toLowerCase()}`)));
    }
    group.addEventListener("click", () => onPick(p));
    chart.append(group);
    chart.append(svg("text", { x: x + barW / 2, y: H - bottom + 16, "text-anchor": "middle", "font-size": 11, fill: "#6b7385" }, p.period));
    const gy = top + plotH - ((p.goldstein_mean + 10) / 20) * plotH;
    line.push([x + barW / 2, gy]);
  });
  if (line.length) {
    chart.append(svg("polyline", { points: line.map((xy) => xy.join(",")).join(" "), fill: "none", stroke: "#1f5fbf", "stroke-width": 2 }));
    for (const [x, y] of line) chart.append(svg("circle", { cx: x, cy: y, r: 3.5, fill: "#1f5fbf" }));
  }
  return chart;
}

function legend() {
  return el("div", { class: "legend" },
    QUADS.map(([, name, cls]) => el("span", {}, el("i", { class: cls }), name)),
    el("span", {}, el("i", { class: "gs" }), "Goldstein mean"));
}

/// The first and last day of a period label ("2025-06" or "2025-W25").
function periodRange(period) {
  const week = /^(\d{4})-W(\d{2})$/.exec(period);
  if (week) {
    const year = +week[1], n = +week[2];
    const jan4 = new Date(Date.UTC(year, 0, 4));
    const monday = new Date(jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * 864e5 + (n - 1) * 7 * 864e5);
    const sunday = new Date(monday.getTime() + 6 * 864e5);
    return [monday.toISOString().slice(0, 10), sunday.toISOString().slice(0, 10)];
  }
  const month = /^(\d{4})-(\d{2})$/.exec(period);
  if (month) {
    const last = new Date(Date.UTC(+month[1], +month[2], 0)).getUTCDate();
    return [`${period}-01`, `${period}-${String(last).padStart(2, "0")}`];
  }
  return [period, period];
}

// --- pages -----------------------------------------------------------------------

async function overview() {
  const [stats, quotes, events] = await Promise.all([
    api("/api/stats"), api("/api/quotes", { limit: 40 }), api("/api/events", { limit: 500 }),
  ]);
  const dyads = new Map();
  for (const e of events.items) {
    if (!e.source_code || !e.target_code) continue;
    const key = e.source_code.slice(0, 3) + "→" + e.target_code.slice(0, 3);
    const d = dyads.get(key) || { source: e.source_code.slice(0, 3), target: e.target_code.slice(0, 3), n: 0, g: 0 };
    d.n += 1; d.g += e.goldstein;
    dyads.set(key, d);
  }
  const top = [...dyads.values()].sort((a, b) => b.n - a.n).slice(0, 10);
  const busiest = top[0];
  const busiestPoints = busiest ? await api("/api/timeline", { source: busiest.source, target: busiest.target, by: "month" }) : [];
  const counts = [["documents", stats.documents], ["duplicates", stats.duplicates], ["quotes", stats.quotes], ["events", stats.events], ["actors", stats.actors]];
  view(
    el("h1", {}, "Overview"),
    el("div", { class: "counts", id: "counts" }, counts.map(([k, v]) => el("div", { class: "count" }, el("b", {}, v), el("span", {}, k)))),
    el("div", { class: "grid" },
      el("section", { class: "card", id: "latest-quotes" }, el("h2", {}, "Latest quotes"),
        quotes.items.length ? quotes.items.map(quoteCard) : el("p", { class: "muted" }, "No quotes yet.")),
      el("section", { class: "card", id: "dyads" }, el("h2", {}, "Most active dyads"),
        top.length ? el("table", {},
          el("thead", {}, el("tr", {}, el("th", {}, "Source → target"), el("th", {}, "Events"), el("th", {}, "Goldstein mean"))),
          el("tbody", {}, top.map((d) => el("tr", {},
            el("td", {}, link(`#/dyad?source=${encodeURIComponent(d.source)}&target=${encodeURIComponent(d.target)}`, `${d.source} → ${d.target}`)),
            el("td", {}, d.n), el("td", {}, (d.g / d.n).toFixed(1)))))) : el("p", { class: "muted" }, "No events between two actors yet."))),
    busiest ? el("section", { class: "card", id: "timeline" },
      el("h2", {}, `Busiest dyad: ${busiest.source} → ${busiest.target}, per month`), legend(),
      timelineChart(busiestPoints, () => { location.hash = `#/dyad?source=${encodeURIComponent(busiest.source)}&target=${encodeURIComponent(busiest.target)}`; })) : null);
}

async function dyadPage(params) {
  const source = params.get("source") || "RUS";
  const target = params.get("target") || "USA";
  const by = params.get("by") || "month";
  const form = el("form", { class: "filters", onsubmit: (ev) => {
    ev.preventDefault();
    const f = new FormData(ev.target);
    location.hash = "#/dyad?" + new URLSearchParams({ source: f.get("source"), target: f.get("target"), by: f.get("by") });
  } },
  el("label", {}, "Source", el("input", { name: "source", value: source, size: 8 })),
  el("label", {}, "Target", el("input", { name: "target", value: target, size: 8 })),
  el("label", {}, "Per", el("select", { name: "by" },
    el("option", { value: "month", selected: by === "month" ? "" : null }, "month"),
    el("option", { value: "week", selected: by === "week" ? "" : null }, "week"))),
  el("button", { type: "submit" }, "Show"));
  const detail = el("section", { class: "card", id: "period-events" }, el("p", { class: "muted" }, "Click a bar to list the events of that period."));
  const points = await api("/api/timeline", { source, target, by });
  const pick = async (p) => {
    const [since, until] = periodRange(p.period);
    const evs = await api("/api/events", { source, target, since, until, limit: 200 });
    detail.replaceChildren(el("h2", {}, `${source} → ${target}, ${p.period}`), eventsTable(evs.items));
  };
  view(el("h1", {}, `Dyad timeline: ${source} → ${target}`), form,
    el("section", { class: "card", id: "timeline" }, legend(),
      points.length ? timelineChart(points, pick) : el("p", { class: "muted" }, "No events for this pair.")),
    detail);
  if (points.length) pick(points[points.length - 1]);
}

async function quotesPage(params) {
  const filters = { speaker: params.get("speaker") || "", actor: params.get("actor") || "", search: params.get("search") || "", since: params.get("since") || "", until: params.get("until") || "" };
  const form = el("form", { class: "filters", onsubmit: (ev) => {
    ev.preventDefault();
    const f = new FormData(ev.target);
    const q = new URLSearchParams();
    for (const [k, v] of f.entries()) if (v) q.set(k, v);
    location.hash = "#/quotes?" + q;
  } },
  ...Object.entries(filters).map(([k, v]) => el("label", {}, k, el("input", { name: k, value: v, type: k === "since" || k === "until" ? "date" : "text" }))),
  el("button", { type: "submit" }, "Filter"));
  const res = await api("/api/quotes", { ...filters, limit: 100 });
  view(el("h1", {}, "Quotes"), form, el("section", { class: "card", id: "quote-list" },
    res.items.length ? res.items.map(quoteCard) : el("p", { class: "muted" }, "No quotes match.")));
}

async function actorsPage(params) {
  const search = params.get("search") || "";
  const res = await api("/api/actors", { search, limit: 200 });
  const form = el("form", { class: "filters", onsubmit: (ev) => {
    ev.preventDefault();
    location.hash = "#/actors?" + new URLSearchParams({ search: new FormData(ev.target).get("search") });
  } }, el("label", {}, "Name or code", el("input", { name: "search", value: search })), el("button", { type: "submit" }, "Find"));
  view(el("h1", {}, "Actors"), form, el("section", { class: "card" }, el("table", {},
    el("thead", {}, el("tr", {}, ["Name", "Code", "Country", "Sector", "Mentions", "Documents"].map((h) => el("th", {}, h)))),
    el("tbody", {}, res.items.map((a) => el("tr", {},
      el("td", {}, a.code ? link("#/actor/" + encodeURIComponent(a.code), a.name) : a.name),
      el("td", { class: "code" }, a.code || ""), el("td", {}, a.country || ""), el("td", {}, a.sector || ""),
      el("td", {}, a.mentions), el("td", {}, a.documents)))))));
}

async function actorPage(code) {
  const [said, did, received] = await Promise.all([
    api("/api/quotes", { actor: code, limit: 50 }),
    api("/api/events", { source: code, limit: 100 }),
    api("/api/events", { target: code, limit: 100 }),
  ]);
  const towards = new Map();
  for (const e of did.items) if (e.target_code) towards.set(e.target_code.slice(0, 3), (towards.get(e.target_code.slice(0, 3)) || 0) + 1);
  view(el("h1", {}, "Actor ", el("span", { class: "code" }, code)),
    el("div", { class: "grid" },
      el("section", { class: "card" }, el("h2", {}, "What they said"), said.items.length ? said.items.map(quoteCard) : el("p", { class: "muted" }, "No quotes.")),
      el("section", { class: "card" }, el("h2", {}, "Towards whom"),
        towards.size ? el("ul", {}, [...towards.entries()].sort((a, b) => b[1] - a[1]).map(([t, n]) =>
          el("li", {}, link(`#/dyad?source=${encodeURIComponent(code)}&target=${encodeURIComponent(t)}`, `${code} → ${t}`), ` (${n})`))) : el("p", { class: "muted" }, "No targets."))),
    el("section", { class: "card" }, el("h2", {}, "What they did"), eventsTable(did.items)),
    el("section", { class: "card" }, el("h2", {}, "What was done to them"), eventsTable(received.items)));
}

/// Renders `text` with the spans of every layer highlighted; spans are in code points.
function highlighted(record) {
  const chars = Array.from(record.text);
  const marks = [];
  const add = (span, cls, title) => { if (span && span[1] > span[0]) marks.push({ s: span[0], e: span[1], cls, title }); };
  for (const en of record.entities) add(en.span, "hl-entity", en.actor && en.actor.code ? `${en.actor.name} (${en.actor.code})` : en.kind);
  for (const d of record.dates) add(d.span, "hl-date", d.value || "unresolved date");
  for (const q of record.quotes) {
    add(q.span, "hl-quote", q.speaker ? `quote by ${q.speaker.name || q.speaker.text}` : "unattributed quote");
    if (q.speaker) add(q.speaker.span, "hl-speaker", "speaker");
  }
  for (const ev of record.events) add(ev.trigger.span, "hl-trigger", `${ev.cameo} ${ev.plover} (${ev.mode})`);
  const cuts = new Set([0, chars.length]);
  for (const m of marks) { cuts.add(m.s); cuts.add(m.e); }
  const points = [...cuts].sort((a, b) => a - b);
  const box = el("div", { class: "doc-text", id: "doc-text" });
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const piece = chars.slice(a, b).join("");
    const covering = marks.filter((m) => m.s <= a && b <= m.e);
    if (!covering.length) { box.append(document.createTextNode(piece)); continue; }
    box.append(el("span", { class: covering.map((m) => m.cls).join(" "), title: covering.map((m) => m.title).join(" · ") }, piece));
  }
  return box;
}

async function documentPage(id) {
  const rec = await api("/api/documents/" + encodeURIComponent(id));
  const chars = Array.from(rec.text);
  const evidence = (span) => chars.slice(span[0], span[1]).join("");
  view(el("h1", {}, rec.title || rec.origin),
    el("p", { class: "muted" }, rec.origin, rec.published ? " · published " + rec.published : "", rec.duplicate_of ? " · duplicate of " + rec.duplicate_of : ""),
    el("div", { class: "legend" }, el("span", { class: "doc-text-legend" }, "Highlighted: "),
      el("span", { class: "hl-quote" }, "quotes"), el("span", {}, " · speakers underlined · "),
      el("span", {}, "event triggers, actors (dotted), dates")),
    highlighted(rec),
    el("section", { class: "card" }, el("h2", {}, "Events and their evidence"),
      rec.events.length ? el("table", {}, el("tbody", {}, rec.events.map((e) => el("tr", {},
        el("td", {}, quadPill(e.quad_class), " ", el("span", { class: "code" }, e.cameo), " ", e.plover),
        el("td", {}, (e.source && (e.source.code || e.source.text)) || "?", " → ", (e.target && (e.target.code || e.target.text)) || "–"),
        el("td", {}, e.mode, e.date ? " · " + e.date : ""),
        el("td", {}, evidence(e.evidence)))))) : el("p", { class: "muted" }, "No events.")));
}

async function searchPage(params) {
  const q = params.get("q") || "";
  const res = q ? await api("/api/search", { q, limit: 50 }) : { items: [] };
  view(el("h1", {}, "Search: ", q), el("section", { class: "card" }, res.items.length ? el("ul", {}, res.items.map((h) =>
    el("li", {}, el("b", {}, h.kind), " · ", link("#/doc/" + encodeURIComponent(h.doc_id), h.title || h.origin), h.speaker ? " · " + h.speaker : "",
      el("div", { class: "muted" }, h.snippet)))) : el("p", { class: "muted" }, "No hits.")));
}

// --- routing -----------------------------------------------------------------------

async function route() {
  const hash = location.hash.replace(/^#\/?/, "");
  const [path, query] = hash.split("?");
  const params = new URLSearchParams(query || "");
  const [page, arg] = path.split("/");
  try {
    if (page === "dyad") await dyadPage(params);
    else if (page === "quotes") await quotesPage(params);
    else if (page === "actors") await actorsPage(params);
    else if (page === "actor" && arg) await actorPage(decodeURIComponent(arg));
    else if (page === "doc" && arg) await documentPage(decodeURIComponent(arg));
    else if (page === "search") await searchPage(params);
    else await overview();
    document.body.dataset.ready = page || "overview";
  } catch (err) {
    fail(err);
    document.body.dataset.ready = "error";
  }
}

window.addEventListener("hashchange", route);
document.addEventListener("DOMContentLoaded", () => {
  document.getElementById("search-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    location.hash = "#/search?" + new URLSearchParams({ q: document.getElementById("search-box").value });
  });
  route();
});
