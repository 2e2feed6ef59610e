/// The drafting page's CSS, in the reports' visual language (ink, muted grey, rules, the
/// Okabe–Ito blue accent, the same font stack).
enum PageStyle {
    static let css = """
        :root { --ink: #222; --muted: #5a5a5a; --rule: #dcdcdc; --accent: #0072B2; --bad: #b00020; }
        body { margin: 24px; color: var(--ink); font-size: 14px; line-height: 1.45;
          font-family: "Noto Sans", "Helvetica Neue", Arial, "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", sans-serif; }
        header { display: flex; align-items: baseline; gap: 16px; }
        h1 { font-size: 22px; margin: 0; } h2 { font-size: 16px; margin: 18px 0 8px; border-bottom: 1px solid var(--rule); }
        main { display: grid; grid-template-columns: minmax(320px, 440px) 1fr; gap: 28px; }
        .muted { color: var(--muted); } .error { color: var(--bad); white-space: pre-wrap; }
        .field { margin: 0 0 10px; } .field label { display: block; font-weight: 600; }
        .field input { width: 9em; } .field .unit, .field .text { color: var(--muted); margin-left: 6px; }
        .field .source, .field .periods { color: var(--muted); font-size: 12px; } .field .message { color: var(--bad); display: block; }
        .field.bad input { border: 1px solid var(--bad); } .field.edited label { color: var(--accent); }
        button { background: var(--accent); color: #fff; border: 0; padding: 5px 14px; border-radius: 3px; cursor: pointer; }
        #lang { background: #fff; color: var(--accent); border: 1px solid var(--accent); }
        table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
        th, td { border-bottom: 1px solid var(--rule); padding: 3px 8px; text-align: right; vertical-align: top; }
        th:first-child, td:first-child { text-align: left; white-space: nowrap; } td small { color: var(--muted); white-space: nowrap; }
        pre { background: #f6f6f6; padding: 8px; white-space: pre-wrap; font-size: 12px;
          font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; }
        .spinner { display: inline-block; width: 12px; height: 12px; border: 2px solid var(--rule);
          border-top-color: var(--accent); border-radius: 50%; animation: spin 0.8s linear infinite; vertical-align: middle; }
        @keyframes spin { to { transform: rotate(360deg); } }
        .program { margin: 0 0 10px; } .program .clause { color: var(--muted); font-size: 12px; }
        """
}
