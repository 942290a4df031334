/* Datenschatz learning path pages: one lesson at a time, self-checks,
 * progress in localStorage or, inside an LMS, through the SCORM 1.2 API.
 *
 * Grading and the progress encoding follow game/learn/quiz.py exactly; the
 * browser tests compare both. Texts from the content are inserted with
 * textContent only, never as HTML.
 */
(function () {
  "use strict";

  var ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  var VERSION = "1";
  var STORAGE_PREFIX = "datenschatz.lernpfad.";
  var STATES = { wrong: 1, correct: 2 };
  var STATE_NAMES = { 1: "wrong", 2: "correct" };

  // ------------------------------------------------------------ encoding

  function pack(values, base, perChar) {
    var out = "";
    for (var start = 0; start < values.length; start += perChar) {
      var number = 0;
      var factor = 1;
      for (var offset = 0; offset < perChar && start + offset < values.length; offset++) {
        number += values[start + offset] * factor;
        factor *= base;
      }
      out += ALPHABET.charAt(number);
    }
    return out;
  }

  function unpack(text, base, perChar, count) {
    if (text.length !== Math.ceil(count / perChar)) {
      throw new Error("length does not match the path");
    }
    var limit = Math.pow(base, perChar);
    var values = [];
    for (var i = 0; i < text.length; i++) {
      var number = ALPHABET.indexOf(text.charAt(i));
      if (number < 0 || number >= limit) {
        throw new Error("invalid character");
      }
      for (var k = 0; k < perChar; k++) {
        values.push(number % base);
        number = Math.floor(number / base);
      }
    }
    return values.slice(0, count);
  }

  function newProgress() {
    return { visited: [], checks: {}, current: null };
  }

  /** Encode progress as "1TAG.VISITED.CHECKS.CURRENT" (see quiz.encode_progress). */
  function encode(data, progress) {
    var visited = data.lessons.map(function (id) {
      return progress.visited.indexOf(id) >= 0 ? 1 : 0;
    });
    var states = data.check_order.map(function (key) {
      return STATES[progress.checks[key]] || 0;
    });
    var position = data.lessons.indexOf(progress.current);
    return VERSION + data.tag + "." + pack(visited, 2, 6) + "." + pack(states, 3, 3) + "." +
      (position >= 0 ? position.toString(36) : "");
  }

  function decode(data, text) {
    var parts = typeof text === "string" ? text.split(".") : [];
    if (parts.length !== 4 || parts[0] !== VERSION + data.tag) {
      return newProgress();
    }
    var progress = newProgress();
    try {
      var visited = unpack(parts[1], 2, 6, data.lessons.length);
      var states = unpack(parts[2], 3, 3, data.check_order.length);
      data.lessons.forEach(function (id, index) {
        if (visited[index]) { progress.visited.push(id); }
      });
      data.check_order.forEach(function (key, index) {
        if (states[index]) { progress.checks[key] = STATE_NAMES[states[index]]; }
      });
      if (parts[3] && /^[0-9a-z]+$/.test(parts[3])) {
        var position = parseInt(parts[3], 36);
        if (position < data.lessons.length) { progress.current = data.lessons[position]; }
      }
    } catch (error) {
      return newProgress();
    }
    return progress;
  }

  function summary(data, progress) {
    var visited = data.lessons.filter(function (id) { return progress.visited.indexOf(id) >= 0; });
    var answered = data.check_order.filter(function (key) { return progress.checks[key]; });
    var correct = data.check_order.filter(function (key) { return progress.checks[key] === "correct"; });
    var total = data.check_order.length;
    var status = "not attempted";
    if (visited.length === data.lessons.length && answered.length === total) {
      status = "completed";
    } else if (visited.length || answered.length) {
      status = "incomplete";
    }
    return {
      lessons_total: data.lessons.length,
      lessons_visited: visited.length,
      checks_total: total,
      checks_answered: answered.length,
      checks_correct: correct.length,
      // Python's round() rounds halves to even, so do the same here.
      score: total ? roundHalfEven(100 * correct.length / total) : 100,
      status: status
    };
  }

  function roundHalfEven(value) {
    var floor = Math.floor(value);
    var rest = value - floor;
    if (Math.abs(rest - 0.5) < 1e-9) { return floor % 2 === 0 ? floor : floor + 1; }
    return Math.round(value);
  }

  // ------------------------------------------------------------- grading

  function feedbackEntry(answers, index, correct) {
    return { answer: index, correct: correct, text: answers[index].feedback };
  }

  /** Grade an answer; formats as in quiz.grade. */
  function grade(check, answer) {
    var answers = check.answers;
    var feedback = [];
    if (check.type === "einfach") {
      var ok = !!answers[answer].correct;
      return { correct: ok, feedback: [feedbackEntry(answers, answer, ok)] };
    }
    if (check.type === "mehrfach") {
      answers.forEach(function (item, index) {
        var chosen = answer.indexOf(index) >= 0;
        if (chosen || item.correct) {
          feedback.push(feedbackEntry(answers, index, chosen === !!item.correct));
        }
      });
    } else if (check.type === "reihenfolge") {
      answer.forEach(function (item, position) {
        feedback.push(feedbackEntry(answers, item, item === position));
      });
    } else {
      answer.forEach(function (match, term) {
        feedback.push(feedbackEntry(answers, term, match === term));
      });
    }
    return {
      correct: feedback.every(function (entry) { return entry.correct; }),
      feedback: feedback
    };
  }

  // ---------------------------------------------------------- storage

  function findAPI(win) {
    // SCORM 1.2 run-time: the LMS exposes window.API in a parent frame.
    for (var depth = 0; win && depth < 10; depth++) {
      if (win.API) { return win.API; }
      if (!win.parent || win.parent === win) { break; }
      win = win.parent;
    }
    return null;
  }

  function locateAPI() {
    var api = null;
    try { api = findAPI(window); } catch (error) { api = null; }
    if (!api && window.opener) {
      try { api = findAPI(window.opener); } catch (error) { api = null; }
    }
    return api;
  }

  function sessionTime(milliseconds) {
    var seconds = milliseconds / 1000;
    var hours = Math.floor(seconds / 3600);
    var minutes = Math.floor((seconds % 3600) / 60);
    var rest = (seconds % 60).toFixed(2);
    function pad(value, width) {
      value = String(value);
      while (value.length < width) { value = "0" + value; }
      return value;
    }
    return pad(hours, 4) + ":" + pad(minutes, 2) + ":" + pad(rest, 5);
  }

  function ScormStore(api) {
    this.api = api;
    this.started = Date.now();
    this.finished = false;
    this.ok = String(api.LMSInitialize("")) === "true";
  }
  ScormStore.prototype.kind = "scorm";
  ScormStore.prototype.load = function () {
    var status = this.api.LMSGetValue("cmi.core.lesson_status");
    if (status === "not attempted" || status === "") {
      this.api.LMSSetValue("cmi.core.lesson_status", "incomplete");
    }
    return this.api.LMSGetValue("cmi.suspend_data") || null;
  };
  ScormStore.prototype.save = function (encoded, result, current) {
    var api = this.api;
    api.LMSSetValue("cmi.suspend_data", encoded);
    if (current) { api.LMSSetValue("cmi.core.lesson_location", current); }
    api.LMSSetValue("cmi.core.score.min", "0");
    api.LMSSetValue("cmi.core.score.max", "100");
    api.LMSSetValue("cmi.core.score.raw", String(result.score));
    api.LMSSetValue("cmi.core.lesson_status",
      result.status === "completed" ? "completed" : "incomplete");
    api.LMSCommit("");
  };
  ScormStore.prototype.finish = function (result) {
    if (this.finished) { return; }
    this.finished = true;
    this.api.LMSSetValue("cmi.core.exit", result.status === "completed" ? "" : "suspend");
    this.api.LMSSetValue("cmi.core.session_time", sessionTime(Date.now() - this.started));
    this.api.LMSCommit("");
    this.api.LMSFinish("");
  };

  function LocalStore(pathId) { this.key = STORAGE_PREFIX + pathId; }
  LocalStore.prototype.kind = "local";
  LocalStore.prototype.load = function () {
    try { return window.localStorage.getItem(this.key); } catch (error) { return null; }
  };
  LocalStore.prototype.save = function (encoded) {
    try { window.localStorage.setItem(this.key, encoded); } catch (error) { /* storage blocked */ }
  };
  LocalStore.prototype.finish = function () {};

  // --------------------------------------------------------------- page

  function text(texts) { return (texts && (texts.de || "")) || ""; }

  function PathPage(data) {
    this.data = data;
    var api = locateAPI();
    this.store = api ? new ScormStore(api) : new LocalStore(data.path);
    if (this.store.kind === "scorm" && !this.store.ok) {
      this.store = new LocalStore(data.path);
    }
    this.progress = decode(data, this.store.load());
    this.baseTitle = document.title;
  }

  PathPage.prototype.start = function () {
    var page = this;
    document.documentElement.classList.add("js");
    Array.prototype.forEach.call(document.querySelectorAll("form.check"), function (form) {
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        page.answer(form);
      });
    });
    window.addEventListener("hashchange", function () { page.route(true); });
    window.addEventListener("pagehide", function () { page.store.finish(page.result()); });
    this.showStoredChecks();
    this.route(false);
  };

  PathPage.prototype.result = function () { return summary(this.data, this.progress); };

  PathPage.prototype.save = function () {
    this.store.save(encode(this.data, this.progress), this.result(), this.progress.current);
    this.showProgress();
  };

  PathPage.prototype.route = function (moveFocus) {
    var id = decodeURIComponent(window.location.hash.replace(/^#/, ""));
    var lesson = id.indexOf("l-") === 0 ? id.slice(2) : null;
    if (lesson !== null && this.data.lessons.indexOf(lesson) < 0) { lesson = null; }
    var target = document.getElementById(lesson ? "l-" + lesson : "start");
    Array.prototype.forEach.call(document.querySelectorAll(".view"), function (view) {
      view.hidden = view !== target;
    });
    Array.prototype.forEach.call(document.querySelectorAll(".toc a[data-lesson]"), function (link) {
      if (link.getAttribute("data-lesson") === lesson) {
        link.setAttribute("aria-current", "page");
      } else {
        link.removeAttribute("aria-current");
      }
    });
    var heading = target.querySelector("h1, h2");
    if (lesson) {
      document.title = text({ de: this.data.titles[lesson] }) + " – " + this.baseTitle;
      if (this.progress.visited.indexOf(lesson) < 0) { this.progress.visited.push(lesson); }
      this.progress.current = lesson;
      this.save();
    } else {
      document.title = this.baseTitle;
      this.showResume();
      this.showProgress();
    }
    if (moveFocus && heading) {
      heading.focus();
      window.scrollTo(0, 0);
    }
  };

  PathPage.prototype.showResume = function () {
    var resume = document.getElementById("weiter");
    if (resume && this.progress.current) {
      resume.href = "#l-" + this.progress.current;
      resume.hidden = false;
    }
  };

  PathPage.prototype.showProgress = function () {
    var page = this;
    Array.prototype.forEach.call(document.querySelectorAll(".toc a[data-lesson]"), function (link) {
      var mark = link.querySelector(".visited-mark");
      if (mark) { mark.hidden = page.progress.visited.indexOf(link.getAttribute("data-lesson")) < 0; }
    });
    var result = this.result();
    var element = document.getElementById("fortschritt");
    if (element) {
      element.textContent = result.lessons_visited + " von " + result.lessons_total +
        " Lektionen besucht, " + result.checks_correct + " von " + result.checks_total +
        " Prüfungen richtig." + (result.status === "completed" ? " Lernpfad abgeschlossen." : "");
    }
  };

  PathPage.prototype.showStoredChecks = function () {
    var page = this;
    Object.keys(this.progress.checks).forEach(function (key) {
      var form = document.querySelector('form.check[data-key="' + key + '"]');
      if (!form) { return; }
      var region = form.querySelector(".feedback");
      var state = page.progress.checks[key];
      var note = document.createElement("p");
      note.className = state === "correct" ? "result-correct" : "result-wrong";
      note.textContent = state === "correct"
        ? "Diese Prüfung haben Sie bereits richtig beantwortet."
        : "Diese Prüfung haben Sie schon versucht. Probieren Sie es noch einmal.";
      region.appendChild(note);
    });
  };

  PathPage.prototype.collect = function (form, check) {
    var count = check.answers.length;
    if (check.type === "einfach" || check.type === "mehrfach") {
      var chosen = [];
      Array.prototype.forEach.call(form.querySelectorAll("input"), function (input) {
        if (input.checked) { chosen.push(parseInt(input.value, 10)); }
      });
      if (!chosen.length) { return null; }
      return check.type === "einfach" ? chosen[0] : chosen;
    }
    var answer = new Array(count);
    var seen = {};
    var selects = form.querySelectorAll("select");
    for (var i = 0; i < selects.length; i++) {
      var value = selects[i].value;
      if (value === "") { return null; }
      var item = parseInt(selects[i].getAttribute("data-item"), 10);
      if (check.type === "reihenfolge") {
        var position = parseInt(value, 10);
        if (seen[position]) { return "duplicate"; }
        seen[position] = true;
        answer[position] = item;
      } else {
        answer[item] = parseInt(value, 10);
      }
    }
    return answer;
  };

  PathPage.prototype.answer = function (form) {
    var key = form.getAttribute("data-key");
    var check = this.data.checks[key];
    var region = form.querySelector(".feedback");
    var answer = this.collect(form, check);
    region.textContent = "";
    if (answer === null || answer === "duplicate") {
      var hint = document.createElement("p");
      hint.className = "result-wrong";
      hint.textContent = answer === null
        ? "Bitte beantworten Sie die Frage vollständig, bevor Sie prüfen."
        : "Jede Position darf nur einmal vorkommen.";
      region.appendChild(hint);
      return;
    }
    var result = grade(check, answer);
    this.showFeedback(region, check, result);
    this.progress.checks[key] = result.correct ? "correct" : "wrong";
    this.save();
  };

  PathPage.prototype.showFeedback = function (region, check, result) {
    var head = document.createElement("p");
    head.className = result.correct ? "result-correct" : "result-wrong";
    head.textContent = result.correct
      ? "Richtig!"
      : "Noch nicht ganz. Lesen Sie die Hinweise und versuchen Sie es noch einmal.";
    region.appendChild(head);
    var list = document.createElement("ul");
    result.feedback.forEach(function (entry) {
      var item = document.createElement("li");
      item.className = entry.correct ? "correct" : "wrong";
      var mark = document.createElement("span");
      mark.setAttribute("aria-hidden", "true");
      mark.textContent = entry.correct ? "✓ " : "✗ ";
      var label = document.createElement("span");
      label.className = "visually-hidden";
      label.textContent = entry.correct ? "Richtig: " : "Falsch: ";
      var subject = document.createElement("strong");
      subject.textContent = text(check.answers[entry.answer].text) + " – ";
      item.appendChild(mark);
      item.appendChild(label);
      item.appendChild(subject);
      item.appendChild(document.createTextNode(text(entry.text)));
      list.appendChild(item);
    });
    region.appendChild(list);
  };

  // -------------------------------------------------------------- index

  function showIndexProgress() {
    Array.prototype.forEach.call(document.querySelectorAll(".path-progress"), function (element) {
      var stored = null;
      try {
        stored = window.localStorage.getItem(STORAGE_PREFIX + element.getAttribute("data-path"));
      } catch (error) { stored = null; }
      var parts = stored ? stored.split(".") : [];
      if (parts.length !== 4 || parts[0] !== VERSION + element.getAttribute("data-tag")) { return; }
      var total = parseInt(element.getAttribute("data-lessons"), 10);
      try {
        var visited = unpack(parts[1], 2, 6, total).filter(function (bit) { return bit; }).length;
        element.textContent = visited + " von " + total + " Lektionen besucht";
      } catch (error) { /* damaged entry: keep the default text */ }
    });
  }

  // --------------------------------------------------------------- start

  window.DatenschatzLernpfad = {
    encode: encode, decode: decode, grade: grade, summary: summary, sessionTime: sessionTime
  };

  var dataElement = document.getElementById("lernpfad-daten");
  if (dataElement) {
    var page = new PathPage(JSON.parse(dataElement.textContent));
    window.DatenschatzLernpfad.page = page;
    page.start();
  } else {
    showIndexProgress();
  }
})();
