// Sortable tables (click a column heading) and printing with folded sections opened.
(function () {
  'use strict'
  function cellValue(row, index) {
    var cell = row.cells[index]
    if (!cell) return ''
    var raw = cell.getAttribute('data-sort')
    return raw === null ? cell.textContent.trim() : raw
  }
  function sortTable(table, index, th) {
    var ascending = th.getAttribute('aria-sort') !== 'ascending'
    var numeric = th.getAttribute('data-type') !== 'text'
    var body = table.tBodies[0]
    var rows = Array.prototype.slice.call(body.rows)
    rows.sort(function (a, b) {
      var x = cellValue(a, index)
      var y = cellValue(b, index)
      var nx = parseFloat(x)
      var ny = parseFloat(y)
      var order = numeric && !isNaN(nx) && !isNaN(ny) ? nx - ny : x.localeCompare(y)
      return ascending ? order : -order
    })
    rows.forEach(function (row) { body.appendChild(row) })
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell) { cell.removeAttribute('aria-sort') })
    th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending')
  }
  Array.prototype.forEach.call(document.querySelectorAll('table.sortable'), function (table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
      var button = document.createElement('button')
      button.type = 'button'
      button.className = 'sort'
      while (th.firstChild) button.appendChild(th.firstChild)
      th.appendChild(button)
      button.addEventListener('click', function () { sortTable(table, index, th) })
    })
  })
  window.addEventListener('beforeprint', function () {
    Array.prototype.forEach.call(document.querySelectorAll('details'), function (d) {
      if (!d.open) { d.setAttribute('data-was-closed', ''); d.open = true }
    })
  })
  window.addEventListener('afterprint', function () {
    Array.prototype.forEach.call(document.querySelectorAll('details[data-was-closed]'), function (d) {
      d.open = false
      d.removeAttribute('data-was-closed')
    })
  })
})()
