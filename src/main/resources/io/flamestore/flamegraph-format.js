'use strict';
// Number, percent and time formatting shared by the page's parts.
window.FlamestoreFormat = {
  number: (v) => String(v).replace(/\B(?=(\d{3})+(?!\d))/g, ','),
  percent: (v, total) => (total > 0 ? (100 * v / total).toFixed(2) : '0.00') + '%',
  iso: (epochSeconds) => new Date(epochSeconds * 1000).toISOString().slice(0, 19).replace('T', ' ') + ' UTC',
};
