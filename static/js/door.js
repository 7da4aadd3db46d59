/* The door list's search (templates/events/door.html): rows are hidden as the door staff type a name or an
 * organisation, and the count in the status line (role="status") tells screen readers how many are shown.
 *
 * Without this script the search form is sent (GET) and the server shows the matching people. With it, the form
 * is not sent: the ticks not yet saved stay where they are.
 */
(function () {
  "use strict";

  var form = document.querySelector("[data-door-search]");
  var field = document.getElementById("door-q");
  var count = document.getElementById("door-count");
  var rows = Array.prototype.slice.call(document.querySelectorAll("#door-list tbody tr[data-search]"));
  if (!form || !field || !count) {
    return;
  }
  var timer = null;

  function filter() {
    var words = field.value.toLocaleLowerCase().split(/\s+/).filter(Boolean);
    var shown = 0;
    rows.forEach(function (row) {
      var text = row.getAttribute("data-search");
      var match = words.every(function (word) {
        return text.indexOf(word) !== -1;
      });
      row.hidden = !match;
      if (match) {
        shown += 1;
      }
    });
    // Announced a moment after the typing stops, not at every key.
    clearTimeout(timer);
    timer = setTimeout(function () {
      count.textContent = count.getAttribute("data-template")
        .replace("{shown}", String(shown))
        .replace("{total}", count.getAttribute("data-total"));
    }, 300);
  }

  field.addEventListener("input", filter);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    filter();
  });
})();
