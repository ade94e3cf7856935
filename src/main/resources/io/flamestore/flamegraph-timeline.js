'use strict';
// The timeline chart above the flame graph: one bar per point of the query range, scaled to the
// largest value. Pyroscope's encoding: a sample of 0 means no data (drawn as a gap), any other is
// the value plus one (a value of 0 with data gets a one-pixel bar).
window.FlamestoreTimeline = function (timeline, canvas, showTooltip, tooltip) {
  const iso = window.FlamestoreFormat.iso;
  const formatNumber = window.FlamestoreFormat.number;
  const HEIGHT = 70;
  const samples = timeline ? timeline.samples : [];
  const ctx = canvas.getContext('2d');
  let max = 0;
  let bars = 0;
  for (const s of samples) {
    max = s > 0 ? Math.max(max, s - 1) : max;
  }

  function draw() {
    if (samples.length === 0) {
      return;
    }
    canvas.parentElement.hidden = false;
    const width = canvas.clientWidth || 800;
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(HEIGHT * ratio);
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.fillStyle = '#5b7bd5';
    const step = width / samples.length;
    bars = 0;
    for (let i = 0; i < samples.length; i++) {
      if (samples[i] > 0) {
        const height = max > 0 ? Math.max(1, (samples[i] - 1) / max * (HEIGHT - 4)) : 1;
        ctx.fillRect(i * step, HEIGHT - height, step > 3 ? step - 1 : Math.max(step, 0.5), height);
        bars++;
      }
    }
    document.getElementById('timeline-start').textContent = iso(timeline.startTime);
    document.getElementById('timeline-end').textContent =
      iso(timeline.startTime + samples.length * timeline.durationDelta);
  }

  canvas.addEventListener('mousemove', (e) => {
    const rect = canvas.getBoundingClientRect();
    const i = Math.floor((e.clientX - rect.left) / rect.width * samples.length);
    if (i >= 0 && i < samples.length) {
      const start = timeline.startTime + i * timeline.durationDelta;
      showTooltip(iso(start) + ' + ' + timeline.durationDelta + ' s\n'
        + (samples[i] === 0 ? 'no data' : formatNumber(samples[i] - 1)), e.clientX, e.clientY);
    }
  });
  canvas.addEventListener('mouseleave', () => { tooltip.hidden = true; });

  return { draw: draw, bars: () => bars };
};
