import CoFundReport

/// A failure the user can act on, printed as `Error: …` without the usage text. Its control
/// characters are escaped: messages quote names and paths from the user's files.
struct CommandFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = TerminalText.escaped(description, keepingLineBreaks: true) }
}
