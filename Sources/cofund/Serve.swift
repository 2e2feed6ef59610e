import ArgumentParser
import CoFundServe
import Foundation

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the drafting page: edit a clause's numbers and see every funder's exposure move.",
        discussion: """
            Opens a local page (http://127.0.0.1:PORT/) listing the scenario's programs with their clauses and \
            an input for each policy parameter. Update runs the edited numbers as a reform against the \
            scenario on common random numbers with the scenario's seed, exactly as `cofund compare FILE \
            --set PATH=VALUE --paths N` does, and shows each funder's change by year with its 95% interval, \
            the budget lines' overrun chances and the programs that moved, with the reform as a file \
            `cofund compare --reform` reads. Listens on 127.0.0.1 only unless --host names another address.
            """)

    static let maxPaths = 20_000

    @Argument(help: "The scenario file (YAML); the built-in Jinan portfolio when omitted.")
    var file: String?

    @Option(help: "The port to listen on (0: any free port).")
    var port: Int = 8765

    @Option(help: "The address to listen on: 127.0.0.1 (this machine only) unless another is given, e.g. 0.0.0.0.")
    var host: String = "127.0.0.1"

    @Option(help: "The paths of a comparison when the page does not ask for another number (at most 20000).")
    var paths: Int = 2_000

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be from 0 to 65535") }
        guard (1...Self.maxPaths).contains(paths) else { throw ValidationError("--paths must be from 1 to \(Self.maxPaths)") }
    }

    func run() async throws {
        let source = try ScenarioInput.load(file)
        let server: HTTPServerHandle
        do {
            server = try await HTTPServerHandle(
                source: source, host: host, port: UInt16(port), defaultPaths: paths, maxPaths: Self.maxPaths,
                threads: ProcessInfo.processInfo.activeProcessorCount)
        } catch { throw CommandFailure("\(error)") }
        try await server.run { url in
            var lines = ["cofund serve: \(source.file) at \(url)"]
            if !DraftingServer.localHosts.contains(host) {
                lines.append("cofund serve: listening on \(host): this page accepts connections from other machines")
            }
            lines.append("Stop with Ctrl-C.")
            FileHandle.standardOutput.write(Data((lines.joined(separator: "\n") + "\n").utf8))
        }
    }
}
