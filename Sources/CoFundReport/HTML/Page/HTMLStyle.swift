/// The pages' style sheet: system fonts only (CJK from locally installed fonts), readable on
/// screen, and laid out for A4 paper when printed.
enum HTMLStyle {
    static let css = """
        :root { --ink: #222; --muted: #5a5a5a; --rule: #dcdcdc; --accent: #0072B2; }
        * { box-sizing: border-box; }
        html { -webkit-text-size-adjust: 100%; }
        body { margin: 0; color: var(--ink); background: #fff; font-size: 15px; line-height: 1.45;
          font-family: "Noto Sans", "Helvetica Neue", Arial, "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC",
            "Hiragino Sans GB", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif; }
        header, main, footer { max-width: 1120px; margin: 0 auto; padding: 0 28px; }
        header { padding-top: 26px; padding-bottom: 12px; border-bottom: 3px solid var(--accent); }
        .kicker { margin: 0; color: var(--muted); font-size: 12px; letter-spacing: .08em; text-transform: uppercase; }
        h1 { font-size: 26px; line-height: 1.25; margin: 4px 0 6px; }
        h2 { font-size: 20px; margin: 0 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--rule); }
        h3 { font-size: 15px; margin: 0 0 2px; }
        .meta { margin: 0 0 6px; color: var(--muted); }
        .description { margin: 6px 0; font-size: 14px; max-width: 60em; }
        .changes { margin: 6px 0; padding-left: 20px; font-size: 14px; }
        nav { margin-top: 8px; font-size: 13px; }
        nav a { color: var(--accent); text-decoration: none; margin-right: 16px; white-space: nowrap; }
        section { margin: 30px 0; }
        .note { color: var(--muted); font-size: 13px; margin: 0 0 10px; max-width: 62em; }
        .warning { color: #8a2b00; font-size: 13px; font-weight: 600; margin: 0 0 10px; max-width: 62em; }
        .cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(158px, 1fr)); gap: 10px; }
        .card { border: 1px solid var(--rule); border-top: 6px solid #333; border-radius: 4px; padding: 8px 10px; }
        .card .name { font-weight: bold; font-size: 16px; }
        .card .id { color: var(--muted); font-size: 12px; margin-bottom: 6px; }
        .card .label { color: var(--muted); font-size: 12px; }
        .card .big { font-size: 26px; font-weight: bold; line-height: 1.15; font-variant-numeric: tabular-nums; }
        .card .big .unit { font-size: 14px; font-weight: normal; color: var(--muted); }
        .card .line { font-size: 13px; font-variant-numeric: tabular-nums; }
        .card.total { background: #f6f7f9; }
        .card dl.kv { display: grid; grid-template-columns: auto 1fr; gap: 0 8px; margin: 4px 0 0; font-size: 13px; }
        .card dl.kv dt { color: var(--muted); }
        .card dl.kv dd { margin: 0; text-align: right; font-weight: bold; font-variant-numeric: tabular-nums; }
        .card dl.kv dd[title] { text-decoration: underline dotted var(--muted); cursor: help; }
        figure { margin: 0 0 14px; break-inside: avoid; }
        figure svg { display: block; width: 100%; height: auto; }
        figure svg text { font-family: inherit; }
        figcaption { font-size: 14px; font-weight: bold; margin-bottom: 2px; }
        .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(330px, 1fr)); gap: 14px 22px; }
        .grid.wide { grid-template-columns: repeat(auto-fill, minmax(460px, 1fr)); }
        .legend { list-style: none; display: flex; flex-wrap: wrap; gap: 4px 18px; margin: 4px 0 10px; padding: 0; font-size: 13px; }
        .swatch { display: inline-block; width: 0; height: 0; border: 6px solid; margin-right: 6px; vertical-align: -1px; }
        .band { display: inline-block; width: 24px; height: 12px; border: 6px solid; opacity: .35; margin-right: 6px; vertical-align: -1px; }
        .stroke { display: inline-block; width: 24px; height: 0; border-top: 3px solid; margin-right: 6px; vertical-align: 4px; }
        .stroke.dashed { border-top-style: dashed; }
        .dot { display: inline-block; width: 0; height: 0; border: 6px solid; border-radius: 50%; margin-right: 6px; vertical-align: -1px; }
        .dot.hollow { width: 12px; height: 12px; border-width: 2px; }
        .shape { color: #555; margin-right: 4px; }
        .table-wrap { overflow-x: auto; margin-bottom: 10px; }
        table { border-collapse: collapse; width: 100%; font-size: 13px; }
        caption { caption-side: top; text-align: left; color: var(--muted); padding-bottom: 4px; }
        th, td { padding: 4px 8px; border-bottom: 1px solid #e6e6e6; text-align: left; vertical-align: top; }
        th { background: #f2f4f7; font-weight: 600; }
        th.group { text-align: center; border-left: 1px solid var(--rule); }
        .num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
        td.name, th.name { min-width: 13em; }
        table.compact { font-size: 12.5px; }
        table.compact th, table.compact td { padding: 3px 5px; }
        table.compact td.name { min-width: 10em; }
        td.who { white-space: nowrap; }
        td.key { white-space: nowrap; }
        td.when { min-width: 7em; }
        td.warn { background: #fdebd9; }
        td.alert { background: #f8c9a3; }
        tr.assumptions td { font-size: 12px; color: #444; border-bottom: 2px solid #cfcfcf; }
        tr.assumptions ul { margin: 0; padding-left: 18px; }
        tr.total td { font-weight: bold; background: #f8f9fa; }
        code, .mono { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 12px; }
        dl.manifest { display: grid; grid-template-columns: max-content 1fr; gap: 3px 18px; font-size: 13px; margin: 0; }
        dl.manifest dt { color: var(--muted); }
        dl.manifest dd { margin: 0; overflow-wrap: anywhere; }
        footer { color: #777; font-size: 12px; padding-top: 12px; padding-bottom: 30px; border-top: 1px solid var(--rule); }
        @page { size: A4; margin: 14mm 12mm; }
        @media print {
          * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
          body { font-size: 10pt; }
          header, main, footer { max-width: none; padding-left: 0; padding-right: 0; }
          nav { display: none; }
          section { margin: 14pt 0; }
          h2 { break-after: avoid; }
          figure, .card, tr, tbody.keep, dl.manifest { break-inside: avoid; }
          .grid, .grid.wide { grid-template-columns: repeat(2, 1fr); }
          .cards { grid-template-columns: repeat(3, 1fr); }
          .card .big { font-size: 18pt; }
          table { font-size: 8pt; }
          th, td { padding: 2px 4px; }
          .table-wrap { overflow: visible; }
        }
        """
}
