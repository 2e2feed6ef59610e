import ArgumentParser
import CoFundHistory
import CoFundReport
import Foundation

/// `--history PATH` and `--no-history`: where a command records its run, or that it does not.
struct HistoryFlags: ParsableArguments {
    @Option(
        name: .customLong("history"),
        help: ArgumentHelp(
            "The run history database (default: $COFUND_HISTORY, else $XDG_DATA_HOME/cofund/history.sqlite, else ~/.local/share/cofund/history.sqlite).",
            valueName: "PATH"))
    var path: String?

    @Flag(name: .customLong("no-history"), help: "Do not record this run in the run history.")
    var off = false

    /// The history database's path.
    var location: String { HistoryLocation.resolve(flag: path, environment: ProcessInfo.processInfo.environment) }

    /// Records a run once its directory is written. A history that cannot be opened or written
    /// costs a one-line warning on stderr, never the run.
    func record(_ record: () -> RunRecord) {
        guard !off else { return }
        let location = location
        do { try HistoryStore(path: location).record(record()) } catch {
            warnNotRecorded(location, error.description)
        }
    }
}

/// `--history PATH` of the commands that read the history.
struct HistoryOption: ParsableArguments {
    @Option(
        name: .customLong("history"),
        help: ArgumentHelp(
            "The run history (default: $COFUND_HISTORY, else $XDG_DATA_HOME/cofund/history.sqlite, else ~/.local/share/cofund/history.sqlite).",
            valueName: "PATH"))
    var path: String?

    /// The history database's path.
    var location: String { HistoryLocation.resolve(flag: path, environment: ProcessInfo.processInfo.environment) }

}

/// The history at `location` to read; nil when no file is there (nothing was recorded).
func openHistory(_ location: String) throws -> HistoryStore? {
    guard FileManager.default.fileExists(atPath: location) else { return nil }
    do { return try HistoryStore(path: location) } catch { throw CommandFailure("the run history \(location): \(error.description)") }
}

/// Run `id` of the history at `location`, or the failure that names the history.
func recordedRun(_ id: Int64, at location: String) throws -> RunRecord {
    guard let store = try openHistory(location) else {
        throw CommandFailure("no run \(id): the run history \(location) does not exist")
    }
    let record: RunRecord?
    do { record = try store.run(id: id) } catch { throw CommandFailure("the run history \(store.path): \(error.description)") }
    guard let record else { throw CommandFailure("no run \(id) in the run history \(store.path): `cofund history` lists them") }
    return record
}

/// The one line that says a run was not recorded, and why.
func warnNotRecorded(_ location: String, _ reason: String) {
    let line = TerminalText.escaped("warning: run not recorded in the history \(location): \(reason)")
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
