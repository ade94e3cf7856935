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

  const data = JSON.parse(byId('data').textContent);
  const profile = data.profile;
  const fb = profile.flamebearer;
  const meta = profile.metadata;
  const diff = meta.format === 'double';
  const leftTicks = diff ? profile.leftTicks : fb.numTicks;
  const rightTicks = diff ? profile.rightTicks : 0;
  const names = fb.names;
  const levels = fb.levels.map(decodeLevel);

  const canvas = byId('flame');
  const ctx = canvas.getContext('2d');
  const tooltip = byId('tooltip');
  const search = byId('search');
  const nameColors = [];
  let zoom = { level: 0, index: 0 };
  let matchesName = null; // per name index: whether it matches the search; null without a search
  let drawn = []; // frames of the last draw: [level, index, left, width, matched, colour]
  let charWidth = 7;

  function byId(id) {
    return document.getElementById(id);
  }

  // Absolute positions of one level. In a diff, each side is laid out on its own; the frame is drawn
  // at left x + right x with width left total + right total, which nests exactly as each side does.
  function decodeLevel(row) {
    const width = diff ? 7 : 4;
    const n = row.length / width;
    const level = { x: new Float64Array(n), w: new Float64Array(n), name: new Int32Array(n),
      lTotal: new Float64Array(n), lSelf: new Float64Array(n), rTotal: new Float64Array(n), rSelf: new Float64Array(n) };
    let leftEnd = 0;
    let rightEnd = 0;
    for (let i = 0, k = 0; i < n; i++, k += width) {
      const lx = leftEnd + row[k];
      leftEnd = lx + row[k + 1];
      level.lTotal[i] = row[k + 1];
      level.lSelf[i] = row[k + 2];
      level.x[i] = lx;
      level.w[i] = row[k + 1];
      if (diff) {
        const rx = rightEnd + row[k + 3];
        rightEnd = rx + row[k + 4];
        level.rTotal[i] = row[k + 4];
        level.rSelf[i] = row[k + 5];
        level.x[i] += rx;
        level.w[i] += row[k + 4];
      }
      level.name[i] = row[k + width - 1];
    }
    return level;
  }

  // Index of the last of the sorted xs that is <= value, or -1.
  function lastAtOrBefore(xs, value) {
    let low = 0;
    let high = xs.length - 1;
    let found = -1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if (xs[mid] <= value) {
        found = mid;
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    return found;
  }

  function view() {
    const focus = levels[zoom.level];
    const from = focus.x[zoom.index];
    const span = focus.w[zoom.index] || 1;
    const width = canvas.clientWidth || 800;
    return { from: from, to: from + span, scale: width / span, width: width };
  }

  function formatNumber(v) {
    return String(v).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  }

  function percent(v, total) {
    return (total > 0 ? (100 * v / total).toFixed(2) : '0.00') + '%';
  }

  function amount(v, total) {
    const seconds = meta.units === 'samples' && meta.sampleRate > 0 ? ', ' + (v / meta.sampleRate).toFixed(2) + ' s' : '';
    return formatNumber(v) + ' ' + meta.units + ' (' + percent(v, total) + seconds + ')';
  }

  // Change of a frame's share of its side's total, from -1 (gone) through 0 to +1 (new).
  function change(leftTotal, rightTotal) {
    const left = leftTicks > 0 ? leftTotal / leftTicks : 0;
    const right = rightTicks > 0 ? rightTotal / rightTicks : 0;
    const larger = Math.max(left, right);
    return larger > 0 ? (right - left) / larger : 0;
  }

  function mix(from, to, t) {
    return 'rgb(' + from.map((c, i) => Math.round(c + (to[i] - c) * t)).join(',') + ')';
  }

  // A warm colour fixed per name, so that one function looks the same everywhere.
  function nameColor(nameIndex) {
    if (nameColors[nameIndex] === undefined) {
      let h = 0;
      const name = names[nameIndex];
      for (let i = 0; i < name.length; i++) {
        h = (h * 31 + name.charCodeAt(i)) | 0;
      }
      nameColors[nameIndex] = 'rgb(' + (205 + (h & 0x3f) % 50) + ',' + (80 + ((h >>> 8) & 0xff) % 130) + ','
        + (40 + ((h >>> 16) & 0xff) % 50) + ')';
    }
    return nameColors[nameIndex];
  }

  function frameColor(level, i) {
    if (!diff) {
      return nameColor(level.name[i]);
    }
    const c = change(level.lTotal[i], level.rTotal[i]);
    return mix([205, 205, 205], c > 0 ? [225, 70, 60] : [70, 170, 90], Math.min(1, Math.abs(c)));
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
      for (let i = Math.max(0, lastAtOrBefore(level.x, v.from)); i < level.x.length && level.x[i] < v.to; i++) {
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
    const color = frameColor(level, i);
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
    const i = lastAtOrBefore(level.x, tick);
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
      parts.push(iso(tl.startTime) + ' to ' + iso(tl.startTime + tl.samples.length * tl.durationDelta));
    }
    parts.push(diff ? 'left total ' + formatNumber(leftTicks) + ', right total ' + formatNumber(rightTicks)
      : 'total ' + formatNumber(leftTicks));
    const shown = levels.reduce((sum, level) => sum + level.x.length, -1);
    parts.push(formatNumber(shown) + ' of ' + formatNumber(data.nodeCount) + ' frames shown (maxNodes '
      + formatNumber(data.maxNodes) + ')');
    byId('meta').textContent = parts.join(' \u00b7 ');
    byId('legend').hidden = !diff;
  }

  function iso(epochSeconds) {
    return new Date(epochSeconds * 1000).toISOString().slice(0, 19).replace('T', ' ') + ' UTC';
  }

  const timeline = window.FlamestoreTimeline(profile.timeline, byId('timeline'), iso, formatNumber, showTooltip, tooltip);
  const table = window.FlamestoreTable(data.functions, diff, leftTicks, rightTicks, formatNumber, percent, (name) => {
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
