/// The drafting page's script: reads the scenario's outline, keeps the reform under edit in the
/// inputs and the URL (`#set=PATH=VALUE&…&paths=N`), posts it, and draws the answer. A response to
/// an older request than the latest is ignored.
enum PageScript {
    static let js = #"""
        "use strict";
        const WORDS = {
          zh: { title: "政策起草", numbers: "可编辑的数值", paths: "路径数", update: "更新", running: "计算中…",
                reform: "修改（reform 文件）", download: "下载 reform 文件", change: "各级财政支出变化（均值与95%区间）",
                none: "尚未计算：修改数值后点击“更新”。", lines: "预算超支概率", moved: "受影响的项目", programs: "项目与条款",
                text: "条文值", funder: "出资方", all: "全部出资方", line: "预算科目", base: "基准", reformed: "修改后", delta: "变化",
                total: "合计", unchanged: "没有项目变化。", noLines: "没有预算科目。", seed: "随机种子", reads: "读取参数",
                draft: "起草中的修改", lang: "English", government: "政府合计", periods: "施行期" },
          en: { title: "Drafting", numbers: "Editable numbers", paths: "Paths", update: "Update", running: "Running…",
                reform: "The reform (a reform file)", download: "Download the reform file",
                change: "Change by funder and year (mean and 95% interval)", none: "Not run yet: edit a number and press Update.",
                lines: "Chance of exceeding the budget", moved: "Programs that moved", programs: "Programs and clauses",
                text: "text", funder: "Funder", all: "All funders", line: "Budget line", base: "Base", reformed: "Reform",
                delta: "Change", total: "total", unchanged: "No program moved.", noLines: "No budget lines.", seed: "seed",
                reads: "reads", draft: "Draft reform", lang: "中文", government: "Government", periods: "in force" }
        };
        let lang = "zh", S = null, sequence = 0, last = null;
        const $ = (id) => document.getElementById(id);
        const t = (k) => WORDS[lang][k] || k;
        const el = (tag, attrs, ...kids) => {
          const e = document.createElement(tag);
          for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
          for (const k of kids) e.append(k);
          return e;
        };
        const fmt = (x, d = 1) => (x > 0 ? "+" : "") + x.toLocaleString("en-US", { minimumFractionDigits: d, maximumFractionDigits: d });
        const pct = (x) => x == null ? "—" : (100 * x).toFixed(1) + "%";
        const funderName = (id) => id === "all" || id === "government" ? t(id) : ((S.funders.find((f) => f.id === id) || {}).name || id);

        function applyLanguage() {
          document.querySelectorAll("[data-i18n]").forEach((e) => { e.textContent = t(e.dataset.i18n); });
          $("lang").textContent = t("lang");
          document.documentElement.lang = lang === "zh" ? "zh-Hans" : "en";
          if (S) { renderPrograms(); renderInputsText(); renderYAML(); }
          if (last) render(last);
        }

        function edits() {
          const out = [];
          for (const p of S.parameters) {
            const v = $("in-" + p.id).value.trim();
            if (v !== "" && v !== p.value) out.push({ path: p.path, value: v });
          }
          return out;
        }

        function renderYAML() {
          const lines = ["title: " + t("draft")].concat(edits().map((o) => o.path + ": " + o.value));
          const text = lines.join("\n") + "\n";
          $("yaml").textContent = text;
          $("download").href = "data:text/yaml;charset=utf-8," + encodeURIComponent(text);
        }

        function writeHash() {
          const parts = edits().map((o) => "set=" + encodeURIComponent(o.path + "=" + o.value));
          if ($("paths").value && Number($("paths").value) !== S.paths) parts.push("paths=" + encodeURIComponent($("paths").value));
          history.replaceState(null, "", parts.length ? "#" + parts.join("&") : location.pathname);
        }

        function readHash() {
          let any = false;
          for (const part of location.hash.replace(/^#/, "").split("&")) {
            const eq = part.indexOf("=");
            if (eq < 0) continue;
            const key = part.slice(0, eq), value = decodeURIComponent(part.slice(eq + 1));
            if (key === "paths") { $("paths").value = value; continue; }
            if (key !== "set") continue;
            const split = value.indexOf("=");
            const p = S.parameters.find((q) => q.path === value.slice(0, split));
            if (p) { $("in-" + p.id).value = value.slice(split + 1); any = true; }
          }
          return any;
        }

        function renderPrograms() {
          const list = $("program-list");
          list.replaceChildren();
          for (const p of S.programs) {
            const reads = p.parameters.length ? " · " + t("reads") + ": " + p.parameters.join(", ") : "";
            list.append(el("div", { class: "program" }, el("strong", {}, p.name), el("div", { class: "clause" }, p.source + reads)));
          }
        }

        function renderInputs() {
          const box = $("inputs");
          box.replaceChildren();
          for (const p of S.parameters) {
            const input = el("input", { id: "in-" + p.id, "data-path": p.path, value: p.value, inputmode: "decimal" });
            input.addEventListener("input", () => { markEdited(p); renderYAML(); writeHash(); });
            input.addEventListener("keydown", (e) => { if (e.key === "Enter") update(); });
            box.append(el("div", { class: "field", id: "field-" + p.id },
              el("label", { for: "in-" + p.id }, p.name + " (" + p.id + ")"), input,
              el("span", { class: "unit" }, p.unit_label), el("span", { class: "text", id: "text-" + p.id }),
              el("span", { class: "message", id: "msg-" + p.id }), el("div", { class: "source" }, p.source),
              periods(p)));
          }
          renderInputsText();
        }

        // A parameter's dated values with the periods they apply to (an edit replaces them all).
        function periods(p) {
          const span = (q) => q.until ? q.from + "–" + q.until : (lang === "zh" ? q.from + " 起" : "from " + q.from);
          const spans = p.periods.map((q) => q.value + " " + p.unit_label + ", " + span(q));
          return el("div", { class: "periods", id: "periods-" + p.id }, t("periods") + ": " + spans.join("; "));
        }

        function renderInputsText() {
          for (const p of S.parameters) $("text-" + p.id).textContent = t("text") + " " + p.value;
        }

        function markEdited(p) {
          const v = $("in-" + p.id).value.trim();
          $("field-" + p.id).classList.toggle("edited", v !== p.value);
        }

        function clearMessages() {
          for (const p of S.parameters) { $("msg-" + p.id).textContent = ""; $("field-" + p.id).classList.remove("bad"); }
          $("error").hidden = true;
          $("error").textContent = "";
        }

        async function update() {
          const mine = ++sequence;
          const body = { reform: edits() };
          if ($("paths").value) body.paths = Number($("paths").value);
          writeHash();
          renderYAML();
          $("progress").hidden = false;
          $("update").disabled = false;
          let status = 0, data = null;
          try {
            const r = await fetch("/api/compare", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
            status = r.status;
            data = await r.json();
          } catch (e) {
            data = { error: String(e), issues: [] };
          }
          if (mine !== sequence) return;
          $("progress").hidden = true;
          clearMessages();
          if (status === 200) { last = data; render(data); document.body.dataset.state = "done"; return; }
          if (status === 409) return;
          const unplaced = [];
          for (const issue of data.issues || []) {
            const p = S.parameters.find((q) => q.path === issue.path);
            if (p) { $("msg-" + p.id).textContent = issue.message; $("field-" + p.id).classList.add("bad"); } else unplaced.push(issue.message);
          }
          if (!(data.issues || []).length || unplaced.length) {
            $("error").textContent = unplaced.length ? unplaced.join("\n") : data.error;
            $("error").hidden = false;
          }
          document.body.dataset.state = "error";
        }

        function render(data) {
          const c = data.compare, years = S.years.map(String);
          $("note").textContent = c.reforms.length ? c.reforms.join("；") : t("none");
          const head = el("tr", {}, el("th", {}, t("funder")), ...years.map((y) => el("th", {}, y)), el("th", {}, t("total")));
          const rows = c.funders.map((f) => {
            const cells = years.concat(["total"]).map((y) => {
              const d = y === "total" ? f.total : f.years[y];
              if (!d) return el("td", {}, "—");
              return el("td", { id: "d-" + f.id + "-" + y, "data-delta": String(d.delta_mean) },
                fmt(d.delta_mean), el("br"), el("small", {}, "[" + fmt(d.delta_ci95[0]) + ", " + fmt(d.delta_ci95[1]) + "]"));
            });
            return el("tr", {}, el("td", {}, funderName(f.id)), ...cells);
          });
          $("table").replaceChildren(el("table", { id: "change" }, head, ...rows));
          $("chart").innerHTML = chart(c.funders.filter((f) => f.id !== "all" && f.id !== "government"));
          const totals = c.lines.filter((l) => l.year === "total");
          $("lines").replaceChildren(totals.length ? el("table", {},
            el("tr", {}, ...[t("line"), t("funder"), t("base"), t("reformed"), t("delta")].map((h) => el("th", {}, h))),
            ...totals.map((l) => el("tr", {}, el("td", {}, l.line), el("td", {}, funderName(l.funder)), el("td", {}, pct(l.base_p_over)),
              el("td", {}, pct(l.reform_p_over)), el("td", {}, l.delta_p_over == null ? "—" : fmt(100 * l.delta_p_over) + " pp"))))
            : el("p", { class: "muted" }, t("noLines")));
          $("moved").replaceChildren(...(data.programs.length ? data.programs.map((p) => el("li", {}, p.name + ": " + fmt(p.delta_mean) + " "
            + S.unit_label + " [" + fmt(p.delta_ci95[0]) + ", " + fmt(p.delta_ci95[1]) + "]")) : [el("li", { class: "muted" }, t("unchanged"))]));
        }

        function chart(funders) {
          const w = 560, row = 26, left = 130, h = row * funders.length + 24;
          const ext = Math.max(1e-9, ...funders.flatMap((f) => [Math.abs(f.total.delta_ci95[0]), Math.abs(f.total.delta_ci95[1])]));
          const x = (v) => left + (w - left - 20) * (v + ext) / (2 * ext);
          const esc = (s) => s.replace(/[&<>"]/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[ch]);
          let s = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" role="img" aria-label="${esc(t("change"))}">`;
          s += `<line x1="${x(0)}" x2="${x(0)}" y1="0" y2="${h - 20}" stroke="#999"/>`;
          funders.forEach((f, i) => {
            const y = i * row + 4, d = f.total, a = x(Math.min(0, d.delta_mean)), b = x(Math.max(0, d.delta_mean));
            s += `<text x="0" y="${y + 14}" font-size="12">${esc(funderName(f.id))}</text>`;
            s += `<rect x="${a}" y="${y + 3}" width="${Math.max(1, b - a)}" height="14" fill="#0072B2"/>`;
            s += `<line x1="${x(d.delta_ci95[0])}" x2="${x(d.delta_ci95[1])}" y1="${y + 10}" y2="${y + 10}" stroke="#222"/>`;
          });
          s += `<text x="${x(0)}" y="${h - 6}" font-size="11" text-anchor="middle">0 (${esc(S.unit_label)})</text></svg>`;
          return s;
        }

        async function start() {
          $("lang").addEventListener("click", () => { lang = lang === "zh" ? "en" : "zh"; applyLanguage(); });
          $("update").addEventListener("click", update);
          S = await (await fetch("/api/scenario")).json();
          $("scenario").textContent = S.title + " · " + S.file + " · " + t("seed") + " " + S.seed;
          $("paths").value = S.paths;
          $("paths").max = S.max_paths;
          renderInputs();
          renderPrograms();
          const linked = readHash();
          S.parameters.forEach(markEdited);
          renderYAML();
          document.body.dataset.state = "ready";
          if (linked) update();
        }
        start();
        """#
}
