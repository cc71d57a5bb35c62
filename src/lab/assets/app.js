// mlsysim lab: the levers call the JSON API (/api/solve/<Resolver>, /api/plot/roofline) and the
// outputs show its answers, formatted as the command line formats them.
"use strict";

const $ = (id) => document.getElementById(id);
const zoo = {};         // path -> entry, from /api/zoo
const shortName = {};   // path -> the name the command line takes (short when unambiguous)
let wallsOf = {};       // resolver -> [{number, name}], from /api/schema
let generation = 0;     // drops answers to superseded lever states

// ------------------------------------------------------------------ numbers as the CLI prints --
// io::human_number: "{:.6g}", except whole numbers in [1e6, 1e15) with thousands separators.
function human(x) {
  if (typeof x !== "number") return String(x);
  const a = Math.abs(x);
  if (a >= 1e6 && a < 1e15) {
    const digits = Math.round(a).toString();
    let out = x < 0 ? "-" : "";
    for (let i = 0; i < digits.length; ++i) {
      if (i > 0 && (digits.length - i) % 3 === 0) out += ",";
      out += digits[i];
    }
    return out;
  }
  return g6(x);
}

// C's "%.6g".
function g6(x) {
  if (x === 0) return Object.is(x, -0) ? "-0" : "0";
  if (!isFinite(x)) return isNaN(x) ? "nan" : (x > 0 ? "inf" : "-inf");
  const e = parseInt(x.toExponential(5).split("e")[1], 10);
  const strip = (s) => (s.includes(".") ? s.replace(/0+$/, "").replace(/\.$/, "") : s);
  if (e < -4 || e >= 6) {
    const [m, ex] = x.toExponential(5).split("e");
    const n = parseInt(ex, 10);
    return strip(m) + "e" + (n < 0 ? "-" : "+") + String(Math.abs(n)).padStart(2, "0");
  }
  return strip(x.toFixed(5 - e));
}

/// An output value as the `solve` table shows it.
function show(v) {
  if (v === null || v === undefined) return "-";
  if (typeof v === "object" && "value" in v && "unit" in v) {
    return typeof v.value === "number" ? `${human(v.value)} ${v.unit}` : `${v.value} ${v.unit}`;
  }
  if (typeof v === "number") return human(v);
  if (typeof v === "boolean") return v ? "true" : "false";
  if (typeof v === "object") return JSON.stringify(v);
  return String(v);
}
const pct = (f) => `${(f * 100).toFixed(3)} %`;
const num = (v) => (v && typeof v === "object" ? v.value : v);

// ------------------------------------------------------------------ the API -------------------
async function fetchAnswer(path, init) {
  const r = await fetch(path, init);
  const type = r.headers.get("content-type") || "";
  const data = type.includes("json") ? await r.json() : await r.text();
  return { status: r.status, data };
}

// The API is a pure function of the request, so an answer is asked for once: a lever change only
// sends the requests whose inputs it changed (a batch-size change leaves cost, carbon and the
// Pareto search alone).
const answers = new Map();
function api(path, body) {
  if (body === undefined) return fetchAnswer(path, {});
  const text = JSON.stringify(body);
  const key = `${path}\n${text}`;
  if (!answers.has(key)) {
    if (answers.size >= 500) answers.delete(answers.keys().next().value);  // oldest first
    const p = fetchAnswer(path, { method: "POST", body: text });
    p.catch(() => answers.delete(key));  // a failed fetch is asked again next time
    answers.set(key, p);
  }
  return answers.get(key);
}
const solve = (resolver, inputs) => api(`/api/solve/${resolver}`, inputs);

// ------------------------------------------------------------------ the levers ----------------
function fillPicker(select, paths, wanted) {
  const prev = select.value || wanted;
  select.innerHTML = "";
  for (const p of paths) {
    const o = document.createElement("option");
    o.value = shortName[p];
    o.textContent = `${zoo[p].name} — ${p}`;
    select.appendChild(o);
  }
  if ([...select.options].some((o) => o.value === prev)) select.value = prev;
  else if (select.options.length) select.selectedIndex = 0;
}

function wirePicker(kind, paths, wanted) {
  const select = $(kind), search = $(`${kind}-search`);
  fillPicker(select, paths, wanted);
  search.addEventListener("input", () => {
    const q = search.value.trim().toLowerCase();
    const hits = paths.filter((p) => !q || p.toLowerCase().includes(q) ||
                                     zoo[p].name.toLowerCase().includes(q));
    fillPicker(select, hits, select.value);
    changed();
  });
}

function pathOf(name) {
  for (const [p, s] of Object.entries(shortName)) if (s === name) return p;
  return name;
}

function stated(q) {
  return q && typeof q === "object" ? `${q.value} ${q.unit}` : q;
}

/// An ad-hoc object users can edit, started from a registry entry.
function customFrom(kind) {
  const e = zoo[pathOf($(kind).value)];
  if (!e) return "";
  let obj;
  if (kind === "model") {
    obj = { workload: { type: e.type, name: `${e.name} (custom)`, architecture: e.architecture } };
    for (const k of ["parameters", "layers", "hidden_dim", "heads", "kv_heads",
                     "inference_flops"]) {
      if (e[k] !== null && e[k] !== undefined) obj.workload[k] = stated(e[k]);
    }
  } else {
    obj = { hardware: { name: `${e.name} (custom)`,
                        compute: { peak_flops: stated(e.compute.peak_flops) },
                        memory: { capacity: stated(e.memory.capacity),
                                  bandwidth: stated(e.memory.bandwidth) } } };
    if (e.tdp) obj.hardware.tdp = stated(e.tdp);
    if (e.dispatch_tax) obj.hardware.dispatch_tax = stated(e.dispatch_tax);
  }
  return JSON.stringify(obj, null, 2);
}

class LeverError extends Error {}

/// The value of the model / hardware lever: a registry name or the custom object.
function entity(kind) {
  const box = $(`${kind}-json`);
  box.classList.remove("invalid");
  if ($(`${kind}-custom`).checked) {
    try {
      return { value: JSON.parse(box.value), custom: true };
    } catch (err) {
      box.classList.add("invalid");
      throw new LeverError(`custom ${kind}: not JSON (${err.message})`);
    }
  }
  return { value: $(kind).value, custom: false };
}

function intOf(id) {
  const v = $(id).value.trim();
  return v === "" ? undefined : Number(v);
}

function levers() {
  return {
    model: entity("model"),
    hardware: entity("hardware"),
    batch_size: intOf("batch_size"),
    seq_len: intOf("seq_len"),
    precision: $("precision").value,
    efficiency: intOf("efficiency"),
    fleet: $("fleet").value,
    tp_size: intOf("tp_size"),
    pp_size: intOf("pp_size"),
    dp_size: intOf("dp_size"),
    microbatch_count: intOf("microbatch_count"),
    grid: $("grid").value,
    duration_days: intOf("duration_days"),
  };
}

/// The cluster lever: the registry fleet, or (with DP) its node and fabric sized to TP x PP x DP.
function fleetOf(L) {
  if (L.dp_size === undefined) return L.fleet;
  const f = zoo[pathOf(L.fleet)];
  if (!f) return L.fleet;
  const per = f.node.accelerators_per_node || 1;
  const need = (L.tp_size || 1) * (L.pp_size || 1) * L.dp_size;
  return { fleet: { name: `${f.name} (DP ${L.dp_size})`, node: f.node.path || f.node,
                    count: Math.max(1, Math.ceil(need / per)), fabric: f.fabric.path || f.fabric } };
}

// ------------------------------------------------------------------ the command line ----------
function quote(v) {
  const s = typeof v === "string" ? v : JSON.stringify(v);
  return /^[A-Za-z0-9_.:\/+=-]+$/.test(s) ? s : `'${s.replace(/'/g, "'\\''")}'`;
}
function command(resolver, inputs) {
  let out = `mlsysim solve ${resolver}`;
  for (const [k, v] of Object.entries(inputs)) {
    if (v !== undefined) out += ` \\\n  --set ${quote(`${k}=${typeof v === "string" ? v : JSON.stringify(v)}`)}`;
  }
  return out;
}

// ------------------------------------------------------------------ rendering -----------------
function rows(table, list) {
  table.innerHTML = "";
  for (const [k, v, cls] of list) {
    const tr = table.insertRow();
    const name = tr.insertCell();
    name.textContent = k.replace(/^ +/, (m) => "\u00a0\u00a0".repeat(m.length));
    if (v === "") {  // a note spanning the row (a constraint line)
      name.colSpan = 2;
      name.className = `note${cls ? ` ${cls}` : ""}`;
      continue;
    }
    const td = tr.insertCell();
    td.className = "v" + (cls ? ` ${cls}` : "");
    td.textContent = v;
  }
}

/// The answer's outputs; or null, with its error shown in the card (greyed out until the next
/// good answer).
function outputsOf(card, errorId, answer) {
  const e = answer && answer.data && answer.data.error;
  $(errorId).textContent = e ? `${e.code}${e.field ? ` (${e.field})` : ""}: ${e.message}` : "";
  $(card).classList.toggle("stale", !!e);
  return e ? null : answer.data.outputs;
}

function renderServing(a) {
  const o = outputsOf("card-serving", "serving-error", a);
  if (!o) return;
  $("ttft").textContent = show(o.ttft);
  $("itl").textContent = show(o.itl);
  const total = num(o.total_memory_required), mu = o.memory_utilization;
  const cap = mu > 0 ? total / mu : 0;
  const w = num(o.model_weights_size), kv = num(o.kv_cache_size);
  const scale = Math.max(cap, total) || 1;
  $("bar-weights").style.width = `${(100 * w) / scale}%`;
  $("bar-kv").style.width = `${(100 * kv) / scale}%`;
  document.querySelector("#card-serving .bar").classList.toggle("over", !o.feasible);
  $("kv-text").textContent =
      `weights ${show(o.model_weights_size)} + KV cache ${show(o.kv_cache_size)} = ` +
      `${show(o.total_memory_required)} of ${cap ? human(cap) + " GB" : "-"} ` +
      `(${(mu * 100).toFixed(1)} %)${o.feasible ? "" : " — does not fit"}`;
}

function renderEngine(a) {
  const o = outputsOf("card-scorecard", "engine-error", a);
  if (!o) return;
  rows($("scorecard"), [
    ["Latency", show(o.latency)],
    ["  compute", show(o.latency_compute)],
    ["  memory", show(o.latency_memory)],
    ["  overhead", show(o.latency_overhead)],
    ["Throughput", show(o.throughput)],
    ["Bottleneck", o.bottleneck, "binds"],
    ["Arithmetic intensity", show(o.arithmetic_intensity)],
    ["Memory use", `${show(o.memory_footprint)} of ${show(o.memory_capacity)} ` +
                   `(${(o.memory_utilization * 100).toFixed(1)} %)`],
    ["Feasible", o.feasible ? "yes" : "NO (does not fit)", o.feasible ? "pass" : "fail"],
    ["MFU", pct(o.mfu)],
    ["HFU", pct(o.hfu)],
    ["Energy per step", show(o.energy)],
  ]);
}

function renderDistributed(a) {
  const o = outputsOf("card-fleet", "distributed-error", a);
  if (!o) return;
  rows($("distributed"), [
    ["Step latency", show(o.step_latency_total)],
    ["  compute (one node)", show(o.node_profile.latency)],
    ["  communication", show(o.communication_latency)],
    ["    data parallel", show(o.dp_communication_latency)],
    ["    tensor parallel", show(o.tp_communication_latency)],
    ["  pipeline bubble", show(o.pipeline_bubble_latency)],
    ["Bubble fraction", human(o.bubble_fraction)],
    ["Scaling efficiency", human(o.scaling_efficiency)],
    ["Throughput", show(o.effective_throughput)],
    ["Parallelism", show(o.parallelism)],
  ]);
}

function renderCost(econ, sust) {
  if (!outputsOf("card-cost", "cost-error", econ.data.error ? econ : sust)) return;
  const e = econ.data.outputs, s = sust.data.outputs;
  const usd = (x) => `${human(x)} USD`;
  rows($("cost"), [
    ["Region", e.region_name],
    ["CapEx (amortised)", usd(e.capex_usd)],
    ["OpEx energy", usd(e.opex_energy_usd)],
    ["OpEx maintenance", usd(e.opex_maintenance_usd)],
    ["TCO", usd(e.tco_usd)],
    ["Energy (facility)", show(e.total_energy_kwh)],
    ["PUE", human(e.pue)],
    ["Operational carbon", `${human(s.carbon_footprint_kg)} kg CO2e`],
    ["Embodied carbon", `${human(s.embodied_carbon_kg)} kg CO2e`],
    ["Water", `${human(s.water_usage_liters)} L`],
  ]);
}

/// Every wall the answered resolvers guard: binds (the Engine's bottleneck), passed or FAILED,
/// with the resolvers' own constraint lines.
function renderWalls(answers) {
  const list = [];
  for (const [resolver, a] of answers) {
    if (!a || !a.data || !a.data.outputs) continue;
    const o = a.data.outputs;
    const feasible = o.feasible !== undefined ? o.feasible
        : o.node_profile ? o.node_profile.feasible : true;
    for (const w of wallsOf[resolver] || []) {
      let status = feasible ? "passed" : "FAILED", cls = feasible ? "pass" : "fail";
      if (resolver === "Engine" && (w.name === "Compute" || w.name === "Memory")) {
        if (o.bottleneck === w.name) { status = "binds (bottleneck)"; cls = "binds"; }
        else if (w.name === "Compute") { status = "slack"; cls = "pass"; }
      }
      if (resolver === "DistributedModel" && w.name === "Communication") {
        const share = num(o.communication_latency) / num(o.step_latency_total);
        status = `${(share * 100).toFixed(1)} % of the step`;
        cls = share > 0.5 ? "binds" : "pass";
      }
      list.push([`Wall ${w.number} ${w.name} · ${resolver}`, status, cls]);
    }
    for (const line of o.constraint_trace || []) {
      list.push([line, "", /FAIL|exceed/i.test(line) ? "fail" : ""]);
    }
  }
  rows($("walls"), list);
}

async function roofline(L) {
  if (L.model.custom || L.hardware.custom) return null;
  return api("/api/plot/roofline", {
    hardware: L.hardware.value, workloads: [L.model.value], precision: L.precision,
    batch_size: L.batch_size || 1, seq_len: L.seq_len || 2048, efficiency: L.efficiency,
  });
}

/// An SVG picture from /api/plot, or why there is none.
function renderPicture(id, a, note) {
  if (a === null) $(id).textContent = note;
  else if (a.status === 200) $(id).innerHTML = a.data;
  else $(id).textContent = a.data.error ? a.data.error.message : `HTTP ${a.status}`;
}

const PARETO_OBJECTIVES = {
  latency: "minimize: latency", energy: "minimize: energy",
  throughput: "maximize: throughput", mfu: "maximize: mfu",
};

// ------------------------------------------------------------------ one update ----------------
async function update() {
  const mine = ++generation;
  const t0 = performance.now();
  let L;
  try {
    L = levers();
  } catch (err) {
    if (!(err instanceof LeverError)) throw err;
    $("status").textContent = err.message;
    $("status").classList.add("error");
    return;
  }
  $("status").classList.remove("error");
  const node = { model: L.model.value, hardware: L.hardware.value, seq_len: L.seq_len,
                 batch_size: L.batch_size, precision: L.precision, efficiency: L.efficiency };
  const engine = { model: L.model.value, hardware: L.hardware.value, batch_size: L.batch_size,
                   precision: L.precision, efficiency: L.efficiency, seq_len: L.seq_len };
  const fleet = fleetOf(L);
  const dist = { model: L.model.value, fleet, batch_size: L.batch_size, precision: L.precision,
                 efficiency: L.efficiency, tp_size: L.tp_size, pp_size: L.pp_size,
                 microbatch_count: L.microbatch_count, seq_len: L.seq_len };
  const econ = { fleet, duration_days: L.duration_days, grid: L.grid };
  const sust = { fleet, duration_days: L.duration_days,
                 datacenter: { datacenter: { name: `lab (${L.grid})`, grid: L.grid } } };
  const dse = {
    space: { batch_size: [1, 2, 4, 8, 16, 32, 64, 128, 256], precision: ["fp16", "fp8", "int8"] },
    objective: [PARETO_OBJECTIVES[$("pareto-x").value], PARETO_OBJECTIVES[$("pareto-y").value]],
    evaluator: { resolver: "Engine", fixed: { model: L.model.value, hardware: L.hardware.value,
                                              efficiency: L.efficiency, seq_len: L.seq_len } },
    top: 27,
  };
  $("command").textContent = command("ServingModel", node);
  saveHash(L);
  try {
    const [s, e, d, ec, su, p, r] = await Promise.all([
      solve("ServingModel", node), solve("Engine", engine), solve("DistributedModel", dist),
      solve("EconomicsModel", econ), solve("SustainabilityModel", sust),
      api("/api/plot/pareto", { spec: JSON.stringify(dse) }), roofline(L),
    ]);
    if (mine !== generation) return;
    renderPicture("roofline", r, "The roofline picture takes registry names; pick a model and a " +
                                 "device from the zoo.");
    renderPicture("pareto", p, "");
    renderServing(s);
    renderEngine(e);
    renderDistributed(d);
    renderCost(ec, su);
    renderWalls([["Engine", e], ["ServingModel", s], ["DistributedModel", d],
                 ["EconomicsModel", ec], ["SustainabilityModel", su]]);
    const ms = performance.now() - t0;
    $("timing").textContent = `updated in ${ms.toFixed(1)} ms`;
    document.body.dataset.updated = String(mine);
    document.body.dataset.updateMs = ms.toFixed(1);
    $("status").textContent = "";
  } catch (err) {
    $("status").textContent = `the lab server does not answer (${err})`;
    $("status").classList.add("error");
  }
}

let timer = 0;
function changed() {
  clearTimeout(timer);
  timer = setTimeout(update, 20);
}

// ------------------------------------------------------------------ the view in the URL -------
const HASH_KEYS = ["model", "hardware", "batch_size", "seq_len", "precision", "efficiency", "fleet",
                   "tp_size", "pp_size", "dp_size", "microbatch_count", "grid", "duration_days"];
function saveHash(L) {
  const q = new URLSearchParams();
  for (const k of HASH_KEYS) {
    const v = L[k] && typeof L[k] === "object" ? (L[k].custom ? undefined : L[k].value) : L[k];
    if (v !== undefined && v !== "") q.set(k, v);
  }
  const link = `#${q.toString()}`;
  $("cmd-link").href = link;
  history.replaceState(null, "", link);
}
function loadHash() {
  const q = new URLSearchParams(location.hash.slice(1));
  for (const k of HASH_KEYS) if (q.has(k) && $(k)) $(k).value = q.get(k);
}

// ------------------------------------------------------------------ start ---------------------
/// The model and hardware pickers: a search box, the zoo list, and a custom JSON object.
function buildPickers() {
  for (const box of document.querySelectorAll(".picker")) {
    const { kind, label, what } = box.dataset;
    const one = what === "models" ? "model" : "device";
    box.innerHTML = `
      <label>${label}
        <input type="search" id="${kind}-search" placeholder="search ${what}…" autocomplete="off">
        <select id="${kind}" size="6"></select>
      </label>
      <details>
        <summary>Custom ${one} (JSON)</summary>
        <textarea id="${kind}-json" rows="7" spellcheck="false"></textarea>
        <div class="row"><button type="button" id="${kind}-from-zoo">Start from the selected ${one}</button>
          <label class="inline"><input type="checkbox" id="${kind}-custom"> use it</label></div>
      </details>`;
  }
}

async function start() {
  buildPickers();
  const [z, schema] = await Promise.all([api("/api/zoo"), api("/api/schema")]);
  Object.assign(zoo, z.data);
  const count = {};
  for (const p of Object.keys(zoo)) {
    const s = p.split(".").pop();
    count[s] = (count[s] || 0) + 1;
  }
  for (const p of Object.keys(zoo)) {
    const s = p.split(".").pop();
    shortName[p] = count[s] === 1 ? s : p;
  }
  wallsOf = Object.fromEntries(schema.data.map((r) => [r.resolver, r.walls]));
  const of = (pred) => Object.keys(zoo).filter((p) => pred(zoo[p].type));
  const models = of((t) => t.endsWith("Workload") && t.includes("Transformer"));
  const hardware = of((t) => t === "HardwareNode");
  const q = new URLSearchParams(location.hash.slice(1));
  wirePicker("model", models, q.get("model") || "Llama3_8B");
  wirePicker("hardware", hardware, q.get("hardware") || "H100");
  for (const [id, type, wanted] of [["fleet", "Fleet", "Research_256"], ["grid", "GridProfile", "US_Avg"]]) {
    const sel = $(id);
    for (const p of of((t) => t === type)) {
      const o = document.createElement("option");
      o.value = shortName[p];
      o.textContent = zoo[p].name;
      sel.appendChild(o);
    }
    sel.value = wanted;
  }
  loadHash();
  for (const kind of ["model", "hardware"]) {
    $(`${kind}-from-zoo`).addEventListener("click", () => {
      $(`${kind}-json`).value = customFrom(kind);
      $(`${kind}-custom`).checked = true;
      changed();
    });
    $(`${kind}-json`).addEventListener("input", () => { if ($(`${kind}-custom`).checked) changed(); });
    $(`${kind}-custom`).addEventListener("change", changed);
  }
  for (const el of document.querySelectorAll(".levers input, .levers select, #pareto-x, #pareto-y")) {
    if (el.type === "search" || el.type === "checkbox") continue;
    el.addEventListener("input", changed);
    el.addEventListener("change", changed);
  }
  for (const tab of document.querySelectorAll(".tab")) {
    tab.addEventListener("click", () => {
      for (const t of document.querySelectorAll(".tab")) t.classList.toggle("active", t === tab);
      for (const p of document.querySelectorAll(".pane")) {
        p.classList.toggle("active", p.id === `pane-${tab.dataset.tab}`);
      }
    });
  }
  $("status").textContent = "";
  update();
}

start().catch((err) => {
  $("status").textContent = `cannot load the zoo: ${err}`;
  $("status").classList.add("error");
});
