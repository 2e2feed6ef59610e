import CoFundReport
import Foundation

/// Refuses, before a simulation starts, an `--out` that cofund may not write.
func preflight(_ dir: String) throws {
    do { try RunDirectory(path: dir).preflight() } catch { throw CommandFailure(error.description) }
}

/// Writes a run directory, or fails with the reason; warnings go to stderr.
func write(_ dir: String, _ files: [(name: String, text: String)], binary: [(name: String, bytes: [UInt8])] = []) throws {
    let warnings: [String]
    do { warnings = try RunDirectory(path: dir).write(files, binary: binary) } catch { throw CommandFailure(error.description) }
    for w in warnings { FileHandle.standardError.write(Data("warning: \(w)\n".utf8)) }
}

/// report.xlsx as `make` builds it, or the reason it could not be made.
func workbook(_ make: () throws(WorkbookError) -> (name: String, bytes: [UInt8])) throws -> (name: String, bytes: [UInt8]) {
    do { return try make() } catch { throw CommandFailure("cannot make report.xlsx: \(error.description)") }
}
