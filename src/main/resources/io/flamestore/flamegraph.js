'use strict';
// The flame graph page of io.flamestore.FlameGraphHtml. Reads the embedded JSON (a flamebearer plus
// the top functions), draws levels top-down on a canvas and wires zoom, search, tooltip, timeline
// and table. Opened as page.html#selftest&click=NAME&search=TEXT&sort=COLUMN it also drives itself
// through those features and writes what it drew into <pre id="selftest"> as JSON, for tests in a
// headless browser.
(function () {
  const ROW = 18; // pixels per level
  const MIN_WIDTH = 0.5; // frames narrower than this many pixels are not drawn
  const FONT = '11px monospace';

  const format = window.FlamestoreFormat;
  const data = JSON.parse(byId('data').textContent);
  const profile = data.profile;
  const meta = profile.metadata;
  const graph = window.FlamestoreLevels(profile);
  const levels = graph.levels;
  const names = graph.names;
  const diff = graph.diff;
  const leftTicks = graph.leftTicks;
  const rightTicks = graph.rightTicks;

  const canvas = byId('flame');
  const ctx = canvas.getContext('2d');
  const tooltip = byId('tooltip');
  const search = byId('search');
  let zoom = { level: 0, index: 0 };
  let matchesName = null; // per name index: whether it matches the search; null without a search
  let drawn = []; // frames of the last draw: [level, index, left, width, matched, colour]
  let charWidth = 7;

  function byId(id) {
    return document.getElementById(id);
  }

  function view() {
    const focus = levels[zoom.level];
    const from = focus.x[zoom.index];
    const span = focus.w[zoom.index] || 1;
    const width = canvas.clientWidth || 800;
    return { from: from, to: from + span, scale: width / span, width: width };
  }

  function amount(v, total) {
    const seconds = meta.units === 'samples' && meta.sampleRate > 0 ? ', ' + (v / meta.sampleRate).toFixed(2) + ' s' : '';
    return format.number(v) + ' ' + meta.units + ' (' + format.percent(v, total) + seconds + ')';
  }

  function draw() {
    const v = view();
    const height = levels.length * ROW;
    const ratio = window.devicePixelRatio || 1;
    canvas.style.height = height + 'px';
    canvas.width = Math.round(v.width * ratio);
    canvas.height = Math.round(height * ratio);
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.font = FONT;
    ctx.textBaseline = 'middle';
    charWidth = ctx.measureText('mmmmmmmmmm').width / 10;
    drawn = [];
    for (let l = 0; l < levels.length; l++) {
      const level = levels[l];
      // Only frames overlapping the zoomed range, found by binary search since x grows along a level.
      for (let i = Math.max(0, graph.lastAtOrBefore(level.x, v.from)); i < level.x.length && level.x[i] < v.to; i++) {
        const left = Math.max(0, (level.x[i] - v.from) * v.scale);
        const right = Math.min(v.width, (level.x[i] + level.w[i] - v.from) * v.scale);
        if (right - left >= MIN_WIDTH) {
          drawFrame(l, i, left, right - left);
        }
      }
    }
  }

  function drawFrame(l, i, left, width) {
    const level = levels[l];
    const matched = matchesName !== null && matchesName[level.name[i]];
    const color = graph.frameColor(level, i);
    const top = l * ROW;
    // Frames above the zoomed one are its ancestors, shown faded; a search fades what does not match.
    ctx.globalAlpha = matchesName !== null && !matched ? 0.3 : l < zoom.level ? 0.6 : 1;
    ctx.fillStyle = color;
    ctx.fillRect(left, top, width > 2 ? width - 1 : width, ROW - 1);
    if (matched && width > 3) {
      ctx.strokeStyle = '#1a1a80';
      ctx.lineWidth = 2;
      ctx.strokeRect(left + 1, top + 1, width - 3, ROW - 3);
    }
    const chars = Math.floor((width - 6) / charWidth);
    if (chars >= 3) {
      const name = names[level.name[i]];
      ctx.fillStyle = '#000';
      ctx.fillText(name.length <= chars ? name : name.slice(0, chars - 1) + '\u2026', left + 3, top + ROW / 2);
    }
    ctx.globalAlpha = 1;
    drawn.push([l, i, left, width, matched, color]);
  }

  function frameAt(clientX, clientY) {
    const rect = canvas.getBoundingClientRect();
    const l = Math.floor((clientY - rect.top) / ROW);
    if (l < 0 || l >= levels.length) {
      return null;
    }
    const v = view();
    const tick = v.from + (clientX - rect.left) / v.scale;
    const level = levels[l];
    const i = graph.lastAtOrBefore(level.x, tick);
    return i >= 0 && tick < level.x[i] + level.w[i] ? { level: l, index: i } : null;
  }

  function describe(frame) {
    const level = levels[frame.level];
    const i = frame.index;
    const name = names[level.name[i]];
    if (!diff) {
      return name + '\nself  ' + amount(level.lSelf[i], leftTicks) + '\ntotal ' + amount(level.lTotal[i], leftTicks);
    }
    const shareChange = 100 * ((rightTicks > 0 ? level.rTotal[i] / rightTicks : 0)
      - (leftTicks > 0 ? level.lTotal[i] / leftTicks : 0));
    return name
      + '\nleft  self  ' + amount(level.lSelf[i], leftTicks) + '\nleft  total ' + amount(level.lTotal[i], leftTicks)
      + '\nright self  ' + amount(level.rSelf[i], rightTicks) + '\nright total ' + amount(level.rTotal[i], rightTicks)
      + '\nchange of total share ' + (shareChange >= 0 ? '+' : '') + shareChange.toFixed(2) + ' percentage points';
  }

  function showTooltip(text, clientX, clientY) {
    tooltip.textContent = text;
    tooltip.hidden = false;
    const x = clientX + 14 + tooltip.offsetWidth > window.innerWidth ? clientX - 14 - tooltip.offsetWidth : clientX + 14;
    tooltip.style.left = Math.max(0, x) + 'px';
    tooltip.style.top = (clientY + 14) + 'px';
  }

  function setZoom(frame) {
    zoom = frame;
    draw();
  }

  function setSearch(text) {
    const query = text.trim().toLowerCase();
    matchesName = query ? names.map((name) => name.toLowerCase().includes(query)) : null;
    let count = 0;
    if (matchesName !== null) {
      for (const level of levels) {
        for (let i = 0; i < level.name.length; i++) {
          count += matchesName[level.name[i]] ? 1 : 0;
        }
      }
    }
    byId('matches').textContent = query ? count + (count === 1 ? ' matching frame' : ' matching frames') : '';
    draw();
    table.render(query);
  }

  function header() {
    const title = meta.name || 'Flame graph';
    document.title = title + (diff ? ' (diff)' : '');
    byId('title').textContent = document.title;
    const parts = [meta.units, meta.sampleRate + ' Hz', 'spy ' + meta.spyName];
    const tl = profile.timeline;
    if (tl && tl.samples.length > 0) {
      parts.push(format.iso(tl.startTime) + ' to ' + format.iso(tl.startTime + tl.samples.length * tl.durationDelta));
    }
    parts.push(diff ? 'left total ' + format.number(leftTicks) + ', right total ' + format.number(rightTicks)
      : 'total ' + format.number(leftTicks));
    const shown = levels.reduce((sum, level) => sum + level.x.length, -1);
    parts.push(format.number(shown) + ' of ' + format.number(data.nodeCount) + ' frames shown (maxNodes '
      + format.number(data.maxNodes) + ')');
    byId('meta').textContent = parts.join(' \u00b7 ');
    byId('legend').hidden = !diff;
  }

  const timeline = window.FlamestoreTimeline(profile.timeline, byId('timeline'), showTooltip, tooltip);
  const table = window.FlamestoreTable(data.functions, diff, leftTicks, rightTicks, (name) => {
    search.value = name;
    setSearch(name);
  });

  canvas.addEventListener('mousemove', (e) => {
    const frame = frameAt(e.clientX, e.clientY);
    if (frame) {
      showTooltip(describe(frame), e.clientX, e.clientY);
    } else {
      tooltip.hidden = true;
    }
  });
  canvas.addEventListener('mouseleave', () => { tooltip.hidden = true; });
  canvas.addEventListener('click', (e) => {
    const frame = frameAt(e.clientX, e.clientY);
    if (frame) {
      setZoom(frame);
    }
  });
  byId('reset').addEventListener('click', () => setZoom({ level: 0, index: 0 }));
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      setZoom({ level: 0, index: 0 });
    }
  });
  search.addEventListener('input', () => setSearch(search.value));
  window.addEventListener('resize', () => {
    draw();
    timeline.draw();
  });

  header();
  timeline.draw();
  table.render('');
  draw();
  byId('status').textContent = 'ready';

  if (location.hash.startsWith('#selftest')) {
    window.FlamestoreSelfTest(new URLSearchParams(location.hash.slice('#selftest'.length).replace(/^&/, '')), {
      canvas: canvas, tooltip: tooltip, search: search, rowHeight: ROW, levels: levels, names: names,
      drawn: () => drawn, draw: draw, timeline: timeline, table: table,
    });
  }
})();
