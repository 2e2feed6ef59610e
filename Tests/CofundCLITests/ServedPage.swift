import Foundation
import XCTest

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A `cofund serve` process on a free port (`--port 0`), started by a test and stopped by `stop()`.
final class ServedPage {
    let process = Process()
    /// The URL the server printed, e.g. `http://127.0.0.1:41234/`.
    let url: URL
    private let errURL: URL

    /// Starts `cofund serve ARGS --port 0` in `directory` and reads its stdout until it prints the URL.
    init(_ arguments: [String], in directory: URL, file: StaticString = #filePath, line: UInt = #line) throws {
        let out = Pipe()
        errURL = directory.appendingPathComponent(".serve-stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        process.executableURL = CofundCLI.executable()
        process.arguments = ["serve"] + arguments + ["--port", "0"]
        process.currentDirectoryURL = directory
        process.standardOutput = out
        process.standardError = try FileHandle(forWritingTo: errURL)
        try process.run()
        var printed = ""
        while !printed.contains("/\n") {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }  // end of file: the server stopped
            printed += String(decoding: chunk, as: UTF8.self)
        }
        guard let range = printed.range(of: #"http://127\.0\.0\.1:[0-9]+/"#, options: .regularExpression),
            let url = URL(string: String(printed[range]))
        else {
            let stderr = (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
            process.terminate()
            process.waitUntilExit()
            XCTFail("cofund serve printed no URL; stdout: \(printed) stderr: \(stderr)", file: file, line: line)
            throw CocoaError(.fileReadUnknown)
        }
        self.url = url
    }

    func stop() {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: errURL)
    }

    /// The status and body of `method path` with `body`.
    func request(_ method: String, _ path: String, body: String? = nil) async throws -> (status: Int, body: String) {
        var r = URLRequest(url: URL(string: url.absoluteString + path)!)
        r.httpMethod = method
        r.timeoutInterval = 3_600
        if let body {
            r.httpBody = Data(body.utf8)
            r.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let (data, response) = try await URLSession.shared.data(for: r)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }
}
