'use strict';
// The top-functions table: sortable by any column (click a heading; again to reverse), filtered
// by the search, and a click on a row searches for that function. Rows are [name, self, total]
// or, for a diff, [name, leftSelf, leftTotal, rightSelf, rightTotal].
window.FlamestoreTable = function (rows, diff, leftTicks, rightTicks, onPick) {
  const formatNumber = window.FlamestoreFormat.number;
  const percent = window.FlamestoreFormat.percent;
  const thead = document.querySelector('#functions thead');
  const tbody = document.querySelector('#functions tbody');
  const share = (v, total) => (total > 0 ? v / total : 0);
  const signed = (v) => (v >= 0 ? '+' : '') + v.toFixed(2) + ' pp';
  const columns = diff ? [
    { title: 'Function', value: (r) => r[0] },
    { title: 'Left self', value: (r) => r[1] },
    { title: 'Right self', value: (r) => r[3] },
    { title: 'Left total', value: (r) => r[2] },
    { title: 'Right total', value: (r) => r[4] },
    { title: 'Change of total share', value: (r) => 100 * (share(r[4], rightTicks) - share(r[2], leftTicks)), text: signed },
  ] : [
    { title: 'Function', value: (r) => r[0] },
    { title: 'Self', value: (r) => r[1] },
    { title: 'Self %', value: (r) => r[1], text: (v) => percent(v, leftTicks) },
    { title: 'Total', value: (r) => r[2] },
    { title: 'Total %', value: (r) => r[2], text: (v) => percent(v, leftTicks) },
  ];
  let sortColumn = 1;
  let descending = true;
  let query = '';

  const headings = document.createElement('tr');
  columns.forEach((column, index) => {
    const th = document.createElement('th');
    th.textContent = column.title;
    th.addEventListener('click', () => {
      descending = sortColumn === index ? !descending : index !== 0;
      sortColumn = index;
      render(query);
    });
    headings.appendChild(th);
  });
  thead.appendChild(headings);

  function render(newQuery) {
    query = newQuery;
    const value = columns[sortColumn].value;
    const shown = rows.filter((r) => r[0].toLowerCase().includes(query));
    shown.sort((a, b) => {
      const order = value(a) < value(b) ? -1 : value(a) > value(b) ? 1 : 0;
      return descending ? -order : order;
    });
    Array.from(headings.children).forEach((th, i) => th.classList.toggle('sorted', i === sortColumn));
    const fragment = document.createDocumentFragment();
    for (const row of shown) {
      const tr = document.createElement('tr');
      columns.forEach((column, index) => {
        const td = document.createElement('td');
        const v = column.value(row);
        td.textContent = column.text ? column.text(v) : index === 0 ? v : formatNumber(v);
        tr.appendChild(td);
      });
      tr.addEventListener('click', () => onPick(row[0]));
      fragment.appendChild(tr);
    }
    tbody.replaceChildren(fragment);
  }

  return {
    render: render,
    rowCount: () => tbody.rows.length,
    firstNames: (n) => Array.from(tbody.rows).slice(0, n).map((tr) => tr.cells[0].textContent),
  };
};
