import CoFundModel

/// One section of a page: an anchor, an English heading and its HTML body.
struct HTMLSection {
    var id: String
    var title: String
    var body: String
}

/// A whole self-contained page: the style sheet inline, no script, nothing fetched.
struct HTMLPage {
    /// run, compare, sweep or sensitivity (in a `<meta>` so that checks know the page's sections).
    var kind: String
    /// Plain text, escaped here.
    var title: String
    var kicker: String
    /// Plain-text lines under the title.
    var meta: [String]
    /// HTML placed after the meta lines (description, changes).
    var intro: String = ""
    var sections: [HTMLSection]

    var rendered: String {
        var out = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="generator" content="cofund \(HTML.escape(CofundVersion.current))">
            <meta name="cofund-report" content="\(HTML.escape(kind))">
            <title>\(HTML.escape(title)) · cofund</title>
            <style>
            \(HTMLStyle.css)
            </style>
            </head>
            <body>
            <header>
            <p class="kicker">\(HTML.escape(kicker))</p>
            <h1 lang="zh-Hans">\(HTML.escape(title))</h1>

            """
        for m in meta { out += "<p class=\"meta\">\(HTML.escape(m))</p>\n" }
        out += intro
        out += "<nav>" + sections.map { "<a href=\"#\(HTML.escape($0.id))\">\(HTML.escape($0.title))</a>" }.joined() + "</nav>\n</header>\n<main>\n"
        for s in sections {
            out += "<section id=\"\(HTML.escape(s.id))\">\n<h2>\(HTML.escape(s.title))</h2>\n\(s.body)\n</section>\n"
        }
        out +=
            "</main>\n<footer>Made by cofund \(HTML.escape(CofundVersion.current)). Monte Carlo estimates: every mean carries its standard error; percentiles interpolate linearly between paths (type 7).</footer>\n</body>\n</html>\n"
        return out
    }
}
