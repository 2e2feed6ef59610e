import ArgumentParser
import CoFundHistory
import CoFundReport

struct History: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the recorded runs, or show one.",
        discussion: """
            Every run, comparison, sweep and merge is recorded, once its directory is written, in the \
            run history: --history PATH, else $COFUND_HISTORY, else $XDG_DATA_HOME/cofund/history.sqlite, \
            else ~/.local/share/cofund/history.sqlite (--no-history records nothing). Compare two \
            recorded runs with `cofund compare --run A --run B`.
            """,
        subcommands: [HistoryList.self, HistoryShow.self],
        defaultSubcommand: HistoryList.self)
}

struct HistoryList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the recorded runs: id, time, kind, scenario, seed, paths and the government's mean over the horizon.")

    @Option(help: "Only the runs of this scenario (its id).")
    var scenario: String?

    @OptionGroup var history: HistoryOption

    func run() throws {
        guard let store = try openHistory(history.location) else {
            print(TerminalText.escaped("No runs recorded: \(history.location) does not exist."))
            return
        }
        let runs: [HistoryStore.Listed]
        do { runs = try store.list(scenario: scenario) } catch { throw CommandFailure("the run history \(store.path): \(error.description)") }
        guard !runs.isEmpty else {
            print("No runs recorded\(scenario.map { " of scenario \($0)" } ?? "") in \(store.path).")
            return
        }
        print(HistoryText.list(runs))
    }
}

struct HistoryShow: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show a recorded run: its settings, inputs and each funder's exposure by year.")

    @Argument(help: "The run's id (see `cofund history`).")
    var id: Int64

    @OptionGroup var history: HistoryOption

    func run() throws {
        print(HistoryText.show(try recordedRun(id, at: history.location)))
    }
}
