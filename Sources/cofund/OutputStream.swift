import CoFundReport
import Foundation

/// Where a command prints messages that quote a scenario file.
enum OutputStream {
    case standardOutput, standardError

    /// Writes `s` with its control characters escaped (its line breaks kept): messages quote what a
    /// scenario file holds, and a file must not drive the terminal.
    func write(_ s: String) {
        let s = TerminalText.escaped(s, keepingLineBreaks: true)
        switch self {
        case .standardOutput: FileHandle.standardOutput.write(Data(s.utf8))
        case .standardError: FileHandle.standardError.write(Data(s.utf8))
        }
    }
}
