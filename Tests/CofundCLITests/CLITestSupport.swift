import CoFundTestSupport
import Foundation
import XCTest

/// What one run of the `cofund` binary did.
struct CLIResult {
    var status: Int32
    var reason: Process.TerminationReason
    var stdout: String
    var stderr: String

    /// Exited by itself (no signal, no Swift runtime trap).
    var exitedCleanly: Bool { reason == .exit && !stderr.contains("Fatal error") }
}

enum CofundCLI {
    /// The built `cofund` executable: beside the test bundle, else `.build/debug/cofund` of this package.
    static func executable() -> URL {
        var candidates: [URL] = []
        let bundle = Bundle.main.bundleURL
        candidates.append(bundle.appendingPathComponent("cofund"))
        candidates.append(bundle.deletingLastPathComponent().appendingPathComponent("cofund"))
        for arg0 in [CommandLine.arguments.first, ProcessInfo.processInfo.arguments.first].compactMap({ $0 }) {
            let url = URL(fileURLWithPath: arg0).standardizedFileURL
            candidates.append(url.deletingLastPathComponent().appendingPathComponent("cofund"))
            candidates.append(url.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("cofund"))
        }
        candidates.append(PackageRoot.url.appendingPathComponent(".build/debug/cofund"))
        let fm = FileManager.default
        for c in candidates {
            var isDir: ObjCBool = false
            if fm.fileExists(atPath: c.path, isDirectory: &isDir), !isDir.boolValue, fm.isExecutableFile(atPath: c.path) {
                return c
            }
        }
        return candidates.last!
    }

    /// The run history of the commands run in `directory`, unless a test names its own: in the test's
    /// directory, never the user's.
    static let historyName = ".cofund-history.sqlite"

    /// Runs `cofund arguments…` in `directory`; stdout and stderr go to files so that neither pipe can fill up.
    /// The run history is `directory`'s `historyName` unless `environment` sets `COFUND_HISTORY`.
    static func run(
        _ arguments: [String], in directory: URL, environment: [String: String] = [:],
        file: StaticString = #filePath, line: UInt = #line
    ) throws -> CLIResult {
        let exe = executable()
        guard FileManager.default.isExecutableFile(atPath: exe.path) else {
            XCTFail("cofund executable not found at \(exe.path); build it with `swift build`", file: file, line: line)
            throw CocoaError(.fileNoSuchFile)
        }
        let history = ["COFUND_HISTORY": directory.appendingPathComponent(historyName).path]
        return try Subprocess.run(exe, arguments, in: directory, environment: history.merging(environment) { _, given in given })
    }
}

/// Runs a program to completion; stdout and stderr go to files so that neither pipe can fill up.
enum Subprocess {
    /// - Parameter environment: variables set (or replaced) in the child's copy of this process's environment.
    static func run(_ executable: URL, _ arguments: [String], in directory: URL, environment: [String: String] = [:]) throws -> CLIResult {
        let outURL = directory.appendingPathComponent(".stdout-\(UUID().uuidString)")
        let errURL = directory.appendingPathComponent(".stderr-\(UUID().uuidString)")
        guard FileManager.default.createFile(atPath: outURL.path, contents: nil),
            FileManager.default.createFile(atPath: errURL.path, contents: nil)
        else {
            throw CocoaError(.fileWriteUnknown)
        }
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new } }
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        return CLIResult(
            status: process.terminationStatus,
            reason: process.terminationReason,
            stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }
}

/// SHA-256 of a file's bytes as 64 lowercase hex digits, from `sha256sum` (coreutils).
func sha256sum(of path: String) throws -> String {
    let process = Process()
    let candidates = ["/usr/bin/sha256sum", "/bin/sha256sum"]
    if let tool = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) {
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = [path]
    } else {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/shasum")
        process.arguments = ["-a", "256", path]
    }
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(String(decoding: data, as: UTF8.self).prefix(64))
}

extension TempDir {
    /// Names in the directory, hidden ones included, leaving out the captured stdout/stderr files and
    /// the run history (`CofundCLI.historyName` and its journal).
    func entries() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: url.path)
            .filter { !$0.hasPrefix(".stdout-") && !$0.hasPrefix(".stderr-") && !$0.hasPrefix(CofundCLI.historyName) }
            .sorted()
    }

    /// The CSV file `name`, read with the strict RFC 4180 reader.
    func csv(_ name: String) throws -> (header: [String], rows: [[String: String]]) { try RFC4180.table(try text(name)) }

    /// The JSON object in the file `name` (a manifest.json).
    func json(_ name: String) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(try bytes(name)))
        guard let dictionary = object as? [String: Any] else { throw CocoaError(.propertyListReadCorrupt) }
        return dictionary
    }
}

/// The project's Python: `.venv/bin/python` in the package root, with nbformat, nbclient, ipykernel,
/// pandas and matplotlib. The first use in a test process runs `scripts/setup-python.sh`, which makes
/// or completes the venv (and returns at once when it is ready), so that `swift test` works on a fresh
/// machine without packages installed by hand, and a notebook's kernel is this venv's, not whatever
/// `python3` is first on PATH.
enum ProjectPython {
    static let root = PackageRoot.url
    static let venv = root.appendingPathComponent(".venv")
    static let interpreter = venv.appendingPathComponent("bin/python")

    struct SetupFailed: Error, CustomStringConvertible {
        var description: String
    }

    /// Made once per test process; the script's own lock covers other processes.
    static let setup: Result<URL, SetupFailed> = {
        let script = root.appendingPathComponent("scripts/setup-python.sh")
        let outcome = Result { try Subprocess.run(URL(fileURLWithPath: "/bin/bash"), [script.path], in: FileManager.default.temporaryDirectory) }
        switch outcome {
        case let .success(r) where r.status == 0 && FileManager.default.isExecutableFile(atPath: interpreter.path):
            return .success(interpreter)
        case let .success(r):
            return .failure(SetupFailed(description: "scripts/setup-python.sh exited with \(r.status):\n\(r.stderr)"))
        case let .failure(error):
            return .failure(SetupFailed(description: "scripts/setup-python.sh could not be started: \(error)"))
        }
    }()

    /// Runs `.venv/bin/python arguments…` in `directory`, after making the venv if needed.
    static func run(_ arguments: [String], in directory: URL) throws -> CLIResult {
        try Subprocess.run(try setup.get(), arguments, in: directory)
    }
}
