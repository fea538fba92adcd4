// avesim animation: plays DATA (one reel per setup) on one clock. Embedded by
// src/output/animate/mod.rs; DATA, T and START are defined before this script.
const errors = [];
window.addEventListener('error', (e) => errors.push(String(e.message)));
// A wide stage, or a tall one on a narrow screen (a phone), so that text stays readable.
const NARROW = (document.getElementById('stages').clientWidth || 1000) < 600;
const W = NARROW ? 400 : 660, H = NARROW ? 700 : 450;
const PHASE = {2: '#2ca02c', 3: '#ff7f0e', 4: '#d62728'};
const GONE = 0, WIJK_WAIT = 1, WIJK = 2, VHH_WAIT = 3, VHH = 4, ADV_WAIT = 5, ADV = 6, AVE4 = 7, ZSM = 8;
const MONTHS = T.months.split(' ');
const startMs = Date.parse(START + 'T00:00:00Z');
const DOT = 4, GAP = 5;

function grid(teams, x, y, w, h) {
  const cols = 3, rows = Math.ceil(teams / cols);
  const tw = (w - 8 * (cols - 1)) / cols, th = (h - 8 * (rows - 1)) / rows;
  const out = [];
  for (let k = 0; k < teams; k++) {
    const c = k % cols, r = Math.floor(k / cols);
    out.push({x: x + c * (tw + 8), y: y + r * (th + 8), w: tw, h: th});
  }
  return out;
}

function layout(teams) {
  if (NARROW) {
    return {
      heads: [[T.wijk, 6, 16], ['Veiligheidshuis', 6, 372]],
      team: grid(teams, 6, 26, 388, 326),
      [VHH_WAIT]: {x: 6, y: 398, w: 190, h: 66, title: T.vhhWait},
      [AVE4]: {x: 204, y: 398, w: 190, h: 66, title: T.ave4},
      [VHH]: {x: 6, y: 486, w: 190, h: 120, title: T.vhh},
      [ADV_WAIT]: {x: 204, y: 486, w: 190, h: 120, title: T.advice},
      [ZSM]: {x: 6, y: 628, w: 388, h: 66, title: T.zsm},
    };
  }
  return {
    heads: [[T.wijk, 6, 16], ['Veiligheidshuis', 352, 16]],
    team: grid(teams, 6, 26, 330, 418),
    [VHH_WAIT]: {x: 352, y: 44, w: 150, h: 80, title: T.vhhWait},
    [VHH]: {x: 352, y: 150, w: 150, h: 170, title: T.vhh},
    [ADV_WAIT]: {x: 352, y: 346, w: 150, h: 98, title: T.advice},
    [AVE4]: {x: 514, y: 44, w: 140, h: 80, title: T.ave4},
    [ZSM]: {x: 514, y: 150, w: 140, h: 294, title: T.zsm},
  };
}

// `text` cut to fit `room` pixels.
function fit(ctx, text, room) {
  if (ctx.measureText(text).width <= room) return text;
  while (text.length > 1 && ctx.measureText(text + '…').width > room) text = text.slice(0, -1);
  return text + '…';
}

function Reel(d, canvas, counts) {
  this.d = d;
  this.canvas = canvas;
  this.counts = counts;
  this.ctx = canvas.getContext('2d');
  this.boxes = layout(d.teams);
  let n = 0;
  for (let i = 1; i < d.start.length; i += 5) n = Math.max(n, d.start[i] + 1);
  for (let i = 1; i < d.steps.length; i += 5) n = Math.max(n, d.steps[i] + 1);
  this.n = n;
  // Visits to ZSM last hours: each stays in view for a day from its start.
  this.visits = [];
  this.asks = [];
  for (let i = 0; i < d.steps.length; i += 5) {
    if (d.steps[i + 2] === ZSM) this.visits.push(d.steps[i], d.steps[i + 1]);
    if (d.steps[i + 2] === ADV_WAIT) this.asks.push(d.steps[i]);
  }
  this.x = new Float32Array(n);
  this.y = new Float32Array(n);
  this.reset();
}

Reel.prototype.key = function (place, team) {
  return place === WIJK_WAIT || place === WIJK ? place * 1000 + team : place === ADV ? ADV_WAIT : place;
};

Reel.prototype.reset = function () {
  this.place = new Uint8Array(this.n);
  this.phase = new Uint8Array(this.n);
  this.team = new Uint16Array(this.n);
  this.x.fill(NaN);
  this.y.fill(NaN);
  this.lists = new Map();
  this.step = 0;
  this.crisis = 0;
  this.ups = 0;
  this.zsm = 0;
  this.visit = 0;
  this.ask = 0;
  this.minute = -1;
  const s = this.d.start;
  for (let i = 0; i < s.length; i += 5) this.apply(s[i + 1], s[i + 2], s[i + 3], s[i + 4]);
};

// A family in AVE 3 or 4 whose wijkteam keeps casusregie (a local agreement) also shows,
// faintly, at its team.
const KEPT = new Set([VHH_WAIT, VHH, AVE4]);
Reel.prototype.keptKey = function (place, team) {
  return KEPT.has(place) && team < this.d.teams ? 9000 + team : -1;
};

Reel.prototype.drop = function (key, id) {
  const list = this.lists.get(key);
  const at = list ? list.indexOf(id) : -1;
  if (at >= 0) list.splice(at, 1);
};

Reel.prototype.add = function (key, id) {
  let list = this.lists.get(key);
  if (!list) { list = []; this.lists.set(key, list); }
  list.push(id);
};

Reel.prototype.apply = function (id, place, phase, team) {
  const old = this.place[id];
  if (old !== GONE) {
    this.drop(this.key(old, this.team[id]), id);
    const k = this.keptKey(old, this.team[id]);
    if (k >= 0) this.drop(k, id);
  }
  this.place[id] = place;
  this.phase[id] = phase;
  this.team[id] = team;
  if (place !== GONE) {
    this.add(this.key(place, team), id);
    const k = this.keptKey(place, team);
    if (k >= 0) this.add(k, id);
  }
};

// Play the steps up to `minute` (rewinding first if it lies behind).
Reel.prototype.seek = function (minute) {
  if (minute < this.minute) this.reset();
  const s = this.d.steps;
  while (this.step < s.length && s[this.step * 5] <= minute) {
    const i = this.step * 5;
    this.apply(s[i + 1], s[i + 2], s[i + 3], s[i + 4]);
    this.step++;
  }
  while (this.crisis * 2 < this.d.crises.length && this.d.crises[this.crisis * 2] <= minute) this.crisis++;
  while (this.ups * 2 < this.d.ups.length && this.d.ups[this.ups * 2] <= minute) this.ups++;
  while (this.visit * 2 < this.visits.length && this.visits[this.visit * 2] <= minute) this.visit++;
  while (this.ask < this.asks.length && this.asks[this.ask] <= minute) this.ask++;
  while ((this.zsm + 1) * 3 < this.d.zsm.length && this.d.zsm[(this.zsm + 1) * 3] <= minute) this.zsm++;
  this.minute = minute;
};

// Slots of a list in a box, row by row; returns how many did not fit.
function place(reel, list, box, top, fill, ease) {
  if (!list) return 0;
  const cols = Math.max(1, Math.floor((box.w - 6) / GAP));
  const rows = Math.max(1, Math.floor((box.h - top - 4) / GAP));
  const room = cols * rows;
  for (let k = 0; k < list.length; k++) {
    const id = list[k];
    const s = Math.min(k, room - 1);
    const tx = box.x + 4 + (s % cols) * GAP, ty = box.y + top + Math.floor(s / cols) * GAP;
    if (Number.isNaN(reel.x[id])) { reel.x[id] = tx; reel.y[id] = ty; }
    else { reel.x[id] += (tx - reel.x[id]) * ease; reel.y[id] += (ty - reel.y[id]) * ease; }
    const ctx = reel.ctx;
    if (fill) { ctx.fillStyle = PHASE[reel.phase[id]] || '#999'; ctx.fillRect(reel.x[id], reel.y[id], DOT, DOT); }
    else { ctx.strokeStyle = '#888'; ctx.strokeRect(reel.x[id] + 0.5, reel.y[id] + 0.5, DOT - 1, DOT - 1); }
  }
  return Math.max(0, list.length - room);
}

Reel.prototype.draw = function (ease) {
  const ctx = this.ctx, b = this.boxes;
  ctx.clearRect(0, 0, W, H);
  ctx.font = 'bold 13px sans-serif';
  ctx.fillStyle = '#222';
  for (const [text, x, y] of b.heads) ctx.fillText(text, x, y);
  ctx.font = '11px sans-serif';
  let drawn = 0, waiting = 0, atTeams = 0;
  const over = (n, box) => { if (n > 0) { ctx.fillStyle = '#222'; ctx.fillText('+' + n + ' ' + T.more, box.x + 4, box.y + box.h - 3); } };
  for (let t = 0; t < b.team.length; t++) {
    const box = b.team[t];
    ctx.strokeStyle = '#ccc';
    ctx.strokeRect(box.x, box.y, box.w, box.h);
    const wl = this.lists.get(WIJK_WAIT * 1000 + t), wk = this.lists.get(WIJK * 1000 + t);
    const nw = wl ? wl.length : 0, nk = wk ? wk.length : 0;
    waiting += nw; atTeams += nk; drawn += nw + nk;
    ctx.fillStyle = '#444';
    ctx.fillText(fit(ctx, T.team + ' ' + (t + 1) + ' · ' + nk + (nw ? ' · ' + T.waitShort + ' ' + nw : ''), box.w - 5), box.x + 3, box.y + 11);
    const strip = {x: box.x, y: box.y, w: box.w, h: Math.min(box.h, 14 + 3 * GAP)};
    over(place(this, wl, strip, 14, false, ease), strip);
    const rest = {x: box.x, y: strip.y + strip.h - 14 + 2, w: box.w, h: box.h - strip.h + 12};
    over(place(this, wk, rest, 14, true, ease), rest);
    const kept = this.lists.get(9000 + t);
    if (kept && kept.length) {
      const cols = Math.max(1, Math.floor((box.w - 6) / GAP));
      const row0 = Math.ceil(nk / cols);
      ctx.globalAlpha = 0.35;
      kept.forEach((id, k) => {
        const s = row0 * cols + k;
        const y = rest.y + 14 + Math.floor(s / cols) * GAP;
        if (y > box.y + box.h - DOT) return;
        ctx.fillStyle = PHASE[this.phase[id]] || '#999';
        ctx.fillRect(box.x + 4 + (s % cols) * GAP, y, DOT, DOT);
      });
      ctx.globalAlpha = 1;
    }
  }
  for (const p of [VHH_WAIT, VHH, ADV_WAIT, AVE4, ZSM]) {
    const box = b[p];
    ctx.strokeStyle = '#ccc';
    ctx.strokeRect(box.x, box.y - 14, box.w, box.h + 14);
    const list = this.lists.get(p);
    const n = list ? list.length : 0;
    drawn += n;
    ctx.fillStyle = '#222';
    ctx.fillText(fit(ctx, p === ZSM ? box.title : box.title + ' · ' + n, box.w - 5), box.x + 3, box.y - 3);
    if (p === ZSM) {
      const z = this.d.zsm, i = this.zsm * 3;
      const busy = z.length ? z[i + 1] : 0, wait = z.length ? z[i + 2] : 0;
      ctx.fillStyle = '#555';
      ctx.fillText(fit(ctx, T.zsmTable + ' ' + busy + ' · ' + T.zsmWait + ' ' + wait, box.w - 5), box.x + 3, box.y + 12);
      ctx.fillStyle = '#c9d7e6';
      ctx.fillRect(box.x + 3, box.y + 18, Math.min(box.w - 6, wait * 3), 8);
      ctx.fillStyle = '#222';
      const recent = [];
      for (let k = this.visit - 1; k >= 0 && this.minute - this.visits[k * 2] < 1440; k--) recent.push(this.visits[k * 2 + 1]);
      ctx.fillText(fit(ctx, T.zsmKnown + ' · ' + recent.length, box.w - 5), box.x + 3, box.y + 42);
      const cols = Math.max(1, Math.floor((box.w - 6) / GAP));
      recent.forEach((id, k) => {
        ctx.fillStyle = PHASE[this.phase[id]] || '#999';
        ctx.fillRect(box.x + 4 + (k % cols) * GAP, box.y + 48 + Math.floor(k / cols) * GAP, DOT, DOT);
      });
    } else {
      over(place(this, list, box, 4, p !== VHH_WAIT, ease), box);
    }
  }
  // Acute crises of the last two weeks: red rings that fade.
  const c = this.d.crises;
  for (let k = this.crisis - 1; k >= 0; k--) {
    const age = this.minute - c[k * 2];
    if (age > 14 * 1440) break;
    const id = c[k * 2 + 1];
    if (this.place[id] === GONE || Number.isNaN(this.x[id])) continue;
    ctx.strokeStyle = 'rgba(214,39,40,' + (1 - age / (14 * 1440)).toFixed(2) + ')';
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.arc(this.x[id] + DOT / 2, this.y[id] + DOT / 2, 5 + age / 1440, 0, 2 * Math.PI);
    ctx.stroke();
    ctx.lineWidth = 1;
  }
  const vhh = (this.lists.get(VHH) || []).length;
  this.counts.textContent = T.waitingList + ' ' + waiting + ' · ' + T.atTeams + ' ' + atTeams + ' · ' +
    T.underVhh + ' ' + vhh + ' · ' + T.ups + ' ' + this.ups + ' · ' + T.asks + ' ' + this.ask + ' · ' +
    T.crises + ' ' + this.crisis;
  return drawn;
};

const stages = document.getElementById('stages');
const reels = DATA.map((d) => {
  const fig = document.createElement('figure');
  fig.className = 'stage';
  const cap = document.createElement('figcaption');
  cap.textContent = d.label;
  const canvas = document.createElement('canvas');
  const dpr = Math.min(window.devicePixelRatio || 1, 2);
  canvas.width = W * dpr;
  canvas.height = H * dpr;
  canvas.getContext('2d').scale(dpr, dpr);
  const counts = document.createElement('div');
  counts.className = 'counts';
  fig.append(cap, canvas, counts);
  stages.append(fig);
  return new Reel(d, canvas, counts);
});
const total = Math.max(...DATA.map((d) => d.minutes));
const scrub = document.getElementById('scrub');
scrub.max = String(total / 1440);
const play = document.getElementById('play');
const speed = document.getElementById('speed');
const date = document.getElementById('date');
let day = 0, playing = false, last = null, frames = 0, dots = 0, busy = 0;

function dateAt(d) {
  const t = new Date(startMs + d * 86400000);
  const hh = String(t.getUTCHours()).padStart(2, '0'), mm = String(t.getUTCMinutes()).padStart(2, '0');
  return t.getUTCDate() + ' ' + MONTHS[t.getUTCMonth()] + ' ' + t.getUTCFullYear() + ' · ' + hh + ':' + mm;
}

function render(ease) {
  const minute = Math.floor(day * 1440);
  dots = 0;
  for (const r of reels) { r.seek(minute); dots += r.draw(ease); }
  date.textContent = day >= total / 1440 ? dateAt(day) + ' — ' + T.end : dateAt(day);
  scrub.value = String(day);
}

function frame(now) {
  frames++;
  const dt = last === null ? 0 : Math.min(0.1, (now - last) / 1000);
  last = now;
  if (playing) {
    day = Math.min(total / 1440, day + dt * Number(speed.value));
    if (day >= total / 1440) setPlaying(false);
  }
  const r0 = performance.now();
  render(1 - Math.pow(0.02, dt));
  busy += performance.now() - r0;
  requestAnimationFrame(frame);
}

function setPlaying(p) {
  playing = p;
  play.textContent = p ? T.pause : T.play;
}

play.addEventListener('click', () => {
  if (!playing && day >= total / 1440) day = 0;
  setPlaying(!playing);
});
scrub.addEventListener('input', () => { day = Number(scrub.value); render(1); });
// ?day=N opens the page on day N of the year (a link to a moment).
const query = new URLSearchParams(location.search);
day = Math.min(total / 1440, Math.max(0, Number(query.get('day')) || 0));
setPlaying(false);
render(1);
requestAnimationFrame(frame);

// ?selftest=S: play at a month a second for S seconds and write frames per second, dots
// drawn and errors into body[data-result] (read with chromium --dump-dom).
const test = query.get('selftest');
if (test) {
  speed.value = '30';
  setPlaying(true);
  const t0 = performance.now(), f0 = frames, b0 = busy;
  setTimeout(() => {
    const s = (performance.now() - t0) / 1000;
    document.body.dataset.result = 'FPS ' + ((frames - f0) / s).toFixed(1) + ' SECONDS ' + s.toFixed(1) +
      ' MS_PER_FRAME ' + ((busy - b0) / Math.max(1, frames - f0)).toFixed(2) +
      ' DAY ' + day.toFixed(0) + ' DOTS ' + dots + ' ERRORS ' + errors.length + ' ' + errors.join(' | ');
    console.log('AVESIM-SELFTEST ' + document.body.dataset.result);
  }, Number(test) * 1000);
}
