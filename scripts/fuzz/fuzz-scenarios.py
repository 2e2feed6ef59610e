#!/usr/bin/env python3
"""Structure-aware fuzz campaign for `cofund validate` and `cofund run`.

Mutates the shipped scenarios (Scenarios/*.yaml, reforms excluded) at the YAML-text level, field
by field: hostile numbers, reserved ids, hostile names, duplicate keys, deleted required keys,
duplicated list items, anchors and aliases, huge horizons, very wide scenarios. Each mutated file
is checked with `cofund validate FILE`; a valid one is run with
`cofund run FILE --paths 50 --quiet --out TMP/out`. Both under a timeout, with the peak resident
memory of the process measured by wait4(2).

Classes:
  ok-valid-ran        valid, ran, exit 0, every number in summary.csv finite
  ran-nonfinite       valid, ran, but summary.csv holds nan or inf
  run-refused         valid, but `run` exited 1 without crashing (kept: worth a look)
  refused-located     invalid, and every listed problem names file:LINE:COL
  refused-unlocated   invalid, and some problem names no line (kept)
  crash               killed by a signal, exit >= 128, or "Fatal error"/"Illegal instruction"/... in the output (kept)
  hang                validate or run took longer than the timeout (kept)
  over-1GB            peak resident memory above the limit (kept)

Writes only in the output folder given with --out (kept inputs, the summary, the progress log)
and in one temporary folder (created with mkdtemp under --tmp or the system temp dir, removed at
the end), which is also the working directory and TMPDIR of every cofund process.

Run in the background, e.g.:
  nohup nice -n 10 scripts/fuzz/fuzz-scenarios.py .build/release/cofund --count 600 --seed 1 \
      --out /tmp/cofund-fuzz-1 >/dev/null 2>&1 &
  tail -f /tmp/cofund-fuzz-1/progress.log
"""

import argparse
import glob
import json
import os
import random
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time

CLASSES = ["ok-valid-ran", "ran-nonfinite", "run-refused", "refused-located", "refused-unlocated",
           "crash", "hang", "over-1GB"]
KEPT = {"ran-nonfinite", "run-refused", "refused-unlocated", "crash", "hang", "over-1GB"}

CRASH_MARKERS = ["Fatal error", "Illegal instruction", "Segmentation fault", "Trace/breakpoint trap",
                 "Aborted", "Bus error", "Stack dump", "Current stack trace", "Precondition failed",
                 "Swift runtime failure",
                 "Assertion failed", "gsl: "]

HOSTILE_NUMBERS = ["0", "-1", "1e-300", "5e-324", "1e300", "1e15", "1e12", ".nan", ".inf", "-.inf",
                   "-0", "1e-12", "0.9999999999", "2", "1_000_000", "250%", "1.5‰", "0x10", "1e", "~",
                   "''", "[]", "{}", "9007199254740993", "-1e300"]
RESERVED_IDS = ["all", "total", "after", "government"]
HOSTILE_NAMES = [
    '"=HYPERLINK(\\"http://x\\",\\"x\\")"', '"=1+2"', '"+SUM(A1:A9)"', '"-2+3"', '"@cmd"',
    '"\\e[31mred\\e[0m\\e]0;title\\a"', '"\\e[2J\\e[H"', '"a\\nb\\r\\nc"', '"<script>alert(1)</script>"',
    '"\\u202Egnp.exe"', '"\\0nul"', '",\\",\\"quoted"', '"tab\\there"',
]
REQUIRED_KEYS = ["scenario", "funders", "programs", "id", "title", "unit", "years", "name", "source", "kind",
                 "share", "claims", "count", "base", "rate", "amount", "matches", "ratio", "loans", "principal",
                 "pd", "lgd", "loss_shares", "residual", "interest_rate", "fraction", "level", "dist", "mean",
                 "sd", "median", "p90", "low", "high", "value", "probability", "weight"]

NUMBER_RE = re.compile(r"(?<=[:\[,] )(-?[0-9][0-9_]*(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?%?)(?=\s*(?:[,}\]#]|$))", re.M)
KEYVAL_RE = re.compile(r"(?P<key>[A-Za-z_][A-Za-z0-9_]*): ", re.M)


# ----------------------------------------------------------------------------------------------
# Mutations: each takes (text, rng) and returns (new text, label)
# ----------------------------------------------------------------------------------------------

def lines_of(text):
    return text.split("\n")


def replace_span(text, start, end, new):
    return text[:start] + new + text[end:]


def m_hostile_number(text, rng):
    spots = list(NUMBER_RE.finditer(text))
    if not spots:
        return text, "number:none"
    n = rng.choice([1, 1, 1, 2, 3])
    labels = []
    for m in sorted(rng.sample(spots, min(n, len(spots))), key=lambda m: -m.start()):
        v = rng.choice(HOSTILE_NUMBERS)
        key = key_before(text, m.start())
        labels.append(f"{key}={v}")
        text = replace_span(text, m.start(), m.end(), v)
    return text, "number:" + ",".join(labels)


def key_before(text, pos):
    keys = list(KEYVAL_RE.finditer(text, max(0, pos - 80), pos))
    return keys[-1].group("key") if keys else "?"


def replace_dist(text, rng, dist, new, label):
    spots = list(re.finditer(r"\{dist: " + dist + r",[^}]*\}", text))
    if not spots:
        return text, label + ":none"
    m = rng.choice(spots)
    return replace_span(text, m.start(), m.end(), new), label + ":" + key_before(text, m.start())


def m_beta_tiny_sd(text, rng):
    return replace_dist(text, rng, "beta", "{dist: beta, mean: 0.5, sd: " + rng.choice(["0.0003", "1e-300", "1e-9"]) + "}", "beta-tiny-sd")


def m_lognormal_tiny_median(text, rng):
    p90 = rng.choice(["1", "1e12", "1e-299"])
    return replace_dist(text, rng, "lognormal", "{dist: lognormal, median: 1e-300, p90: " + p90 + "}", "lognormal-median-1e-300-p90-" + p90)


def m_gamma_tiny_sd(text, rng):
    new = rng.choice(["{dist: gamma, mean: 500, sd: 1e-300}", "{dist: gamma, mean: 1e-300, sd: 1e12}",
                      "{dist: gamma, mean: 1e12, sd: 1e-300}", "{dist: gamma, mean: 1e-300, sd: 1e-300}"])
    spots = list(re.finditer(r"\{dist: (?:lognormal|gamma|uniform|triangular),[^}]*\}", text))
    if not spots:
        return text, "gamma-degenerate:none"
    m = rng.choice(spots)
    return replace_span(text, m.start(), m.end(), new), "gamma-degenerate:" + key_before(text, m.start()) + ":" + new


def m_declining_volume(text, rng):
    spots = list(re.finditer(r"(?<=count: )(\{[^}]*\}|[0-9][0-9_.]*)", text))
    if not spots:
        return text, "declining:none"
    m = rng.choice(spots)
    new = rng.choice(["{dist: poisson, mean: 5e8, growth: -0.99}", "{dist: fixed, value: 5e8, growth: -0.99}",
                      "{dist: negative_binomial, mean: 5e8, dispersion: 10, growth: -0.99}",
                      "{dist: negative_binomial, mean: 1000, dispersion: 1e-300}",
                      "{dist: poisson, mean: 1999999, growth: 0}", "{dist: poisson, mean: 1000, growth: 1}"])
    return replace_span(text, m.start(), m.end(), new), "count:" + new


def m_swap_id(text, rng):
    """Renames a funder or program id everywhere it is used (valid if reserved ids are accepted),
    or only where it is declared."""
    ids = re.findall(r"(?:^\s*- id: |\{id: )([A-Za-z_][A-Za-z0-9_-]*)", text, re.M)
    if not ids:
        return text, "swap-id:none"
    old = rng.choice(ids)
    new = rng.choice(RESERVED_IDS)
    if rng.random() < 0.7:
        text = re.sub(r"(?<![A-Za-z0-9_.-])" + re.escape(old) + r"(?![A-Za-z0-9_-])", new, text)
        return text, f"rename-everywhere:{old}->{new}"
    text = re.sub(r"((?:^\s*- id: |\{id: ))" + re.escape(old) + r"\b", r"\g<1>" + new, text, count=1, flags=re.M)
    return text, f"rename-declaration:{old}->{new}"


def m_hostile_name(text, rng):
    spots = list(re.finditer(r"(?:name|title): ([^,}\n]+)", text))
    if not spots:
        return text, "name:none"
    m = rng.choice(spots)
    start, end = m.start(1), m.end(1)
    choice = rng.random()
    if choice < 0.25:
        new = '"' + rng.choice(["=", "+", "-", "@"]) + "X" * 30000 + '"'
        label = "name:30000-chars"
    else:
        new = rng.choice(HOSTILE_NAMES)
        label = "name:" + new[:20]
    return replace_span(text, start, end, new), label


def m_duplicate_key(text, rng):
    ls = lines_of(text)
    cands = [i for i, l in enumerate(ls) if re.match(r"^\s*[A-Za-z_]+: \S", l) and not l.lstrip().startswith("- ")]
    flow = [m for m in re.finditer(r"\{(\w+): [^,}]+", text)]
    if flow and rng.random() < 0.4:
        m = rng.choice(flow)
        dup = m.group(0)[1:]
        return replace_span(text, m.end(), m.end(), ", " + dup), "dup-key-flow:" + m.group(1)
    if not cands:
        return text, "dup-key:none"
    i = rng.choice(cands)
    ls.insert(i + 1, ls[i])
    return "\n".join(ls), "dup-key:" + ls[i].strip().split(":")[0]


def block_end(ls, i):
    """Index after the block that starts at line i (the line and every following deeper line)."""
    ind = len(ls[i]) - len(ls[i].lstrip(" "))
    j = i + 1
    while j < len(ls) and (ls[j].strip() == "" or len(ls[j]) - len(ls[j].lstrip(" ")) > ind):
        j += 1
    return j


def m_delete_required(text, rng):
    key = rng.choice(REQUIRED_KEYS)
    ls = lines_of(text)
    cands = [i for i, l in enumerate(ls) if re.match(r"^\s*(- )?" + key + r":", l)]
    if cands and rng.random() < 0.6:
        i = rng.choice(cands)
        if ls[i].lstrip().startswith("- "):
            # the key opens a list item: keep the item, drop the key's line only
            ls[i] = ls[i].replace(key + ":", "x_" + key + ":", 1) if rng.random() < 0.3 else ls[i].split("- ")[0] + "- {}"
            return "\n".join(ls), "delete-key-line:" + key
        del ls[i:block_end(ls, i)]
        return "\n".join(ls), "delete-key:" + key
    spots = list(re.finditer(r"(?<=[{,] )" + key + r": [^,}]+(, )?", text))
    if not spots:
        return text, "delete-key:none"
    m = rng.choice(spots)
    return replace_span(text, m.start(), m.end(), ""), "delete-flow-key:" + key


def m_duplicate_item(text, rng):
    ls = lines_of(text)
    cands = [i for i, l in enumerate(ls) if re.match(r"^\s*- ", l)]
    if not cands:
        return text, "dup-item:none"
    i = rng.choice(cands)
    j = block_end(ls, i)
    times = rng.choice([1, 1, 2, 50])
    block = ls[i:j]
    ls[j:j] = block * times
    return "\n".join(ls), f"dup-item-x{times}:" + ls[i].strip()[:30]


def m_alias_bomb(text, rng):
    """Nested anchors and aliases in an assumption list: 10^depth leaves when expanded."""
    depth = rng.choice([3, 5, 8, 10])
    width = 10
    parts = ["[" + ", ".join(["lol"] * width) + "]"]
    defs = ["      - &a0 " + parts[0]]
    for d in range(1, depth):
        defs.append(f"      - &a{d} [" + ", ".join([f"*a{d - 1}"] * width) + "]")
    block = "    assumption:\n" + "\n".join(defs) + "\n"
    if rng.random() < 0.3:
        # at the top, under an unknown key; the deepest alias then stands for a program's share
        top = "x_anchors:\n" + "\n".join(f"  k{d}: " + defs[d].strip()[2:] for d in range(depth))
        text = re.sub(r"share: \{[^}]*\}", f"share: *a{depth - 1}", text, count=1)
        return top + "\n" + text, f"alias-bomb-top:10^{depth}"
    ls = lines_of(text)
    starts = [i for i, l in enumerate(ls) if re.match(r"^  - id: ", l)]
    if not starts:
        return text, "alias-bomb:none"
    i = rng.choice(starts)
    # drop an existing assumption of that program, then insert ours after the id line
    j = block_end(ls, i)
    for k in range(i + 1, j):
        if ls[k].startswith("    assumption:"):
            del ls[k:block_end(ls, k)]
            break
    ls.insert(i + 1, block.rstrip("\n"))
    return "\n".join(ls), f"alias-bomb:10^{depth}"


def m_alias_wide_list(text, rng):
    """An anchored program repeated by alias in the programs list (duplicate ids), or a merge key."""
    ls = lines_of(text)
    starts = [i for i, l in enumerate(ls) if re.match(r"^  - id: ", l)]
    if not starts:
        return text, "alias-wide:none"
    i = rng.choice(starts)
    ls[i] = ls[i].replace("  - id: ", "  - &prog\n    id: ", 1)
    n = rng.choice([10, 450, 5000])
    if rng.random() < 0.5:
        extra = [f"  - *prog" for _ in range(n)]
        label = f"alias-repeat-program-x{n}"
    else:
        extra = [f"  - {{<<: *prog, id: merged_{k}}}" for k in range(n)]
        label = f"merge-key-program-x{n}"
    return "\n".join(ls) + "\n" + "\n".join(extra) + "\n", label


def m_horizon(text, rng):
    new = rng.choice(["[2025, 1002024]", "[1, 1000000]", "[2025, 2074]", "[2025, 2075]", "[2029, 2025]",
                      "[2025]", "[2025, 2025, 2026]", "[1e300, 2026]", "[.nan, 2026]", "2025"])
    text2, n = re.subn(r"(?<=^  years: )\[[^\]]*\]", new, text, count=1, flags=re.M)
    return text2, "horizon:" + new


def m_type_confusion(text, rng):
    spots = list(re.finditer(r"(?<=: )(\{[^{}\n]*\}|\[[^\[\]\n]*\]|[^\s{\[][^\n,}]*)", text))
    if not spots:
        return text, "type:none"
    m = rng.choice(spots)
    new = rng.choice(["[1, 2]", "{a: 1}", "null", "~", '""', "true", "*undefined_alias", "&anchor_only",
                      "!!binary aGVsbG8=", "!custom 1", "|\n  block", "{dist: poisson, mean: 3}"])
    return replace_span(text, m.start(), m.end(), new), "type:" + key_before(text, m.start()) + "=" + new.split("\n")[0]


def m_bytes(text, rng):
    kind = rng.choice(["truncate", "flip", "bom", "tab", "invalid-utf8", "nul", "deep"])
    if kind == "truncate":
        cut = rng.randrange(len(text)) if text else 0
        return text[:cut], f"truncate@{cut}"
    if kind == "flip":
        b = list(text)
        for _ in range(rng.choice([1, 3, 10])):
            if b:
                b[rng.randrange(len(b))] = rng.choice(list(":-{}[],&*!|>'\"#%@` \n\t"))
        return "".join(b), "flip-chars"
    if kind == "bom":
        return "\ufeff" + text, "bom"
    if kind == "tab":
        return text.replace("  ", "\t", rng.choice([1, 5])), "tabs"
    if kind == "invalid-utf8":
        return text + "\udcff", "invalid-utf8"  # written with surrogateescape as the byte 0xFF
    if kind == "nul":
        pos = rng.randrange(len(text)) if text else 0
        return text[:pos] + "\x00" + text[pos:], "nul-byte"
    depth = rng.choice([60, 70, 200, 5000])
    return text + "\nextra: " + "[" * depth + "]" * depth + "\n", f"deep-nesting:{depth}"


def wide_scenario(rng, funders=400, programs=450):
    """A valid-looking scenario with `funders` funders and `programs` programs, written with anchors."""
    out = ["scenario: {id: wide, title: wide, unit: wan, years: [2025, 2029], seed: 1, paths: 100}", "funders:"]
    for f in range(funders):
        out.append(f"  - {{id: f{f}, name: funder {f}, level: other}}")
    out.append("programs:")
    spread = rng.choice([1, 4, funders])
    out.append("  - &p")
    out.append("    id: p0")
    out.append("    name: wide program")
    out.append("    source: generated")
    out.append("    kind: award")
    out.append("    claims: &claims {count: {dist: poisson, mean: 5}, approval: 0.9}")
    out.append("    amount: &amount {dist: uniform, low: 1, high: 10}")
    share = ", ".join(f"f{k}: {1 / spread!r}" for k in range(spread))
    out.append(f"    share: &share {{{share}}}")
    for p in range(1, programs):
        if rng.random() < 0.5:
            out.append(f"  - {{id: p{p}, name: p, source: s, kind: award, claims: *claims, amount: *amount, share: *share}}")
        else:
            out.append(f"  - {{id: p{p}, name: p, source: s, kind: award, claims: *claims, amount: *amount, share: {{f{p % funders}: 1}}}}")
    return "\n".join(out) + "\n", f"wide:{funders}x{programs}-share-over-{spread}"


MUTATIONS = [
    (m_hostile_number, 6), (m_beta_tiny_sd, 2), (m_lognormal_tiny_median, 2), (m_gamma_tiny_sd, 2),
    (m_declining_volume, 2), (m_swap_id, 3), (m_hostile_name, 2), (m_duplicate_key, 2), (m_delete_required, 3),
    (m_duplicate_item, 2), (m_alias_bomb, 1), (m_alias_wide_list, 1), (m_horizon, 1), (m_type_confusion, 2),
    (m_bytes, 1),
]


def mutate(seeds, rng):
    """One fuzz input: a seed scenario with 1–3 mutations, or (rarely) a generated wide scenario."""
    if rng.random() < 0.01:
        text, label = wide_scenario(rng, rng.choice([400, 40]), rng.choice([450, 45]))
        return text, "generated", [label]
    name, text = rng.choice(seeds)
    labels = []
    fns, weights = zip(*MUTATIONS)
    for _ in range(rng.choice([1, 1, 2, 3])):
        fn = rng.choices(fns, weights=weights)[0]
        try:
            text, label = fn(text, rng)
        except Exception as e:  # a mutator bug must not end the campaign
            label = f"{fn.__name__}:error:{type(e).__name__}"
        labels.append(label)
    return text, name, labels


# ----------------------------------------------------------------------------------------------
# Running
# ----------------------------------------------------------------------------------------------

def rss_kb(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def run_measured(argv, cwd, timeout, kill_kb, env):
    """Runs argv; returns dict(status, signal, timed_out, killed_for_memory, maxrss_kb, seconds, out, err)."""
    out_path = os.path.join(cwd, ".stdout")
    err_path = os.path.join(cwd, ".stderr")
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        start = time.monotonic()
        proc = subprocess.Popen(argv, cwd=cwd, stdout=out, stderr=err, stdin=subprocess.DEVNULL, env=env,
                                start_new_session=True)
        timed_out = killed_mem = False
        status = None
        rusage = None
        peak_polled = 0
        while True:
            try:
                pid, st, ru = os.wait4(proc.pid, os.WNOHANG)
            except BaseException:
                # interrupted: take the child down with us
                os.killpg(proc.pid, signal.SIGKILL)
                os.wait4(proc.pid, 0)
                proc.returncode = -9
                raise
            if pid == proc.pid:
                status, rusage = st, ru
                break
            elapsed = time.monotonic() - start
            peak_polled = max(peak_polled, rss_kb(proc.pid))
            if elapsed > timeout or peak_polled > kill_kb:
                timed_out = elapsed > timeout
                killed_mem = not timed_out
                try:
                    os.killpg(proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                _, status, rusage = os.wait4(proc.pid, 0)
                break
            try:
                time.sleep(0.02 if elapsed < 1 else 0.1)
            except BaseException:
                os.killpg(proc.pid, signal.SIGKILL)
                os.wait4(proc.pid, 0)
                proc.returncode = -9
                raise
        proc.returncode = 0  # reaped by wait4 above; keep Popen from waiting again
        seconds = time.monotonic() - start
    with open(out_path, "rb") as f:
        out_text = f.read().decode("utf-8", "replace")
    with open(err_path, "rb") as f:
        err_text = f.read().decode("utf-8", "replace")
    sig = os.WTERMSIG(status) if os.WIFSIGNALED(status) else None
    code = os.WEXITSTATUS(status) if os.WIFEXITED(status) else None
    return {"exit": code, "signal": sig, "timed_out": timed_out, "killed_for_memory": killed_mem,
            "maxrss_kb": max(rusage.ru_maxrss if rusage else 0, peak_polled), "seconds": round(seconds, 3),
            "stdout": out_text, "stderr": err_text}


def crashed(r):
    if r["timed_out"] or r["killed_for_memory"]:
        return False
    if r["signal"] is not None or (r["exit"] is not None and r["exit"] >= 128):
        return True
    text = r["stdout"] + r["stderr"]
    return any(m in text for m in CRASH_MARKERS)


def refusal_located(stdout, file_name):
    """Whether every problem listed by `validate` names file:LINE:COL."""
    items = [l for l in stdout.split("\n") if l.startswith("  " + file_name)]
    if not items:
        return False
    return all(re.match(r"^  " + re.escape(file_name) + r":\d+:\d+: ", l) for l in items)


def nonfinite_in_summary(out_dir):
    path = os.path.join(out_dir, "summary.csv")
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f:
                cells = [c.strip().strip('"').lower() for c in line.split(",")]
                if any(c in ("nan", "-nan", "inf", "-inf", "+inf", "infinity", "-infinity") for c in cells):
                    return True
    except OSError:
        return False
    return False


def signature(cls, r, step, labels):
    """A short description of a failure, used to group kept inputs."""
    text = r["stderr"] + r["stdout"]
    ops = ",".join(sorted({l.split(":")[0] for l in labels}))
    if cls == "hang":
        return f"timeout in {step} [{ops}]"
    if cls == "over-1GB":
        return f"{step} peak RSS {r['maxrss_kb'] // 1024} MB [{ops}]"
    if cls == "ran-nonfinite":
        return f"nan/inf in summary.csv [{ops}]"
    failure = re.search(r"Swift runtime failure: ([^*\n]*)", text) or re.search(r"Fatal error: ([^\n]*)", text)
    if failure:
        # the first frame of the crashed thread that is in this project's sources
        frame = re.search(r"crashed:\n(?:.*\n){0,12}?.* at /\S*/Sources/(\S+?):(\d+):\d+", text)
        where = f" @ {frame.group(1)}:{frame.group(2)}" if frame else ""
        return f"{step}: {failure.group(1).strip()}{where}"
    for line in text.split("\n"):
        for m in ("Fatal error", "Precondition failed", "Assertion failed", "gsl: "):
            if m in line:
                return re.sub(r"[0-9]+", "N", line.strip())[:200]
    if r["signal"] is not None:
        try:
            return "signal " + signal.Signals(r["signal"]).name
        except ValueError:
            return f"signal {r['signal']}"
    if r["exit"] is not None and r["exit"] >= 128:
        return f"exit {r['exit']}"
    lines = [l for l in text.split("\n") if l.strip()]
    return re.sub(r"[0-9]+", "N", (lines[-1] if lines else "").strip())[:200]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("binary", help="the cofund binary, e.g. .build/release/cofund")
    ap.add_argument("--count", type=int, default=3000, help="number of fuzz inputs (default 3000)")
    ap.add_argument("--seed", type=int, default=1, help="seed of the mutation generator (default 1)")
    ap.add_argument("--out", required=True, help="output folder: summary, progress log, kept inputs (created; must not exist or be empty)")
    ap.add_argument("--scenarios", default=None, help="folder of seed scenarios (default: Scenarios/ beside scripts/)")
    ap.add_argument("--tmp", default=None, help="parent of the temporary working folder (default: the system temp dir)")
    ap.add_argument("--timeout", type=float, default=20.0, help="seconds per cofund process (default 20)")
    ap.add_argument("--paths", type=int, default=50, help="paths per run (default 50)")
    ap.add_argument("--memory-limit-mb", type=int, default=1024, help="peak RSS classed over-1GB (default 1024)")
    ap.add_argument("--kill-mb", type=int, default=4096, help="RSS at which a process is killed (default 4096)")
    ap.add_argument("--keep-all", action="store_true", help="keep every input, not only failures")
    args = ap.parse_args()

    binary = os.path.abspath(args.binary)
    if not os.access(binary, os.X_OK):
        sys.exit(f"{binary} is not an executable")
    scen_dir = args.scenarios or os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "Scenarios")
    seeds = []
    for p in sorted(glob.glob(os.path.join(scen_dir, "*.yaml"))):
        if p.endswith(".reform.yaml"):
            continue
        with open(p, encoding="utf-8") as f:
            seeds.append((os.path.basename(p), f.read()))
    if not seeds:
        sys.exit(f"no seed scenarios in {scen_dir}")

    out_dir = os.path.abspath(args.out)
    if os.path.exists(out_dir) and os.listdir(out_dir):
        sys.exit(f"{out_dir} exists and is not empty")
    os.makedirs(out_dir, exist_ok=True)
    work = tempfile.mkdtemp(prefix="cofund-fuzz-", dir=args.tmp)
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": work, "TMPDIR": work, "LANG": "C.UTF-8",
           "NO_COLOR": "1"}
    log = open(os.path.join(out_dir, "progress.log"), "a", buffering=1)

    def say(msg):
        log.write(time.strftime("%H:%M:%S ") + msg + "\n")

    rng = random.Random(args.seed)
    counts = {c: 0 for c in CLASSES}
    by_mutation = {}
    groups = {}
    kill_kb = args.kill_mb * 1024
    limit_kb = args.memory_limit_mb * 1024
    def write_summary(final):
        summary = {"count": sum(counts.values()), "planned": args.count, "finished": final, "seed": args.seed,
                   "binary": binary, "paths": args.paths, "timeout_s": args.timeout,
                   "memory_limit_mb": args.memory_limit_mb, "classes": counts, "by_mutation": by_mutation,
                   "groups": {k: {"cases": v[:50], "n": len(v)} for k, v in sorted(groups.items())}}
        with open(os.path.join(out_dir, "summary.json"), "w", encoding="utf-8") as f:
            json.dump(summary, f, indent=1, ensure_ascii=False)
        with open(os.path.join(out_dir, "summary.txt"), "w", encoding="utf-8") as f:
            state = "" if final else " (in progress or interrupted)"
            f.write(f"{summary['count']} of {args.count} inputs{state}, seed {args.seed}, {binary}\n\n")
            for c in CLASSES:
                f.write(f"{c:20s} {counts[c]}\n")
            f.write("\nfailure groups (class | signature: count, first cases)\n")
            for k, v in sorted(groups.items()):
                f.write(f"  {k}: {len(v)}  e.g. {', '.join(f'{x:05d}' for x in v[:5])}\n")

    def stop(signum, frame):
        raise SystemExit(f"stopped by signal {signum}")

    # a kill (SIGTERM) or Ctrl-C still writes the summary and removes the temporary folder
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    say(f"start: {args.count} inputs, seed {args.seed}, binary {binary}, work {work}")
    started = time.monotonic()
    finished = False
    try:
        for n in range(args.count):
            text, seed_name, labels = mutate(seeds, rng)
            case_file = os.path.join(work, "case.yaml")
            with open(case_file, "w", encoding="utf-8", errors="surrogateescape") as f:
                f.write(text)
            run_out = os.path.join(work, "out")
            shutil.rmtree(run_out, ignore_errors=True)

            v = run_measured([binary, "validate", "case.yaml"], work, args.timeout, kill_kb, env)
            steps = {"validate": v}
            r = None
            if v["timed_out"]:
                cls = "hang"
            elif v["killed_for_memory"] or v["maxrss_kb"] > limit_kb:
                cls = "over-1GB"
            elif crashed(v):
                cls = "crash"
            elif v["exit"] == 0:
                r = run_measured([binary, "run", "case.yaml", "--paths", str(args.paths), "--quiet", "--out", run_out],
                                 work, args.timeout, kill_kb, env)
                steps["run"] = r
                if r["timed_out"]:
                    cls = "hang"
                elif r["killed_for_memory"] or r["maxrss_kb"] > limit_kb:
                    cls = "over-1GB"
                elif crashed(r):
                    cls = "crash"
                elif r["exit"] != 0:
                    cls = "run-refused"
                elif nonfinite_in_summary(run_out):
                    cls = "ran-nonfinite"
                else:
                    cls = "ok-valid-ran"
            else:
                cls = "refused-located" if refusal_located(v["stdout"], "case.yaml") else "refused-unlocated"

            counts[cls] += 1
            for label in labels:
                op = label.split(":")[0]
                by_mutation.setdefault(op, {}).setdefault(cls, 0)
                by_mutation[op][cls] += 1
            if cls in KEPT or args.keep_all:
                step = "run" if "run" in steps else "validate"
                sig = signature(cls, steps[step], step, labels)
                group = groups.setdefault(cls + " | " + sig, [])
                group.append(n)
                folder = os.path.join(out_dir, cls)
                os.makedirs(folder, exist_ok=True)
                base = os.path.join(folder, f"{n:05d}")
                with open(base + ".yaml", "w", encoding="utf-8", errors="surrogateescape") as f:
                    f.write(text)
                meta = {"case": n, "class": cls, "signature": sig, "seed_scenario": seed_name, "mutations": labels,
                        "steps": {k: {kk: (vv[:6000] if isinstance(vv, str) else vv) for kk, vv in s.items()}
                                  for k, s in steps.items()}}
                with open(base + ".json", "w", encoding="utf-8") as f:
                    json.dump(meta, f, indent=1, ensure_ascii=False)
            shutil.rmtree(run_out, ignore_errors=True)
            for p in glob.glob(os.path.join(work, ".out.*")):
                shutil.rmtree(p, ignore_errors=True)

            done = n + 1
            if done % 10 == 0:
                write_summary(False)
            if done % 10 == 0 or cls in KEPT:
                rate = done / max(time.monotonic() - started, 1e-9)
                say(f"{done}/{args.count} ({rate:.2f}/s) last={cls} {labels} "
                    + " ".join(f"{c}={counts[c]}" for c in CLASSES if counts[c]))
        finished = True
    finally:
        shutil.rmtree(work, ignore_errors=True)
        write_summary(finished)
        say(("done: " if finished else "interrupted: ") + " ".join(f"{c}={counts[c]}" for c in CLASSES))
        log.close()


if __name__ == "__main__":
    main()
