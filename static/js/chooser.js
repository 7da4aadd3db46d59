/* Choosers (kernel/choosers.py) as an ARIA 1.2 combobox with a listbox popup.
 *
 * Without this script the search field is a plain text field with a "Search" button, and the chosen rows are
 * checked checkboxes or radio buttons. With it, typing two letters asks the portal for at most 20 matches;
 * ArrowUp/ArrowDown move through them, Enter chooses, Escape closes. Each chosen row gets a "Remove" button.
 * Every text comes from the page's data-str-* attributes, translated by Django.
 */
(function () {
  "use strict";

  var counter = 0;

  function Chooser(root) {
    this.root = root;
    this.url = root.getAttribute("data-url");
    this.name = root.getAttribute("data-name");
    this.multiple = root.getAttribute("data-multiple") === "true";
    this.min = parseInt(root.getAttribute("data-min") || "2", 10);
    this.input = root.querySelector("input.chooser-input");
    this.chosen = root.querySelector(".chooser-chosen");
    this.results = [];
    this.active = -1;
    this.timer = null;
    this.request = 0;
    this.setUp();
  }

  Chooser.prototype.text = function (key, count) {
    var value = this.root.getAttribute("data-str-" + key) || "";
    return count === undefined ? value : value.replace("%(count)s", String(count));
  };

  Chooser.prototype.setUp = function () {
    var self = this;
    var id = this.input.id || "chooser-" + ++counter;
    this.input.id = id;
    var label = document.querySelector('label[for="' + id + '"]');

    this.listbox = document.createElement("ul");
    this.listbox.id = id + "_listbox";
    this.listbox.className = "chooser-listbox";
    this.listbox.setAttribute("role", "listbox");
    this.listbox.setAttribute("aria-label", label ? label.textContent.trim() : this.name);
    this.listbox.hidden = true;

    this.status = document.createElement("div");
    this.status.className = "visually-hidden";
    this.status.setAttribute("role", "status");
    this.status.setAttribute("aria-live", "polite");

    var group = this.input.closest(".input-group") || this.input;
    group.insertAdjacentElement("afterend", this.listbox);
    this.root.appendChild(this.status);

    this.input.setAttribute("role", "combobox");
    this.input.setAttribute("aria-autocomplete", "list");
    this.input.setAttribute("aria-expanded", "false");
    this.input.setAttribute("aria-controls", this.listbox.id);

    // The no-JavaScript search button and its matches are not needed: the listbox replaces them.
    var button = this.root.querySelector('button[type="submit"]');
    if (button) button.remove();
    this.postForm = !!button;
    var found = this.root.querySelector(".chooser-results");
    if (found) {
      found.querySelectorAll("input:checked").forEach(function (box) {
        self.add(box.value, box.nextElementSibling ? box.nextElementSibling.textContent : box.value, false);
      });
      found.remove();
    }
    // Chosen rows become a label, a hidden input and a "Remove" button.
    Array.prototype.slice.call(this.chosen.querySelectorAll("li")).forEach(function (item) {
      var box = item.querySelector("input");
      var text = item.querySelector("label");
      item.remove();
      if (box && box.checked && box.value) self.add(box.value, text ? text.textContent : box.value, false);
    });

    this.input.addEventListener("input", function () { self.schedule(); });
    this.input.addEventListener("keydown", function (event) { self.keydown(event); });
    this.input.addEventListener("blur", function () {
      window.setTimeout(function () { self.close(); }, 150);
    });
    this.listbox.addEventListener("mousedown", function (event) { event.preventDefault(); });
    this.listbox.addEventListener("click", function (event) {
      var option = event.target.closest('[role="option"]');
      if (option) self.choose(parseInt(option.getAttribute("data-index"), 10));
    });
  };

  Chooser.prototype.schedule = function () {
    var self = this;
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(function () { self.fetch(); }, 200);
  };

  Chooser.prototype.fetch = function () {
    var self = this;
    var term = this.input.value.trim();
    if (term.replace(/\s/g, "").length < this.min) {
      this.close();
      return;
    }
    var number = ++this.request;
    window
      .fetch(this.url + "?q=" + encodeURIComponent(term), {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      })
      .then(function (data) {
        if (number === self.request) self.show(data.results || []);
      })
      .catch(function () {
        if (number === self.request) self.announce(self.text("error"));
      });
  };

  Chooser.prototype.chosenIds = function () {
    var ids = {};
    this.chosen.querySelectorAll('input[type="hidden"]').forEach(function (input) { ids[input.value] = true; });
    return ids;
  };

  Chooser.prototype.show = function (results) {
    var self = this;
    var taken = this.chosenIds();
    this.results = results.filter(function (row) { return !taken[String(row.id)]; });
    this.active = -1;
    this.listbox.textContent = "";
    this.input.removeAttribute("aria-activedescendant");
    this.results.forEach(function (row, index) {
      var option = document.createElement("li");
      option.id = self.listbox.id + "_" + row.id;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.setAttribute("data-index", String(index));
      option.textContent = row.label;
      self.listbox.appendChild(option);
    });
    var open = this.results.length > 0;
    this.listbox.hidden = !open;
    this.input.setAttribute("aria-expanded", open ? "true" : "false");
    if (!open) this.announce(this.text("none"));
    else if (this.results.length === 1) this.announce(this.text("one"));
    else this.announce(this.text("matches", this.results.length));
  };

  Chooser.prototype.close = function () {
    this.listbox.hidden = true;
    this.active = -1;
    this.input.setAttribute("aria-expanded", "false");
    this.input.removeAttribute("aria-activedescendant");
  };

  Chooser.prototype.isOpen = function () {
    return !this.listbox.hidden;
  };

  Chooser.prototype.move = function (step) {
    if (!this.results.length) return;
    if (!this.isOpen()) {
      this.listbox.hidden = false;
      this.input.setAttribute("aria-expanded", "true");
    }
    var options = this.listbox.querySelectorAll('[role="option"]');
    if (this.active >= 0) options[this.active].setAttribute("aria-selected", "false");
    if (this.active < 0) this.active = step > 0 ? 0 : options.length - 1;
    else this.active = (this.active + step + options.length) % options.length;
    var option = options[this.active];
    option.setAttribute("aria-selected", "true");
    this.input.setAttribute("aria-activedescendant", option.id);
    option.scrollIntoView({ block: "nearest" });
  };

  Chooser.prototype.keydown = function (event) {
    if (event.key === "ArrowDown") {
      event.preventDefault();
      this.move(1);
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      this.move(-1);
    } else if (event.key === "Enter") {
      if (this.isOpen() && this.active >= 0) {
        event.preventDefault();
        this.choose(this.active);
      } else if (this.isOpen() || this.postForm) {
        // In a form that saves, Enter in the search field never submits it half-filled.
        event.preventDefault();
      }
    } else if (event.key === "Escape") {
      if (this.isOpen()) {
        event.preventDefault();
        this.close();
      } else if (this.input.value) {
        event.preventDefault();
        this.input.value = "";
      }
    }
  };

  Chooser.prototype.choose = function (index) {
    var row = this.results[index];
    if (!row) return;
    if (!this.multiple) this.chosen.textContent = "";
    this.add(String(row.id), row.label, true);
    this.input.value = "";
    this.results = [];
    this.close();
    this.input.focus();
  };

  Chooser.prototype.add = function (id, label, announce) {
    var self = this;
    label = label.trim();
    var item = document.createElement("li");
    item.className = "chooser-item";
    var text = document.createElement("span");
    text.textContent = label;
    var hidden = document.createElement("input");
    hidden.type = "hidden";
    hidden.name = this.name;
    hidden.value = id;
    var remove = document.createElement("button");
    remove.type = "button";
    remove.className = "btn btn-link btn-sm chooser-remove";
    remove.textContent = this.text("remove");
    var who = document.createElement("span");
    who.className = "visually-hidden";
    who.textContent = ": " + label;
    remove.appendChild(who);
    remove.addEventListener("click", function () {
      item.remove();
      self.announce(label + " " + self.text("removed"));
      self.input.focus();
    });
    item.appendChild(text);
    item.appendChild(document.createTextNode(" "));
    item.appendChild(hidden);
    item.appendChild(remove);
    this.chosen.appendChild(item);
    if (announce) this.announce(label + " " + this.text("chosen"));
  };

  Chooser.prototype.announce = function (message) {
    var status = this.status;
    status.textContent = "";
    window.setTimeout(function () { status.textContent = message; }, 50);
  };

  function start() {
    document.querySelectorAll("[data-chooser]").forEach(function (root) {
      if (!root.chooser) root.chooser = new Chooser(root);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
