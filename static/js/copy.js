/* A "Copy" button for a read-only field: <button data-copy="ID" data-str-done="…">; the page's text says "copied".
 *
 * Without this script (or without clipboard access) the button stays hidden and the field can be selected and
 * copied by hand. The result is announced in the element named by data-status (role="status").
 */
(function () {
  "use strict";

  function setUp(button) {
    var field = document.getElementById(button.getAttribute("data-copy"));
    var status = document.getElementById(button.getAttribute("data-status"));
    if (!field || !navigator.clipboard) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(field.value).then(
        function () {
          if (status) {
            status.textContent = button.getAttribute("data-str-done") || "";
          }
        },
        function () {
          field.select();
          if (status) {
            status.textContent = button.getAttribute("data-str-failed") || "";
          }
        }
      );
    });
  }

  document.querySelectorAll("button[data-copy]").forEach(setUp);
})();
