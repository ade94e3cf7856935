'use strict';
// Self-test mode, for tests in a headless browser (page.html#selftest&search=TEXT&click=NAME&sort=N):
// records the frames drawn first, after searching TEXT, after hovering and clicking the first drawn
// frame named NAME (through real mouse events at its centre) and after "Reset zoom", plus the table's
// first rows after clicking heading N, and writes it all as JSON into <pre id="selftest">.
window.FlamestoreSelfTest = function (params, page) {
  const round = (v) => Math.round(v * 10) / 10;
  const frames = () => page.drawn().map((f) => ({
    name: page.names[page.levels[f[0]].name[f[1]]], level: f[0], left: round(f[2]), width: round(f[3]),
    matched: f[4], color: f[5],
  }));
  const start = performance.now();
  page.draw();
  // loadMs: from navigation start to here, page parsing, JSON decoding and the first draws included.
  const result = { loadMs: start, drawMs: performance.now() - start, width: page.canvas.clientWidth, levels: page.levels.length,
    timelineBars: page.timeline.bars(), initial: frames() };

  if (params.has('search')) {
    page.search.value = params.get('search');
    page.search.dispatchEvent(new Event('input'));
    result.search = { text: document.getElementById('matches').textContent,
      matched: frames().filter((f) => f.matched).map((f) => f.name), tableRows: page.table.rowCount() };
    page.search.value = '';
    page.search.dispatchEvent(new Event('input'));
  }
  if (params.has('click')) {
    const target = frames().find((f) => f.name === params.get('click') && f.level > 0);
    if (target) {
      const rect = page.canvas.getBoundingClientRect();
      const at = { bubbles: true, clientX: rect.left + target.left + target.width / 2,
        clientY: rect.top + (target.level + 0.5) * page.rowHeight };
      page.canvas.dispatchEvent(new MouseEvent('mousemove', at));
      result.tooltip = page.tooltip.hidden ? null : page.tooltip.textContent;
      page.canvas.dispatchEvent(new MouseEvent('click', at));
      result.zoomed = frames();
      document.getElementById('reset').click();
      result.reset = frames();
    }
  }
  if (params.has('sort')) {
    document.querySelectorAll('#functions th')[Number(params.get('sort'))].click();
    result.table = page.table.firstNames(5);
  }
  document.getElementById('selftest').textContent = JSON.stringify(result);
};
