import Foundation
import GRDB

/// The run history: a SQLite database of recorded runs (`HistoryMigrations` gives its schema).
public final class HistoryStore: Sendable {
    public let path: String
    let queue: DatabaseQueue

    /// Why the history could not be opened, read or written, in one line.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
        init(_ description: String) { self.description = description }

        init(_ error: any Error) {
            switch error {
            case let e as Failure: self = e
            case let e as DatabaseError: self.init(e.message ?? "SQLite error \(e.resultCode.rawValue)")
            default: self.init(String(describing: error))
            }
            description = description.split(whereSeparator: \.isNewline).joined(separator: " ")
        }
    }

    /// Opens the database at `path`, making it (and its directory) when missing, and brings its
    /// schema up to date; waits up to `busyTimeout` seconds for another writer.
    ///
    /// - Throws: `Failure`: the directory cannot be made, the file is not a database, is locked or
    ///   cannot be written, or was written by a newer cofund.
    public init(path: String, busyTimeout: Double = 5) throws(Failure) {
        self.path = path
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw Failure("\(directory.path) is not a directory") }
        } else {
            do { try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true) } catch {
                throw Failure("cannot make the directory \(directory.path)")
            }
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeout)
        configuration.foreignKeysEnabled = true
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
            let migrator = HistoryMigrations.migrator
            if try queue.read({ try migrator.hasBeenSuperseded($0) }) {
                throw Failure("it was written by a newer cofund (its schema has migrations this one does not know)")
            }
            try migrator.migrate(queue)
        } catch { throw Failure(error) }
    }

    /// Records `record` in one transaction and gives its id.
    @discardableResult
    public func record(_ record: RunRecord) throws(Failure) -> Int64 {
        do {
            return try queue.write { db in
                var run = record.run
                try run.insert(db)
                let id = run.id!
                for (i, var r) in record.reforms.enumerated() {
                    (r.runID, r.position) = (id, i)
                    try r.insert(db)
                }
                for (i, var c) in record.changes.enumerated() {
                    (c.runID, c.position) = (id, i)
                    try c.insert(db)
                }
                for var row in record.summary {
                    row.runID = id
                    try row.insert(db)
                }
                return id
            }
        } catch { throw Failure(error) }
    }

    /// One line of `cofund history`.
    public struct Listed: Sendable, Equatable {
        public var run: RecordedRun
        /// The government total's mean over the horizon in the run's first arm; nil without fiscal funders.
        public var governmentMean: Double?
    }

    /// The recorded runs, oldest first; those of scenario `scenario` (its id) only when given.
    public func list(scenario: String? = nil) throws(Failure) -> [Listed] {
        do {
            return try queue.read { db in
                var request = RecordedRun.order(Column("id"))
                if let scenario { request = request.filter(Column("scenario_id") == scenario) }
                return try request.fetchAll(db).map { run in
                    let mean = try Double.fetchOne(
                        db,
                        sql: """
                            SELECT mean FROM summary WHERE run_id = ? AND program = 'all' AND funder = 'government' AND year = 'total'
                            AND flow = 'net' ORDER BY rowid LIMIT 1
                            """, arguments: [run.id])
                    return Listed(run: run, governmentMean: mean)
                }
            }
        } catch { throw Failure(error) }
    }

    /// Everything recorded of run `id`; nil when there is no such run.
    public func run(id: Int64) throws(Failure) -> RunRecord? {
        do {
            return try queue.read { db in
                guard let run = try RecordedRun.fetchOne(db, key: id) else { return nil }
                var record = RunRecord(run: run)
                record.reforms = try ReformInput.filter(Column("run_id") == id).order(Column("position")).fetchAll(db)
                record.changes = try AppliedChange.filter(Column("run_id") == id).order(Column("position")).fetchAll(db)
                record.summary = try SummaryRow.filter(Column("run_id") == id).order(Column.rowID).fetchAll(db)
                return record
            }
        } catch { throw Failure(error) }
    }
}
