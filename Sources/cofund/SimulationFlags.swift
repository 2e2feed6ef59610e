import ArgumentParser
import CoFundEngine
import CoFundHistory
import CoFundModel
import Foundation

/// The options every simulating command shares.
struct SimulationFlags: ParsableArguments {
    @Option(help: "Monte Carlo paths (default: the scenario's `paths`).")
    var paths: Int?

    @Option(help: "Random seed (default: the scenario's `seed`). The same seed gives the same results on any thread count.")
    var seed: UInt64?

    @Option(help: "Worker threads (default: the number of cores).")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    @OptionGroup var csv: CSVEncodingFlags

    @Flag(help: "No progress on stderr.")
    var quiet = false

    @Option(help: "What to print: table (for reading) or json (for scripts).")
    var format: OutputFormat = .table

    @Option(
        name: .customLong("max-memory"),
        help: "Refuse a run estimated to need more memory than this (e.g. 4G, 512M; default: half the machine's memory).")
    var maxMemory: String?

    func validate() throws {
        if let paths, !(1...SimulationLimits.maxPaths).contains(paths) {
            throw ValidationError("--paths must be from 1 to \(SimulationLimits.maxPaths)")
        }
        guard (1...256).contains(threads) else { throw ValidationError("--threads must be from 1 to 256") }
        if let maxMemory, MemoryEstimate.parse(maxMemory) == nil {
            throw ValidationError("--max-memory takes an amount such as 4G, 512M or 2.5G")
        }
    }

    /// What these flags ask of a run; `--max-memory` defaults to half the machine's memory.
    var request: SimulationRequest {
        SimulationRequest(
            paths: paths, seed: seed, threads: threads,
            maxMemory: maxMemory.flatMap(MemoryEstimate.parse) ?? MemoryEstimate.defaultBound)
    }

    /// The plan and options of `input`'s run, with a progress line unless quiet; refused with the
    /// reason when too large to finish.
    func options(_ input: ScenarioSource, maxPaths: Int? = nil, targetSE: Double? = nil) throws -> (SimulationPlan, SimulationOptions) {
        var r = request
        r.maxPaths = maxPaths
        r.targetRelativeSE = targetSE
        let plan: SimulationPlan
        var options: SimulationOptions
        do { (plan, options) = try r.plan(input.scenario) } catch { throw CommandFailure(error.description) }
        let progress = quiet ? nil : ProgressLine.make()
        options.progress = progress?.update
        return (plan, options)
    }
}

/// How CSV files are written: with UTF-8's byte-order mark unless `--no-bom`.
struct CSVEncodingFlags: ParsableArguments {
    @Flag(
        name: .customLong("no-bom"),
        help: "Write CSV files without the UTF-8 byte-order mark they start with by default (Excel needs it to show Chinese names).")
    var noByteOrderMark = false

    /// Accepted as before, when the mark was not the default: it changes nothing.
    @Flag(help: .hidden)
    var excel = false

    func validate() throws {
        if excel && noByteOrderMark { throw ValidationError("--excel and --no-bom contradict each other: give one of them") }
    }

    /// Whether CSV files start with the byte-order mark.
    var byteOrderMark: Bool { !noByteOrderMark }
}

/// `--reform FILE` and `--set PATH=VALUE`, applied in that order.
struct ReformFlags: ParsableArguments {
    @Option(name: .customLong("reform"), help: "A reform file of overrides (`programs.ID.FIELD: VALUE`); repeatable, applied in order.")
    var reformFiles: [String] = []

    @Option(
        name: .customLong("set"),
        help:
            "An override PATH=VALUE, e.g. parameters.rd_cap=500 or programs.rd_post_subsidy.claims.approval=0.9; repeatable, applied after the files."
    )
    var assignments: [String] = []

    var isEmpty: Bool { reformFiles.isEmpty && assignments.isEmpty }

    /// The reforms as the run history records them: each file's path and text, each assignment.
    var given: [ReformInput] { ReformInput.given(files: reformFiles, assignments: assignments) }
}

/// How a command prints its result.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json
}
