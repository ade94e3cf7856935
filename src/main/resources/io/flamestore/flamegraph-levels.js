'use strict';
// The flamebearer's levels decoded to absolute positions, and the colour of each frame. In a diff
// each side is laid out on its own; a frame is drawn at left x + right x with width left total +
// right total, which nests exactly as each side does.
window.FlamestoreLevels = function (profile) {
  const fb = profile.flamebearer;
  const diff = profile.metadata.format === 'double';
  const leftTicks = diff ? profile.leftTicks : fb.numTicks;
  const rightTicks = diff ? profile.rightTicks : 0;
  const names = fb.names;
  const nameColors = [];

  // Absolute positions and both sides' values of one level.
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

  return { levels: fb.levels.map(decodeLevel), names: names, diff: diff, leftTicks: leftTicks, rightTicks: rightTicks,
    lastAtOrBefore: lastAtOrBefore, frameColor: frameColor };
};
