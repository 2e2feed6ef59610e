/// The drafting page: one HTML document with its style and script inline, loading nothing from
/// anywhere (the server's Content-Security-Policy forbids it) and talking only to this server's API.
enum DraftingPage {
    static let html = """
        <!doctype html>
        <html lang="zh-Hans">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>cofund 起草</title>
        <style>
        \(PageStyle.css)
        </style>
        </head>
        <body>
        <header>
          <h1 id="title" data-i18n="title">政策起草</h1>
          <button id="lang" type="button">English</button>
        </header>
        <p class="muted" id="scenario"></p>
        <main>
          <section id="edit">
            <h2 data-i18n="numbers">可编辑的数值</h2>
            <div id="inputs"></div>
            <label class="paths"><span data-i18n="paths">路径数</span> <input id="paths" type="number" min="1"></label>
            <button id="update" type="button" data-i18n="update">更新</button>
            <span id="progress" hidden><span class="spinner"></span> <span data-i18n="running">计算中…</span></span>
            <p id="error" class="error" hidden></p>
            <h2 data-i18n="reform">修改（reform 文件）</h2>
            <pre id="yaml"></pre>
            <a id="download" download="draft.reform.yaml" data-i18n="download">下载 reform 文件</a>
          </section>
          <section id="results">
            <h2 data-i18n="change">各级财政支出变化（均值与95%区间）</h2>
            <p class="muted" id="note" data-i18n="none">尚未计算：修改数值后点击“更新”。</p>
            <div id="table"></div>
            <div id="chart"></div>
            <h2 data-i18n="lines">预算超支概率</h2>
            <div id="lines"></div>
            <h2 data-i18n="moved">受影响的项目</h2>
            <ul id="moved"></ul>
          </section>
        </main>
        <section id="programs">
          <h2 data-i18n="programs">项目与条款</h2>
          <div id="program-list"></div>
        </section>
        <script>
        \(PageScript.js)
        </script>
        </body>
        </html>
        """
}
