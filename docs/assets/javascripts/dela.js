/* "Dela ditt exempel": the form's draft, preview, case file and the three ways to send it.

   The form's markup, labels, help texts, limits and allowed values are generated from the case
   schema at build time (src/goda_exempel/form.py); the browser's own constraint validation
   checks them. This script adds what HTML cannot do: repeatable groups, the draft saved in
   localStorage, the live preview, and the case file itself, written exactly as the Python
   serializer (serialize.dump_case) writes it: the YAML writer below follows PyYAML's emitter
   step by step, and the tests compare both on the same tricky values. The e-mail and the
   prefilled GitHub issue carry the issue form's answers instead (answers() below, one function
   for both), which `goda-exempel from-issue` turns into the same file. */
(function () {
  "use strict";

  var dataEl = document.getElementById("ge-dela-data");
  if (!dataEl) return;
  var CFG = JSON.parse(dataEl.textContent);

  /* ---- the case file, as serialize.dump_case writes it ------------------------------------- */

  function makeWriter(cfg) {
    var BREAKS = "\n\x85\u2028\u2029";
    var WS0 = "\0 \t\r\n\x85\u2028\u2029";
    var ESCAPES = {
      "\0": "0", "\x07": "a", "\x08": "b", "\t": "t", "\n": "n", "\x0B": "v", "\x0C": "f",
      "\r": "r", "\x1B": "e", "\"": "\"", "\\": "\\", "\x85": "N", "\xA0": "_",
      "\u2028": "L", "\u2029": "P"
    };
    var patterns = cfg.yaml.patterns.map(function (p) { return new RegExp(p); });
    var space = cfg.space;
    var schemaRoot = cfg.schema;

    function has(obj, key) { return Object.prototype.hasOwnProperty.call(obj, key); }
    function isIn(ch, set) { return ch !== null && ch !== undefined && set.indexOf(ch) !== -1; }

    /* Python's str.strip(), str.strip(chars) */
    function strip(text, chars) {
      chars = chars === undefined ? space : chars;
      var cps = Array.from(text);
      var a = 0, b = cps.length;
      while (a < b && chars.indexOf(cps[a]) !== -1) a++;
      while (b > a && chars.indexOf(cps[b - 1]) !== -1) b--;
      return cps.slice(a, b).join("");
    }

    /* PyYAML's implicit resolvers: would this text, written plain, read as something else? */
    function resolvesToOther(value) {
      var first = value === "" ? "" : Array.from(value)[0];
      var rules = cfg.yaml.resolvers[first] || [];
      for (var i = 0; i < rules.length; i++) {
        if (patterns[rules[i]].test(value)) return true;
      }
      return false;
    }

    function analyze(t) {
      var n = t.length;
      if (!n) {
        return { empty: true, multiline: false, flowPlain: false, blockPlain: true,
                 single: true, dbl: true, block: false };
      }
      var blockInd = false, flowInd = false, lineBreaks = false, special = false;
      var leadSp = false, leadBr = false, trailSp = false, trailBr = false;
      var brSp = false, spBr = false;
      var head = t.slice(0, 3).join("");
      if (head === "---" || head === "...") { blockInd = true; flowInd = true; }
      var precededWs = true;
      var followedWs = n === 1 || isIn(t[1], WS0);
      var prevSp = false, prevBr = false;
      for (var i = 0; i < n; i++) {
        var ch = t[i];
        if (i === 0) {
          if (isIn(ch, "#,[]{}&*!|>'\"%@`")) { flowInd = true; blockInd = true; }
          if (isIn(ch, "?:")) { flowInd = true; if (followedWs) blockInd = true; }
          if (ch === "-" && followedWs) { flowInd = true; blockInd = true; }
        } else {
          if (isIn(ch, ",?[]{}")) flowInd = true;
          if (ch === ":") { flowInd = true; if (followedWs) blockInd = true; }
          if (ch === "#" && precededWs) { flowInd = true; blockInd = true; }
        }
        if (isIn(ch, BREAKS)) lineBreaks = true;
        var c = ch.codePointAt(0);
        if (!(ch === "\n" || (c >= 0x20 && c <= 0x7E))) {
          var unicode = (c === 0x85 || (c >= 0xA0 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) ||
                         (c >= 0x10000 && c < 0x10FFFF)) && c !== 0xFEFF;
          if (!unicode) special = true;
        }
        if (ch === " ") {
          if (i === 0) leadSp = true;
          if (i === n - 1) trailSp = true;
          if (prevBr) brSp = true;
          prevSp = true; prevBr = false;
        } else if (isIn(ch, BREAKS)) {
          if (i === 0) leadBr = true;
          if (i === n - 1) trailBr = true;
          if (prevSp) spBr = true;
          prevSp = false; prevBr = true;
        } else {
          prevSp = false; prevBr = false;
        }
        precededWs = isIn(ch, WS0);
        followedWs = i + 2 >= n || isIn(t[i + 2], WS0);
      }
      var fp = true, bp = true, sq = true, bl = true;
      if (leadSp || leadBr || trailSp || trailBr) { fp = false; bp = false; }
      if (trailSp) bl = false;
      if (brSp) { fp = false; bp = false; sq = false; }
      if (spBr || special) { fp = false; bp = false; sq = false; bl = false; }
      if (lineBreaks) { fp = false; bp = false; }
      if (flowInd) fp = false;
      if (blockInd) bp = false;
      return { empty: false, multiline: lineBreaks, flowPlain: fp, blockPlain: bp,
               single: sq, dbl: true, block: bl };
    }

    function hex(code, width) {
      var s = code.toString(16).toUpperCase();
      while (s.length < width) s = "0" + s;
      return s;
    }

    function Emitter() {
      this.out = [];
      this.column = 0;
      this.whitespace = true;
      this.indention = true;
      this.indent = null;
      this.indents = [];
      this.flowLevel = 0;
      this.rootCtx = false;
      this.mapCtx = false;
      this.simpleKeyCtx = false;
      this.openEnded = false;
      this.bestIndent = cfg.yaml.indent;
      this.bestWidth = cfg.yaml.width;
    }

    var E = Emitter.prototype;

    E.put = function (t, start, end) {
      var d = t.slice(start, end);
      this.column += d.length;
      this.out.push(d.join(""));
    };
    E.indicator = function (ind, needWs, ws, indention) {
      var data = (this.whitespace || !needWs) ? ind : " " + ind;
      this.whitespace = !!ws;
      this.indention = this.indention && !!indention;
      this.column += Array.from(data).length;
      this.openEnded = false;
      this.out.push(data);
    };
    E.lineBreak = function (data) {
      this.whitespace = true;
      this.indention = true;
      this.column = 0;
      this.out.push(data === undefined ? "\n" : data);
    };
    E.writeIndent = function () {
      var indent = this.indent || 0;
      if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) {
        this.lineBreak();
      }
      if (this.column < indent) {
        this.whitespace = true;
        this.out.push(new Array(indent - this.column + 1).join(" "));
        this.column = indent;
      }
    };
    E.increaseIndent = function (flow, indentless) {
      this.indents.push(this.indent);
      if (this.indent === null) this.indent = flow ? this.bestIndent : 0;
      else if (!indentless) this.indent += this.bestIndent;
    };
    E.breaksOut = function (t, start, end) {
      for (var k = start; k < end; k++) this.lineBreak(t[k] === "\n" ? undefined : t[k]);
    };

    E.writePlain = function (t, split) {
      if (this.rootCtx) this.openEnded = true;
      if (!t.length) return;
      if (!this.whitespace) { this.out.push(" "); this.column += 1; }
      this.whitespace = false;
      this.indention = false;
      var spaces = false, breaks = false, start = 0, end = 0, n = t.length;
      while (end <= n) {
        var ch = end < n ? t[end] : null;
        if (spaces) {
          if (ch !== " ") {
            if (start + 1 === end && this.column > this.bestWidth && split) {
              this.writeIndent();
              this.whitespace = false;
              this.indention = false;
            } else {
              this.put(t, start, end);
            }
            start = end;
          }
        } else if (breaks) {
          if (!isIn(ch, BREAKS)) {
            if (t[start] === "\n") this.lineBreak();
            this.breaksOut(t, start, end);
            this.writeIndent();
            this.whitespace = false;
            this.indention = false;
            start = end;
          }
        } else if (ch === null || isIn(ch, " " + BREAKS)) {
          this.put(t, start, end);
          start = end;
        }
        if (ch !== null) { spaces = ch === " "; breaks = isIn(ch, BREAKS); }
        end++;
      }
    };

    E.writeSingle = function (t, split) {
      this.indicator("'", true);
      var spaces = false, breaks = false, start = 0, end = 0, n = t.length;
      while (end <= n) {
        var ch = end < n ? t[end] : null;
        if (spaces) {
          if (ch === null || ch !== " ") {
            if (start + 1 === end && this.column > this.bestWidth && split && start !== 0 && end !== n) {
              this.writeIndent();
            } else {
              this.put(t, start, end);
            }
            start = end;
          }
        } else if (breaks) {
          if (ch === null || !isIn(ch, BREAKS)) {
            if (t[start] === "\n") this.lineBreak();
            this.breaksOut(t, start, end);
            this.writeIndent();
            start = end;
          }
        } else if (ch === null || isIn(ch, " " + BREAKS) || ch === "'") {
          if (start < end) { this.put(t, start, end); start = end; }
        }
        if (ch === "'") { this.column += 2; this.out.push("''"); start = end + 1; }
        if (ch !== null) { spaces = ch === " "; breaks = isIn(ch, BREAKS); }
        end++;
      }
      this.indicator("'", false);
    };

    E.writeDouble = function (t, split) {
      this.indicator("\"", true);
      var start = 0, end = 0, n = t.length;
      while (end <= n) {
        var ch = end < n ? t[end] : null;
        var c = ch === null ? -1 : ch.codePointAt(0);
        if (ch === null || isIn(ch, "\"\\\x85\u2028\u2029\uFEFF") ||
            !((c >= 0x20 && c <= 0x7E) || (c >= 0xA0 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD))) {
          if (start < end) { this.put(t, start, end); start = end; }
          if (ch !== null) {
            var data;
            if (has(ESCAPES, ch)) data = "\\" + ESCAPES[ch];
            else if (c <= 0xFF) data = "\\x" + hex(c, 2);
            else if (c <= 0xFFFF) data = "\\u" + hex(c, 4);
            else data = "\\U" + hex(c, 8);
            this.column += data.length;
            this.out.push(data);
            start = end + 1;
          }
        }
        if (end > 0 && end < n - 1 && (ch === " " || start >= end) &&
            this.column + (end - start) > this.bestWidth && split) {
          var piece = t.slice(start, end);
          if (start < end) start = end;
          this.column += piece.length + 1;
          this.out.push(piece.join("") + "\\");
          this.writeIndent();
          this.whitespace = false;
          this.indention = false;
          if (t[start] === " ") { this.column += 1; this.out.push("\\"); }
        }
        end++;
      }
      this.indicator("\"", false);
    };

    E.blockHints = function (t) {
      var hints = "";
      if (t.length) {
        if (isIn(t[0], " " + BREAKS)) hints += String(this.bestIndent);
        if (!isIn(t[t.length - 1], BREAKS)) hints += "-";
        else if (t.length === 1 || isIn(t[t.length - 2], BREAKS)) hints += "+";
      }
      return hints;
    };

    E.writeLiteral = function (t) {
      var hints = this.blockHints(t);
      this.indicator("|" + hints, true);
      if (hints.slice(-1) === "+") this.openEnded = true;
      this.lineBreak();
      var breaks = true, start = 0, end = 0, n = t.length;
      while (end <= n) {
        var ch = end < n ? t[end] : null;
        if (breaks) {
          if (ch === null || !isIn(ch, BREAKS)) {
            this.breaksOut(t, start, end);
            if (ch !== null) this.writeIndent();
            start = end;
          }
        } else if (ch === null || isIn(ch, BREAKS)) {
          this.out.push(t.slice(start, end).join(""));  /* PyYAML does not count these columns */
          if (ch === null) this.lineBreak();
          start = end;
        }
        if (ch !== null) breaks = isIn(ch, BREAKS);
        end++;
      }
    };

    E.chooseStyle = function (ev, a) {
      if (!ev.style && ev.implicit) {
        if (!(this.simpleKeyCtx && (a.empty || a.multiline)) &&
            ((this.flowLevel && a.flowPlain) || (!this.flowLevel && a.blockPlain))) return "";
      }
      if (ev.style === "|") {
        if (!this.flowLevel && !this.simpleKeyCtx && a.block) return "|";
      }
      if (!ev.style) {
        if (a.single && !(this.simpleKeyCtx && a.multiline)) return "'";
      }
      return "\"";
    };

    E.scalar = function (value) {
      var ev;
      if (typeof value === "number") {
        if (!isFinite(value) || Math.floor(value) !== value) throw new Error("only whole numbers are written");
        ev = { text: String(value), style: null, implicit: true };
      } else if (typeof value === "string") {
        ev = { text: value, style: value.indexOf("\n") !== -1 ? "|" : null, implicit: !resolvesToOther(value) };
      } else {
        throw new Error("cannot write " + typeof value);
      }
      this.increaseIndent(true, false);
      var t = Array.from(ev.text);
      var a = analyze(t);
      var style = this.chooseStyle(ev, a);
      var split = !this.simpleKeyCtx;
      if (style === "\"") this.writeDouble(t, split);
      else if (style === "'") this.writeSingle(t, split);
      else if (style === "|") this.writeLiteral(t);
      else this.writePlain(t, split);
      this.indent = this.indents.pop();
    };

    E.node = function (value, ctx) {
      this.rootCtx = !!ctx.root;
      this.mapCtx = !!ctx.mapping;
      this.simpleKeyCtx = !!ctx.simpleKey;
      if (Array.isArray(value)) {
        if (this.flowLevel || !value.length) this.flowEmpty("[", "]", value.length);
        else this.sequence(value);
      } else if (value !== null && typeof value === "object") {
        var keys = Object.keys(value);
        if (this.flowLevel || !keys.length) this.flowEmpty("{", "}", keys.length);
        else this.mapping(value, keys);
      } else {
        this.scalar(value);
      }
    };
    E.flowEmpty = function (open, close, size) {
      if (size) throw new Error("flow collections are not written");
      this.indicator(open, true, true);
      this.flowLevel++;
      this.increaseIndent(true, false);
      this.indent = this.indents.pop();
      this.flowLevel--;
      this.indicator(close, false);
    };
    E.sequence = function (items) {
      this.increaseIndent(false, this.mapCtx && !this.indention);
      for (var i = 0; i < items.length; i++) {
        this.writeIndent();
        this.indicator("-", true, false, true);
        this.node(items[i], { sequence: true });
      }
      this.indent = this.indents.pop();
    };
    E.mapping = function (value, keys) {
      this.increaseIndent(false, false);
      for (var i = 0; i < keys.length; i++) {
        var key = keys[i];
        this.writeIndent();
        var kt = Array.from(key);
        var ka = analyze(kt);
        if (kt.length < 128 && !ka.empty && !ka.multiline) {
          this.node(key, { mapping: true, simpleKey: true });
          this.indicator(":", false);
          this.node(value[key], { mapping: true });
        } else {
          this.indicator("?", true, false, true);
          this.node(key, { mapping: true });
          this.writeIndent();
          this.indicator(":", true, false, true);
          this.node(value[key], { mapping: true });
        }
      }
      this.indent = this.indents.pop();
    };

    /* yaml.dump(value, Dumper=serialize._Dumper, allow_unicode=True, sort_keys=False, ...) */
    function dumpYaml(value) {
      var e = new Emitter();
      e.node(value, { root: true });
      e.writeIndent();
      if (e.openEnded) { e.indicator("...", true); e.writeIndent(); }
      return e.out.join("");
    }

    function deref(spec) {
      while (spec && spec.$ref) spec = schemaRoot.$defs[spec.$ref.split("/").pop()];
      return spec;
    }

    /* serialize.ordered: keys in the schema's order, unknown keys last */
    function ordered(value, spec) {
      spec = deref(spec);
      if (Array.isArray(value)) {
        return value.map(function (v) { return ordered(v, (spec || {}).items); });
      }
      if (value !== null && typeof value === "object") {
        var props = (spec && spec.properties) || {};
        var keys = Object.keys(props).filter(function (k) { return has(value, k); })
          .concat(Object.keys(value).filter(function (k) { return !has(props, k); }));
        var out = {};
        keys.forEach(function (k) { out[k] = ordered(value[k], props[k]); });
        return out;
      }
      return value;
    }

    /* serialize.dump_case: front matter in schema order, then the body */
    function dumpCase(meta, body) {
      var yamlText = strip(dumpYaml(ordered(meta, schemaRoot)));
      var text = strip("---\n" + yamlText + "\n---\n\n" + strip(body, "\n") + "\n");
      return text.replace(/\n+$/, "") + "\n";
    }

    /* scaffold.body_from_sections */
    function bodyFromSections(texts) {
      var parts = [];
      cfg.sections.forEach(function (s) {
        var text = strip(texts[s.id] || "");
        if (text) parts.push("## " + s.label + "\n\n" + text);
      });
      return parts.join("\n\n");
    }

    /* ids.slugify and ids.from_title (a personnummer in a title is refused before an id is made) */
    function slugify(name) {
      var out = "";
      Array.from(name.normalize("NFKC")).forEach(function (ch) {  /* as ids.slugify: ﬁ, ², Ａ */
        if (has(cfg.slug.table, ch)) out += cfg.slug.table[ch];
        else if (/^[A-Za-z0-9]$/.test(ch)) out += ch.toLowerCase();
        else out += "-";
      });
      out = out.replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
      return out || cfg.slug.fallback;
    }
    function withoutPersonnummer(slug) {  /* ids._without_personnummer: "811218/9876" → "" */
      var words = slug.split("-");
      [3, 2, 1].forEach(function (size) {  /* 19811218-9876 is two words, 811218 9876 two, 8112189876 one */
        for (var start = 0; start + size <= words.length; start++) {
          var part = words.slice(start, start + size);
          if (part.every(function (w) { return /^[0-9]+$/.test(w); }) && findNumber(part.join(" "))) {
            for (var k = start; k < start + size; k++) words[k] = "";
          }
        }
      });
      return words.filter(Boolean).join("-");
    }
    function suggestId(title) {
      var slug = withoutPersonnummer(slugify(title)) || cfg.slug.fallback;
      if (slug.length > cfg.slug.max) {
        var head = slug.slice(0, cfg.slug.max + 1);
        slug = (head.indexOf("-") !== -1 ? head.slice(0, head.lastIndexOf("-")) : slug.slice(0, cfg.slug.max))
          .replace(/^-+|-+$/g, "");
      }
      if (cfg.slug.reserved.indexOf(slug) !== -1) slug += "-exempel";  /* ids.RESERVED */
      return slug;
    }

    /* urllib.parse.quote(text, safe=""), and Repo.new_case_url */
    function quote(text) {
      return encodeURIComponent(text).replace(/[!'()*]/g, function (c) {
        return "%" + c.charCodeAt(0).toString(16).toUpperCase();
      });
    }
    function newCaseUrl(id, content) {
      return cfg.repoUrl + "/new/" + cfg.branch + "/examples?filename=" + quote(id) + ".md&value=" + quote(content);
    }

    /* Form values → front matter: text trimmed, empty values and groups left out, numbers read,
       repeated values in a list of unique values written once. */
    function clean(value, spec) {
      spec = deref(spec) || {};
      if (Array.isArray(value)) {
        var items = [];
        value.forEach(function (v) {
          var c = clean(v, spec.items);
          if (c === undefined) return;
          if (spec.uniqueItems && typeof c === "string" && items.indexOf(c) !== -1) return;
          items.push(c);
        });
        return items.length ? items : undefined;
      }
      if (value !== null && typeof value === "object") {
        var out = {}, any = false;
        Object.keys(value).forEach(function (k) {
          var c = clean(value[k], (spec.properties || {})[k]);
          if (c !== undefined) { out[k] = c; any = true; }
        });
        return any ? out : undefined;
      }
      if (typeof value === "string") {
        var s = strip(value);
        if (!s) return undefined;
        if (spec.type === "integer") {
          var compact = s.replace(/\s/g, "");
          return /^[0-9]+$/.test(compact) ? Number(compact) : s;
        }
        return s;
      }
      return value;
    }

    /* ---- the issue form's answers: the e-mail and the prefilled issue ---------------------- */

    var ISSUE = cfg.issue;

    function vocabLabel(vocab, value) {
      var terms = vocab && cfg.vocabularies[vocab];
      return terms && has(terms, value) ? terms[value] : String(value);
    }
    function escapeSeparator(text) { return text.split(ISSUE.separator).join("\\" + ISSUE.separator); }

    /* One answer as a person types it into the issue form, and as `from-issue` reads it back
       (issue_form.to_case): labels for choices, one line per item, parts joined with " | ". */
    function answerText(e, value) {
      if (e.kind === "choices") return value.map(function (v) { return vocabLabel(e.vocabulary, v); }).join(", ");
      if (e.kind === "choice") return vocabLabel(e.vocabulary, value);
      if (e.kind === "strings") return value.join("\n");
      if (e.kind === "objects") {
        return value.map(function (item) {
          var parts = e.children.map(function (c) {
            return has(item, c.key) ? escapeSeparator(c.vocabulary ? vocabLabel(c.vocabulary, item[c.key]) : String(item[c.key])) : "";
          });
          while (parts.length && !parts[parts.length - 1]) parts.pop();
          return parts.join(" " + ISSUE.separator + " ");
        }).join("\n");
      }
      return String(value);
    }

    /* Every answered question of the issue form, in its order: {name, id, label, text, prefill}.
       The e-mail and the prefilled issue are both made from this list. */
    function answers(meta, sections) {
      var out = [];
      ISSUE.elements.forEach(function (e) {
        var value;
        if (e.section) {
          value = strip((sections || {})[e.section] || "");
          if (!value) return;
          out.push({ name: e.name, id: e.id, label: e.label, text: value, prefill: e.prefill });
          return;
        }
        value = meta;
        for (var i = 0; i < e.path.length && value !== undefined; i++) {
          value = value !== null && typeof value === "object" && has(value, e.path[i]) ? value[e.path[i]] : undefined;
        }
        if (value === undefined || value === null || value === "" || (Array.isArray(value) && !value.length)) return;
        out.push({ name: e.name, id: e.id, label: e.label, text: answerText(e, value), prefill: e.prefill });
      });
      return out;
    }

    /* The issue's text as GitHub writes it for a filled-in form: "### Label", a blank line,
       the answer; the licence box ticked. */
    function issueBody(list) {
      return list.map(function (a) { return "### " + a.label + "\n\n" + a.text; })
        .concat(["### " + ISSUE.consentLabel + "\n\n- [X] " + ISSUE.consent]).join("\n\n") + "\n";
    }

    function mailSubject(title) { return ISSUE.titlePrefix + title; }

    /* The e-mail is the issue's text, nothing else: the shortest text that from-issue reads
       (the subject says what it is). RFC 6068: CRLF in a mailto body. */
    function mailText(list) { return issueBody(list); }
    function mailtoUrl(to, subject, body) {
      var url = "mailto:" + quote(to).replace("%40", "@") + "?subject=" + quote(subject);
      if (body !== undefined) url += "&body=" + quote(body.replace(/\r?\n/g, "\r\n"));
      return url;
    }

    /* GitHub's issue form with the answers filled in: ?template=…&<question id>=<answer>.
       Questions GitHub cannot fill (drop-down lists) are returned as `picks`; when the address
       would be too long, the longest answers are left out and returned as `copies`. */
    function issueUrl(list, title, max) {
      var base = ISSUE.url + "?template=" + quote(ISSUE.template);
      var filled = [], picks = [], copies = [];
      list.forEach(function (a) { (a.prefill ? filled : picks).push(a); });
      function build() {
        var url = base + "&title=" + quote(mailSubject(title));
        filled.forEach(function (a) { url += "&" + quote(a.id) + "=" + quote(a.text); });
        return url;
      }
      var url = build();
      while (url.length > max && filled.length) {
        var longest = 0;
        filled.forEach(function (a, i) { if (quote(a.text).length > quote(filled[longest].text).length) longest = i; });
        copies.push(filled.splice(longest, 1)[0]);
        url = build();
      }
      var order = list.map(function (a) { return a.name; });
      copies.sort(function (a, b) { return order.indexOf(a.name) - order.indexOf(b.name); });
      return { url: url, picks: picks, copies: copies };
    }

    return {
      dumpYaml: dumpYaml, dumpCase: dumpCase, ordered: ordered, strip: strip,
      bodyFromSections: bodyFromSections, slugify: slugify, suggestId: suggestId,
      quote: quote, newCaseUrl: newCaseUrl, clean: clean, deref: deref,
      answers: answers, issueBody: issueBody, mailText: mailText, mailSubject: mailSubject,
      mailtoUrl: mailtoUrl, issueUrl: issueUrl
    };
  }

  var W = makeWriter(CFG);
  window.GodaExempel = { writer: W };

  var form = document.getElementById("ge-dela-form");
  if (!form) return;
  var root = form.closest("[data-ge-dela]");
  var consent = form.querySelector("[data-ge-consent]");
  var summary = form.querySelector("[data-ge-summary]");
  var draftStatus = form.querySelector("[data-ge-draft-status]");
  var result = root.querySelector("[data-ge-result]");
  var counter = 0;
  var submitted = false;

  /* ---- reading and filling the form --------------------------------------------------------- */

  function childNodes(container) {
    return Array.prototype.filter.call(container.querySelectorAll("[data-ge-node]"), function (n) {
      return n.parentElement.closest("[data-ge-node],[data-ge-item],form") === container;
    });
  }
  function topNode(key) {
    return childNodes(form).filter(function (n) { return n.getAttribute("data-ge-key") === key; })[0] || null;
  }
  function kind(node) { return node.getAttribute("data-ge-kind"); }
  function control(node) { return node.querySelector("[data-ge-control]"); }
  function itemsBox(node) { return node.querySelector("[data-ge-items]"); }
  function items(node) { return Array.prototype.slice.call(itemsBox(node).children); }
  function boxes(node) { return Array.prototype.slice.call(node.querySelectorAll("input[type=checkbox]")); }

  function read(node) {
    switch (kind(node)) {
      case "choices":
        return boxes(node).filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
      case "strings":
        return items(node).map(function (item) { return control(item).value; });
      case "objects":
        return items(node).map(readChildren);
      case "group":
        return readChildren(node);
      default:
        return control(node).value;
    }
  }
  function readChildren(container) {
    var out = {};
    childNodes(container).forEach(function (n) { out[n.getAttribute("data-ge-key")] = read(n); });
    return out;
  }

  function fill(node, value) {
    switch (kind(node)) {
      case "choices":
        boxes(node).forEach(function (b) { b.checked = Array.isArray(value) && value.indexOf(b.value) !== -1; });
        break;
      case "strings":
      case "objects":
        value = Array.isArray(value) ? value : [];
        setCount(node, value.length);
        items(node).forEach(function (item, i) {
          if (kind(node) === "strings") control(item).value = value[i] == null ? "" : String(value[i]);
          else fillChildren(item, value[i] || {});
        });
        break;
      case "group":
        fillChildren(node, value || {});
        break;
      default:
        control(node).value = value == null ? "" : String(value);
    }
  }
  function fillChildren(container, values) {
    childNodes(container).forEach(function (n) { fill(n, values[n.getAttribute("data-ge-key")]); });
  }

  function sectionBoxes() { return Array.prototype.slice.call(form.querySelectorAll("[data-ge-section] textarea")); }

  function collect() {
    var sections = {};
    sectionBoxes().forEach(function (t) { sections[t.closest("[data-ge-section]").getAttribute("data-ge-section")] = t.value; });
    return { meta: readChildren(form), sections: sections, consent: consent.checked };
  }

  function restore(data) {
    fillChildren(form, data.meta || {});
    sectionBoxes().forEach(function (t) {
      var v = (data.sections || {})[t.closest("[data-ge-section]").getAttribute("data-ge-section")];
      t.value = v == null ? "" : String(v);
    });
    consent.checked = !!data.consent;
    openFilled();
  }

  function caseFromForm() {
    var data = collect();
    var meta = W.clean(data.meta, CFG.schema) || {};
    var stamp = today();
    CFG.automatic.forEach(function (key) { meta[key] = stamp; });
    return { id: W.suggestId(typeof meta.title === "string" ? meta.title : ""), meta: meta,
             body: W.bodyFromSections(data.sections), sections: data.sections };
  }

  /* ---- lists: add, remove, number --------------------------------------------------------------- */

  function minOf(node) { return parseInt(node.getAttribute("data-ge-min") || "0", 10); }

  function addItem(node) {
    var tpl = node.querySelector("template[data-ge-template]");
    var frag = tpl.content.cloneNode(true);
    counter++;
    Array.prototype.forEach.call(frag.querySelectorAll("[id],[for],[aria-describedby]"), function (el) {
      ["id", "for", "aria-describedby"].forEach(function (name) {
        if (el.hasAttribute(name)) el.setAttribute(name, el.getAttribute(name).split("__N__").join(String(counter)));
      });
    });
    var item = frag.firstElementChild;
    itemsBox(node).appendChild(frag);
    renumber(node);
    return item;
  }
  function setCount(node, count) {
    count = Math.max(count, minOf(node));
    while (items(node).length > count) items(node)[items(node).length - 1].remove();
    while (items(node).length < count) addItem(node);
    renumber(node);
  }
  function renumber(node) {
    var list = items(node), min = minOf(node);
    list.forEach(function (item, i) {
      Array.prototype.forEach.call(item.querySelectorAll("[data-ge-pos]"), function (p) { p.textContent = String(i + 1); });
      var remove = item.querySelector("[data-ge-remove]");
      if (remove) remove.hidden = list.length <= min;
      if (kind(node) === "strings") control(item).required = i < min;
    });
  }

  /* ---- what HTML cannot say: conditional and group requirements --------------------------------- */

  function hasValue(el) {
    if (el.type === "checkbox") return el.checked;
    return W.strip(el.value) !== "";
  }

  function applyConditions() {
    (CFG.conditions || []).forEach(function (rule) {
      var active = Object.keys(rule.when).every(function (key) {
        var n = topNode(key);
        return n && rule.when[key].indexOf(read(n)) !== -1;
      });
      rule.then.forEach(function (key) {
        var n = topNode(key);
        if (!n) return;
        var marker = n.querySelector("[data-ge-req]");
        if (marker) marker.hidden = !active;
        if (kind(n) === "strings" || kind(n) === "objects") {
          var base = parseInt(n.getAttribute("data-ge-min-base") || "0", 10);
          n.setAttribute("data-ge-min", String(active ? Math.max(base, rule.min[key] || 1) : base));
          if (items(n).length < minOf(n)) setCount(n, minOf(n));
          renumber(n);
        } else {
          var c = control(n);
          if (c) c.required = active;
        }
      });
    });
  }

  function applyOptionalGroups() {
    Array.prototype.forEach.call(form.querySelectorAll("[data-ge-kind=group][data-ge-optional]"), function (g) {
      var used = Array.prototype.some.call(g.querySelectorAll("[data-ge-control]"), hasValue);
      Array.prototype.forEach.call(g.querySelectorAll("[data-ge-required]"), function (c) {
        c.required = used;
        var label = form.querySelector("label[for=\"" + c.id + "\"] [data-ge-req]");
        if (label) label.hidden = !used;
      });
    });
  }

  function applyChoiceMinimums() {
    Array.prototype.forEach.call(form.querySelectorAll("[data-ge-kind=choices]"), function (n) {
      var list = boxes(n);
      var none = !list.some(function (b) { return b.checked; });
      list.forEach(function (b) { b.required = minOf(n) > 0 && none; });
    });
  }

  /* An item beyond a list's minimum that is still empty asks nothing: it is left out of the
     case (an opened folded list starts with one). Once something is typed in it, it is whole. */
  function applyEmptyItems() {
    Array.prototype.forEach.call(form.querySelectorAll("[data-ge-kind=objects]"), function (n) {
      items(n).forEach(function (item, i) {
        var all = Array.prototype.slice.call(item.querySelectorAll("[data-ge-control]"));
        all.forEach(function (c) { if (c.required && !c.hasAttribute("data-ge-item-required")) c.setAttribute("data-ge-item-required", ""); });
        var used = i < minOf(n) || all.some(hasValue);
        all.forEach(function (c) { if (c.hasAttribute("data-ge-item-required")) c.required = used; });
      });
    });
  }

  /* ---- the cross-field rules of rules.yaml (rules.as_json()), as goda_exempel.rules applies them */

  var MISSING = {};
  var DATE = new RegExp(CFG.rules.datePattern);

  function getPath(meta, path) {
    var value = meta;
    for (var i = 0; i < path.length; i++) {
      if (value === null || typeof value !== "object" || Array.isArray(value) ||
          !Object.prototype.hasOwnProperty.call(value, path[i])) return MISSING;
      value = value[path[i]];
    }
    return value;
  }
  function oneOf(value, list) {
    if (Array.isArray(value)) return value.some(function (v) { return typeof v === "string" && list.indexOf(v) !== -1; });
    return typeof value === "string" && list.indexOf(value) !== -1;
  }
  function broken(rule, meta) {
    var value = getPath(meta, rule.field);
    if (rule.kind === "not-before") {
      var other = getPath(meta, rule.other);
      if (!(typeof value === "string" && typeof other === "string" && DATE.test(value) && DATE.test(other))) return false;
      return value.slice(0, other.length) < other.slice(0, value.length);
    }
    if (!oneOf(getPath(meta, rule.when.field), rule.when["in"])) return false;
    if (rule.kind === "required-when") return value === MISSING || value === "" || (Array.isArray(value) && !value.length);
    if (rule.kind === "empty-when") return value !== MISSING && value !== "" && value !== null && !(Array.isArray(value) && !value.length);
    return oneOf(value, rule.not_in);  /* not-in-when */
  }
  function shown(value) { return value === MISSING ? "" : String(value); }
  function ruleText(rule, meta) {
    var text = rule.message.split("{value}").join(shown(getPath(meta, rule.field)));
    if (rule.other) text = text.split("{other}").join(shown(getPath(meta, rule.other)));
    return text;
  }
  /* The message next to the field: the validator's message, which follows the field's name
     ("period.end: slutar …"), begins a sentence here. */
  function sentence(text) { return text.charAt(0).toUpperCase() + text.slice(1); }

  /* The control a rule's message is shown at: the field's own, or a list's first item's. */
  function ruleControl(path) {
    var node = topNode(path[0]);
    for (var i = 1; node && i < path.length; i++) {
      var key = path[i];
      node = childNodes(node).filter(function (n) { return n.getAttribute("data-ge-key") === key; })[0] || null;
    }
    return node ? control(node) : null;
  }

  /* validate's check for a personnummer (personnummer.find, find_in_reader_form and
     reader_form), step by step, with every pattern, character set and limit as
     personnummer.for_browser gives them: a real month and day (or a co-ordination day), not a
     phone number, the check digit, and the number as a reader sees it (another dash, a no-break
     space, fullwidth digits, an HTML entity, a Markdown escape …). */
  var PN = CFG.personnummer.rule;
  function pnPattern(source) { return new RegExp(source, "gu"); }
  var PN_NUMBER = pnPattern(PN.number), PN_COUNT = pnPattern(PN.count), PN_TAG = pnPattern(PN.tag),
    PN_EMPHASIS = pnPattern(PN.emphasis), PN_ESCAPE = pnPattern(PN.escape), PN_PERCENT = pnPattern(PN.percent),
    PN_INVISIBLE = pnPattern("[" + PN.invisible + "]"), PN_DASH = pnPattern("[" + PN.dash + "]"),
    PN_SPACE = pnPattern("[" + PN.space + "]+"), PN_WHITESPACE = pnPattern("[" + PN.whitespace + "]+"),
    PN_CHARREF = pnPattern(PN.charref);
  function digitValue(ch) {  /* int() of one decimal digit of any script */
    var code = ch.codePointAt(0);
    for (var i = 0; i < PN.digitRuns.length; i++) {
      var run = PN.digitRuns[i];
      if (code >= run[0] && code <= run[1]) return (code - run[0]) % 10;
    }
    return NaN;
  }
  function digitsValue(text) {
    return Array.from(text).reduce(function (n, ch) { return n * 10 + digitValue(ch); }, 0);
  }
  function luhn(digits) {
    var total = 0;
    Array.from(digits).forEach(function (ch, i) {
      var n = digitValue(ch) * (i % 2 === 0 ? 2 : 1);
      total += n > 9 ? n - 9 : n;
    });
    return total % 10 === 0;
  }
  function findNumber(text) {  /* personnummer.find: any hit */
    PN_NUMBER.lastIndex = 0;
    var m;
    while ((m = PN_NUMBER.exec(text)) !== null) {
      var yy = m[1] !== undefined ? m[1] : m[2];
      var month = digitsValue(m[3]), day = digitsValue(m[4]);
      var dayOk = PN.days.some(function (d) { return day >= d[0] && day <= d[1]; });
      if (month < PN.months[0] || month > PN.months[1] || !dayOk) continue;
      if (m[2] !== undefined && !m[5] && m[0].charAt(0) === "0") continue;  /* a phone number */
      if (luhn(yy + m[3] + m[4] + m[6])) return true;
    }
    return false;
  }
  function charref(all, s) {  /* html.unescape, one reference */
    if (s.charAt(0) === "#") {
      var num = s.charAt(1) === "x" || s.charAt(1) === "X" ? parseInt(s.slice(2), 16) : parseInt(s.slice(1), 10);
      if (Object.prototype.hasOwnProperty.call(PN.invalidCharrefs, String(num))) return PN.invalidCharrefs[String(num)];
      if ((num >= 0xD800 && num <= 0xDFFF) || num > 0x10FFFF) return "\uFFFD";
      if (PN.invalidCodepoints.indexOf(num) !== -1) return "";
      return String.fromCodePoint(num);
    }
    /* a named one: the browser knows HTML's names, and reads "&notit;" as "¬it;" as Python does
       (a name has no \r, which an HTML parser would make \n) */
    var cr = all.indexOf("\r");
    if (cr !== -1) return charref(all.slice(0, cr), all.slice(1, cr)) + all.slice(cr);
    if (!namedRefs.has(all)) namedRefs.set(all, new DOMParser().parseFromString(all, "text/html").body.textContent);
    return namedRefs.get(all);
  }
  var namedRefs = new Map();
  function unquoteRun(run) {  /* urllib.parse.unquote of %xx%xx…, and [\r\n] as spaces */
    var bytes = run.match(/%[0-9A-Fa-f]{2}/g).map(function (h) { return parseInt(h.slice(1), 16); });
    return new TextDecoder("utf-8", { ignoreBOM: true }).decode(new Uint8Array(bytes)).replace(/[\r\n]/g, " ");
  }
  function readerForm(text) {
    text = text.replace(PN_TAG, "").replace(PN_EMPHASIS, "");
    text = (text.indexOf("&") === -1 ? text : text.replace(PN_CHARREF, charref)).replace(PN_ESCAPE, "$1");
    text = text.replace(PN_PERCENT, unquoteRun);
    text = text.normalize("NFKC").replace(PN_INVISIBLE, "");
    text = text.replace(/\r/g, " ").replace(PN_DASH, "-");
    return text.replace(PN_SPACE, " ");
  }
  function findInReaderForm(text) {
    if ((text.match(PN_COUNT) || []).length < 10 && text.indexOf("&#") === -1) return false;
    return findNumber(readerForm(text));
  }
  /* Whether validate refuses the text (personnummer.in_text): also a number broken over two
     lines, which validate looks for in every value and in the case's text. */
  function hasPersonnummer(text) {
    if (findNumber(text) || findInReaderForm(text)) return true;
    return findInReaderForm(text.split(PN_WHITESPACE).filter(Boolean).join(" "));
  }

  /* Messages the browser cannot work out itself: a personnummer anywhere, a title whose id is
     taken (the file's id is made from the title) and every broken cross-field rule. */
  var customized = [];
  function customChecks() {
    var messages = new Map();
    controls().forEach(function (c) {
      if ((c.tagName === "TEXTAREA" || c.type === "text" || c.type === "number") &&
          hasPersonnummer(c.value)) {
        messages.set(c, { text: sentence(CFG.personnummer.message), name: "personnummer" });
      }
    });
    var title = titleControl();
    if (title && !messages.has(title)) {
      var id = W.suggestId(W.strip(title.value));
      if (W.strip(title.value) !== "" && CFG.ids.indexOf(id) !== -1) {
        messages.set(title, { text: "Det finns redan ett exempel med en nästan likadan rubrik (adressen exempel/" + id +
          "/ är upptagen). Skriv en rubrik som skiljer sig från den.", name: "id" });
      }
    }
    var meta = caseFromForm().meta;
    CFG.rules.rules.forEach(function (rule) {
      var c = ruleControl(rule.field);
      if (c && !messages.has(c) && broken(rule, meta)) messages.set(c, { text: sentence(ruleText(rule, meta)), name: rule.id });
    });
    customized.forEach(function (c) { if (!messages.has(c)) { c.setCustomValidity(""); c.removeAttribute("data-ge-rule"); } });
    customized = [];
    messages.forEach(function (m, c) { c.setCustomValidity(m.text); c.setAttribute("data-ge-rule", m.name); customized.push(c); });
  }

  function refresh() {
    applyConditions();
    applyEmptyItems();
    applyOptionalGroups();
    applyChoiceMinimums();
    customChecks();
  }

  /* ---- messages next to the fields, in Swedish ------------------------------------------------ */

  function message(el) {
    var v = el.validity;
    var length = el.value ? el.value.length : 0;
    if (v.customError) return el.validationMessage;
    if (v.valueMissing) {
      if (el.type === "checkbox") return el.hasAttribute("data-ge-consent") ? "Kryssa i rutan för att kunna skicka." : "Välj minst ett alternativ.";
      if (el.tagName === "SELECT") return "Välj ett alternativ.";
      return "Fyll i det här fältet.";
    }
    if (v.badInput) return "Skriv ett heltal, utan mellanslag.";
    if (v.tooShort || (el.minLength > 0 && length > 0 && length < el.minLength)) {
      return "Skriv minst " + el.minLength + " tecken (nu " + length + ").";
    }
    if (v.tooLong || (el.maxLength > 0 && length > el.maxLength)) {
      return "Högst " + el.maxLength + " tecken är tillåtet (nu " + length + ").";
    }
    if (v.patternMismatch) {
      if (el.getAttribute("data-ge-message")) return el.getAttribute("data-ge-message");
      var hint = el.getAttribute("data-ge-hint");
      return hint ? "Skriv " + hint + "." : "Texten har fel form.";
    }
    if (v.rangeUnderflow) return "Får inte vara mindre än " + el.min + ".";
    if (v.stepMismatch) return "Skriv ett heltal.";
    if (v.typeMismatch) return "Texten har fel form.";
    return "";
  }

  function errorBox(el) {
    var ids = (el.getAttribute("aria-describedby") || "").split(/\s+/);
    for (var i = 0; i < ids.length; i++) {
      if (/-fel$/.test(ids[i])) return document.getElementById(ids[i]);
    }
    return null;
  }

  function textOf(label) {
    if (!label) return "";
    var copy = label.cloneNode(true);
    Array.prototype.forEach.call(copy.querySelectorAll(".ge-req,.ge-check__desc,.ge-visually-hidden"), function (x) { x.remove(); });
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  function describe(el) {
    var parts = [];
    var choices = el.type === "checkbox" && el.closest("[data-ge-kind=choices]");
    var label = choices ? choices.querySelector("legend") : form.querySelector("label[for=\"" + el.id + "\"]");
    var node = el.closest("[data-ge-node]");
    var outer = node && node.parentElement.closest("[data-ge-item],[data-ge-node]");
    while (outer) {
      if (outer.hasAttribute("data-ge-item") && outer.tagName === "FIELDSET") parts.unshift(textOf(outer.querySelector("legend")));
      else if (outer.hasAttribute("data-ge-node") && kind(outer) === "group") parts.unshift(textOf(outer.querySelector("legend")));
      outer = outer.parentElement.closest("[data-ge-item],[data-ge-node]");
    }
    parts.push(textOf(label));
    return parts.filter(Boolean).join(" › ");
  }

  function controls() { return Array.prototype.slice.call(form.querySelectorAll("[data-ge-control]")); }

  function check(show) {
    refresh();
    var found = [];
    var boxesSeen = new Map();
    controls().forEach(function (el) {
      var text = message(el);
      var box = errorBox(el);
      if (show) {
        if (text) el.setAttribute("aria-invalid", "true");
        else el.removeAttribute("aria-invalid");
      }
      if (box && !boxesSeen.has(box)) boxesSeen.set(box, "");
      if (text && box && !boxesSeen.get(box)) {
        boxesSeen.set(box, text);
        found.push({ el: el, text: text });
      }
    });
    if (show) {
      Array.prototype.forEach.call(form.querySelectorAll("[data-ge-error]"), function (box) {
        var text = boxesSeen.get(box) || "";
        box.textContent = text;
        box.hidden = !text;
        if (text) openAround(box);
      });
    }
    return found;
  }

  function showSummary(found) {
    summary.textContent = "";
    var heading = document.createElement("p");
    heading.className = "ge-form__summary-title";
    heading.textContent = found.length === 1 ? "Rätta ett fel innan du skickar:" : "Rätta " + found.length + " fel innan du skickar:";
    summary.appendChild(heading);
    var list = document.createElement("ul");
    found.forEach(function (f) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = "#" + f.el.id;
      a.textContent = describe(f.el) + ": " + f.text;
      a.addEventListener("click", function (ev) { ev.preventDefault(); goTo(f.el); });
      li.appendChild(a);
      list.appendChild(li);
    });
    summary.appendChild(list);
    summary.hidden = false;
    summary.setAttribute("role", "alert");
    /* its heading in view below the sticky header (scroll-margin-top in dela.css) */
    summary.focus({ preventScroll: true });
    summary.scrollIntoView({ block: "start" });
  }

  /* A field with an error: its folded part opened, its label in view, the focus in it. */
  function goTo(control) {
    openAround(control);
    var field = control.closest(".ge-check") ? control.closest("[data-ge-node]") : control.closest(".ge-field,.ge-item,[data-ge-node]");
    control.focus({ preventScroll: true });
    (field || control).scrollIntoView({ block: "start" });
  }

  function openAround(node) {
    for (var d = node.closest("details"); d; d = d.parentElement.closest("details")) d.open = true;
  }

  /* Folded parts that hold something are open (a restored draft, an item added). */
  function openFilled() {
    Array.prototype.forEach.call(form.querySelectorAll("details[data-ge-more]"), function (d) {
      if (Array.prototype.some.call(d.querySelectorAll("[data-ge-control]"), hasValue)) d.open = true;
    });
  }
  function hideSummary() { summary.hidden = true; summary.textContent = ""; }

  /* ---- the draft ---------------------------------------------------------------------------------- */

  function saveDraft() {
    try {
      localStorage.setItem(CFG.draftKey, JSON.stringify({ v: 1, data: collect() }));
    } catch (e) {
      draftStatus.textContent = "Utkastet kunde inte sparas i den här webbläsaren. Spara texten någon annanstans innan du stänger sidan.";
    }
  }
  function loadDraft() {
    try {
      var stored = JSON.parse(localStorage.getItem(CFG.draftKey) || "null");
      return stored && stored.v === 1 ? stored.data : null;
    } catch (e) {
      return null;
    }
  }

  /* ---- the preview ------------------------------------------------------------------------------- */

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text != null) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }

  function label(value, spec) {
    spec = W.deref(spec) || {};
    var vocab = spec["x-vocabulary"] && CFG.vocabularies[spec["x-vocabulary"]];
    return vocab && vocab[value] ? vocab[value] : String(value);
  }

  function factText(value, spec, inList) {
    spec = W.deref(spec) || {};
    if (Array.isArray(value)) {
      var itemSpec = W.deref(spec.items) || {};
      if (itemSpec.type === "object") return value.map(function (v) { return factText(v, itemSpec, true); }).join("\n");
      return value.map(function (v) { return label(v, itemSpec); }).join(", ");
    }
    if (value !== null && typeof value === "object") {
      var props = spec.properties || {};
      return Object.keys(value).map(function (k) {
        var text = factText(value[k], props[k]);
        var title = (W.deref(props[k]) || {}).title;
        return inList || !title ? text : title + ": " + text;
      }).join(inList ? ", " : "\n");
    }
    return label(value, spec);
  }

  function paragraphs(target, text) {
    text.split(/\n{2,}/).forEach(function (block) {
      var lines = block.split("\n");
      if (lines.every(function (l) { return /^\s*([-*]|\d+\.)\s+/.test(l) || /^\s{2,}/.test(l); })) {
        var list = el("ul");
        lines.forEach(function (l) { if (/^\s*([-*]|\d+\.)\s+/.test(l)) list.appendChild(el("li", l.replace(/^\s*([-*]|\d+\.)\s+/, ""))); });
        target.appendChild(list);
      } else {
        target.appendChild(el("p", block));
      }
    });
  }

  var previewTimer = null;
  function renderPreview() {
    previewTimer = null;
    var box = root.querySelector("[data-ge-preview]");
    var fileBox = root.querySelector("[data-ge-file]");
    var c = caseFromForm();
    var m = c.meta;
    box.textContent = "";
    box.appendChild(el("h3", m.title || "Rubrik", "ge-preview__title"));
    if (m.summary) box.appendChild(el("p", m.summary, "ge-summary"));
    var dl = el("dl", null, "ge-preview__facts");
    Object.keys(CFG.schema.properties).forEach(function (key) {
      if (key === "title" || key === "summary" || m[key] === undefined) return;
      var spec = CFG.schema.properties[key];
      var row = el("div", null, "ge-fact");
      row.appendChild(el("dt", spec.title));
      row.appendChild(el("dd", factText(m[key], spec)));
      dl.appendChild(row);
    });
    if (dl.children.length) box.appendChild(dl);
    var texts = collect().sections;
    CFG.sections.forEach(function (s) {
      var text = W.strip(texts[s.id] || "");
      if (!text) return;
      box.appendChild(el("h4", s.label));
      paragraphs(box, text);
    });
    try {
      fileBox.textContent = W.dumpCase(m, c.body);
    } catch (e) {
      fileBox.textContent = "";
    }
  }
  function schedulePreview() {
    if (previewTimer) clearTimeout(previewTimer);
    previewTimer = setTimeout(renderPreview, 150);
  }

  function choiceHelp(select) {
    var help = select.parentElement.querySelector("[data-ge-choice-help]");
    if (!help) return;
    var option = select.options[select.selectedIndex];
    help.textContent = option && option.value ? option.getAttribute("data-description") || "" : "";
  }

  /* ---- sending ------------------------------------------------------------------------------------- */

  function q(sel) { return result.querySelector(sel); }

  /* Copy text: the Clipboard API, else the old way from a selected text area, else say how. */
  function copy(text, area, status, done) {
    function fallback() {
      var ok = false;
      if (area) {
        var show = area.closest("details");
        if (show) show.open = true;
        area.value = text;
        area.focus();
        area.select();
        try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      }
      status.textContent = ok ? done : "Kopieringen stoppades av webbläsaren. Markera texten i rutan och kopiera den (Ctrl+C eller ⌘+C).";
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(function () { status.textContent = done; }, fallback);
    } else {
      fallback();
    }
  }

  var sending = null;  /* what the last successful check produced */

  function showMail(c, list) {
    var way = q("[data-ge-way=mail]");
    if (!way) return;
    var to = CFG.mail.to;
    var subject = W.mailSubject(c.meta.title);
    var text = W.mailText(list);
    var url = W.mailtoUrl(to, subject, text);
    var short = url.length <= CFG.mail.max;
    sending.mail = { text: text, url: url, subject: subject };
    q("[data-ge-mail-short]").hidden = !short;
    q("[data-ge-mail-long]").hidden = short;
    q("[data-ge-mail-link]").href = url;
    var toLink = q("[data-ge-mail-to]");
    toLink.href = W.mailtoUrl(to, subject);
    toLink.textContent = to;
    q("[data-ge-mail-text]").value = text;
    q("[data-ge-mail-status]").textContent = "";
    way.setAttribute("data-ge-mail-url", url);
  }

  function showIssue(c, list) {
    var made = W.issueUrl(list, c.meta.title, CFG.maxUrl);
    sending.issue = made;
    q("[data-ge-issue-link]").href = made.url;
    var pickBox = q("[data-ge-issue-picks]"), pickList = q("[data-ge-issue-pick-list]");
    pickList.textContent = "";
    made.picks.forEach(function (a) {
      var li = el("li");
      li.appendChild(el("strong", a.label + ": "));
      li.appendChild(document.createTextNode(a.text));
      pickList.appendChild(li);
    });
    pickBox.hidden = !made.picks.length;
    var copyBox = q("[data-ge-issue-copies]"), copyList = q("[data-ge-issue-copy-list]");
    copyList.textContent = "";
    made.copies.forEach(function (a, i) {
      var li = el("li");
      var button = el("button", "Kopiera ”" + a.label + "”", "md-button ge-copy-answer");
      button.type = "button";
      button.setAttribute("data-ge-issue-copy", String(i));
      li.appendChild(button);
      copyList.appendChild(li);
    });
    copyBox.hidden = !made.copies.length;
    var steps = Array.prototype.filter.call(q("[data-ge-issue-list]").children, function (li) { return !li.hidden; }).length;
    q("[data-ge-issue-steps]").textContent = ["tre", "fyra", "fem", "sex"][steps - 3] || String(steps);
    q("[data-ge-issue-status]").textContent = "";
    q("[data-ge-way=issue]").setAttribute("data-ge-issue-url", made.url);
  }

  function showFile(c) {
    var text = W.dumpCase(c.meta, c.body);
    var url = W.newCaseUrl(c.id, text);
    var short = url.length <= CFG.maxUrl;
    var path = "examples/" + c.id + ".md";
    sending.file = { text: text, url: url };
    q("[data-ge-result-path]").textContent = path;
    q("[data-ge-result-short]").hidden = !short;
    q("[data-ge-result-long]").hidden = short;
    q("[data-ge-result-link]").href = url;
    q("[data-ge-result-text]").value = text;
    var download = q("[data-ge-download]");
    if (download.href && download.href.indexOf("blob:") === 0) URL.revokeObjectURL(download.href);
    download.href = URL.createObjectURL(new Blob([text], { type: "text/markdown;charset=utf-8" }));
    download.setAttribute("download", c.id + ".md");
    q("[data-ge-result-new]").href = CFG.repoUrl + "/new/" + CFG.branch + "/examples?filename=" + W.quote(c.id) + ".md";
    q("[data-ge-result-upload]").href = CFG.repoUrl + "/upload/" + CFG.branch + "/examples";
    q("[data-ge-copy-status]").textContent = "";
    result.setAttribute("data-ge-url", url);
  }

  function showResult() {
    var c = caseFromForm();
    var list = W.answers(c.meta, c.sections);
    sending = { id: c.id };
    showMail(c, list);
    showIssue(c, list);
    showFile(c);
    result.hidden = false;
    result.focus({ preventScroll: true });
    result.scrollIntoView({ block: "start" });
  }

  result.addEventListener("click", function (ev) {
    if (!sending) return;
    if (ev.target.closest("[data-ge-mail-copy]")) {
      copy(sending.mail.text, q("[data-ge-mail-text]"), q("[data-ge-mail-status]"),
           "Texten är kopierad. Klistra in den i ett nytt e-brev till " + CFG.mail.to + ".");
    } else if (ev.target.closest("[data-ge-issue-copy]")) {
      var a = sending.issue.copies[parseInt(ev.target.closest("[data-ge-issue-copy]").getAttribute("data-ge-issue-copy"), 10)];
      copy(a.text, null, q("[data-ge-issue-status]"), "”" + a.label + "” är kopierad. Klistra in den under samma rubrik på GitHub.");
    } else if (ev.target.closest("[data-ge-copy]")) {
      copy(sending.file.text, q("[data-ge-result-text]"), q("[data-ge-copy-status]"), "Texten är kopierad.");
    }
  });

  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    submitted = true;
    var found = check(true);
    if (found.length) {
      result.hidden = true;
      showSummary(found);
      return;
    }
    hideSummary();
    showResult();
  });

  /* ---- typing ---------------------------------------------------------------------------------------- */

  function titleControl() { var n = topNode("title"); return n ? control(n) : null; }

  /* Before the first submit, a broken cross-field rule is shown as soon as a field is left
     (change), and its message goes away as soon as the rule holds again. */
  function showRules() {
    Array.prototype.forEach.call(form.querySelectorAll("[data-ge-rule-shown]"), function (c) {
      if (c.hasAttribute("data-ge-rule")) return;
      c.removeAttribute("data-ge-rule-shown");
      c.removeAttribute("aria-invalid");
      var box = errorBox(c);
      if (box) { box.hidden = true; box.textContent = ""; }
    });
    Array.prototype.forEach.call(form.querySelectorAll("[data-ge-rule]"), function (c) {
      var box = errorBox(c);
      if (!box) return;
      c.setAttribute("data-ge-rule-shown", "");
      c.setAttribute("aria-invalid", "true");
      box.textContent = c.validationMessage;
      box.hidden = false;
      openAround(box);
    });
  }

  function onEdit(ev) {
    var target = ev.target;
    if (target.tagName === "SELECT") choiceHelp(target);
    if (submitted) check(true);
    else {
      refresh();
      if (ev.type === "change" || form.querySelector("[data-ge-rule-shown]")) showRules();
    }
    saveDraft();
    schedulePreview();
  }
  form.addEventListener("input", onEdit);
  /* Opening a folded list starts its first item, so the first thing to do is to type. */
  form.addEventListener("toggle", function (ev) {
    var d = ev.target;
    if (!d.open || !d.hasAttribute || !d.hasAttribute("data-ge-more")) return;
    var node = d.querySelector("[data-ge-node]");
    if (node && (kind(node) === "strings" || kind(node) === "objects") && !items(node).length) {
      addItem(node);
      refresh();
    }
  }, true);
  form.addEventListener("change", onEdit);
  form.addEventListener("focusout", function () {
    if (!submitted && form.querySelector("[data-ge-rule-shown]")) { refresh(); showRules(); }
  });

  root.addEventListener("click", function (ev) {
    var add = ev.target.closest("[data-ge-add]");
    var remove = ev.target.closest("[data-ge-remove]");
    if (add) {
      var node = add.closest("[data-ge-node]");
      var item = addItem(node);
      var first = item.querySelector("[data-ge-control]");
      if (first) first.focus();
      refresh();
      saveDraft();
      schedulePreview();
    } else if (remove) {
      var item2 = remove.closest("[data-ge-item]");
      var owner = item2.closest("[data-ge-node]");
      item2.remove();
      renumber(owner);
      owner.querySelector("[data-ge-add]").focus();
      if (submitted) check(true); else refresh();
      saveDraft();
      schedulePreview();
    } else if (ev.target.closest("[data-ge-clear]")) {
      if (!window.confirm("Vill du tömma formuläret? Det du har skrivit tas bort från den här webbläsaren.")) return;
      try { localStorage.removeItem(CFG.draftKey); } catch (e) { /* nothing stored */ }
      start(null);
      draftStatus.textContent = "Formuläret är tömt.";
    }
  });

  function today() {
    var d = new Date();
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return d.getFullYear() + "-" + two(d.getMonth() + 1) + "-" + two(d.getDate());
  }

  function start(draft) {
    form.reset();
    Array.prototype.forEach.call(form.querySelectorAll("details[data-ge-more]"), function (d) { d.open = false; });
    submitted = false;
    hideSummary();
    result.hidden = true;
    Array.prototype.forEach.call(form.querySelectorAll("[data-ge-error]"), function (b) { b.hidden = true; b.textContent = ""; });
    controls().forEach(function (c) { c.removeAttribute("aria-invalid"); });
    Array.prototype.forEach.call(form.querySelectorAll("[data-ge-kind=strings],[data-ge-kind=objects]"), function (n) {
      if (!n.hasAttribute("data-ge-min-base")) n.setAttribute("data-ge-min-base", n.getAttribute("data-ge-min") || "0");
      n.setAttribute("data-ge-min", n.getAttribute("data-ge-min-base"));
      setCount(n, 0);
    });
    if (draft) restore(draft);
    Array.prototype.forEach.call(form.querySelectorAll("[data-ge-kind=date] [data-ge-control]"), function (d) {
      if (!d.value) d.value = today();
    });
    Array.prototype.forEach.call(form.querySelectorAll("select"), choiceHelp);
    refresh();
    renderPreview();
  }

  var draft = loadDraft();
  start(draft);
  draftStatus.textContent = draft
    ? "Ditt utkast är återställt. Det sparas i den här webbläsaren medan du skriver."
    : "Det du skriver sparas i den här webbläsaren medan du skriver.";
  window.GodaExempel.hasPersonnummer = hasPersonnummer;
  root.setAttribute("data-ge-ready", "");
})();
