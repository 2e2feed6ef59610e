import ArgumentParser
import CoFundEngine
import CoFundModel
import CoFundReport

struct Sweep: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a scenario over a grid of one or two parameters, every point on common random numbers.",
        discussion: """
            Each --set names a path and its values: --set programs.rd_post_subsidy.cap_per_claim=150,250,500. \
            With two, every pair is run. Writes sweep.csv (one row per point × program × funder over the \
            horizon), manifest.json and report.html (mean and p95 against the swept value) and prints each funder's mean and p95 at every point.
            """)

    @Argument(help: "The scenario file (YAML); the built-in Jinan portfolio when omitted.")
    var file: String?

    @Option(name: .customLong("set"), help: "PATH=V1,V2,... — the values of one swept parameter; once or twice.")
    var grids: [String] = []

    @Option(name: .customLong("reform"), help: "A reform file applied before the sweep; repeatable.")
    var reformFiles: [String] = []

    @OptionGroup var simulation: SimulationFlags

    @Option(name: .customLong("out"), help: "The directory to write (default: runs/SCENARIO-ID-sweep).")
    var out: String?

    func validate() throws {
        guard (1...2).contains(grids.count) else { throw ValidationError("give one or two --set PATH=V1,V2,... to sweep") }
        for g in grids {
            guard let (path, values) = Self.split(g), !path.isEmpty, !values.isEmpty else {
                throw ValidationError("--set \(g): write PATH=V1,V2,... e.g. programs.rd_post_subsidy.cap_per_claim=150,250,500")
            }
            guard values.count <= Self.maxPoints else { throw ValidationError("--set \(path): at most \(Self.maxPoints) values") }
        }
        let points = grids.compactMap(Self.split).map(\.1.count).reduce(1, *)
        guard points <= Self.maxPoints else {
            throw ValidationError("the grid has \(points) points, more than \(Self.maxPoints): sweep fewer values, or one parameter at a time")
        }
    }

    /// The most points one sweep runs: each is a whole simulation.
    static let maxPoints = 400

    /// `PATH=V1,V2` → (PATH, [V1, V2]); commas inside brackets or braces do not split values.
    static func split(_ grid: String) -> (String, [String])? {
        guard let eq = grid.firstIndex(of: "=") else { return nil }
        var values: [String] = []
        var depth = 0
        var current = ""
        for ch in grid[grid.index(after: eq)...] {
            if ch == "{" || ch == "[" { depth += 1 }
            if ch == "}" || ch == "]" { depth -= 1 }
            if ch == ",", depth == 0 { values.append(current.trimmingCharacters(in: .whitespaces)); current = ""; continue }
            current.append(ch)
        }
        values.append(current.trimmingCharacters(in: .whitespaces))
        return (String(grid[..<eq]).trimmingCharacters(in: .whitespaces), values.filter { !$0.isEmpty })
    }

    func run() async throws {
        let loaded = try ScenarioInput.load(file)
        let input = try loaded.reformed(files: reformFiles, assignments: [])
        let axes = grids.compactMap(Self.split)
        var grid: [[String]] = axes[0].1.map { [$0] }
        if axes.count == 2 { grid = grid.flatMap { a in axes[1].1.map { a + [$0] } } }
        let dir = out ?? "runs/\(input.scenario.id)-sweep"
        try preflight(dir)
        var points: [SweepCSV.Point] = []
        let bar = simulation.quiet ? nil : ProgressLine.make(counting: "points")
        for values in grid {
            // Reforms apply to the scenario's text: each point re-applies the files, then its values.
            let point = try loaded.reformed(files: reformFiles, assignments: zip(axes, values).map { "\($0.0)=\($1)" })
            let (plan, options) = try simulation.options(point)
            var o = options
            o.progress = nil
            points.append(SweepCSV.Point(values: values, result: try await Simulation.run(plan, options: o)))
            bar?.update(done: points.count, planned: grid.count)
        }
        ProgressLine.clear(simulation.quiet)
        let parameters = axes.map(\.0)
        let manifest = Manifest(result: points[0].result, scenarioFile: input.file, scenarioSHA256: input.sha256,
                                reforms: input.changes.map(\.description) + grids.map { "sweep \($0)" })
        try write(dir, [
            ("sweep.csv", SweepCSV.render(parameters: parameters, points: points, excel: simulation.excel)),
            ("manifest.json", manifest.json),
            ("report.html", SweepPage.render(parameters: parameters, points: points, manifest: manifest)),
        ])
        if simulation.format == .json {
            print(TerminalJSON.sweep(parameters: parameters, points: points))
            return
        }
        print(SweepTable.render(parameters: parameters, points: points))
        print("\nWrote \(dir)/: sweep.csv, manifest.json and report.html.")
    }
}
