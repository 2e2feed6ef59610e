import CoFundTestSupport
import Foundation
import GRDB
import XCTest

@testable import CoFundHistory

/// The history database: its schema made by the migrations, a record read back whole, and the
/// failures a command turns into a warning.
final class HistoryStoreTests: XCTestCase {
    var dir: TempDir!

    override func setUpWithError() throws { dir = try TempDir() }
    override func tearDown() { dir?.remove() }

    static func record(seed: String = "7", arms: [String] = [SummaryRow.runArm]) -> RunRecord {
        let run = RecordedRun(
            id: nil, kind: .run, recordedAt: "2026-01-02T03:04:05Z", cofundVersion: "0.1.0", scenarioID: "s", scenarioTitle: "标题",
            scenarioFile: "s.yaml", scenarioSHA256: String(repeating: "a", count: 64), scenarioText: "scenario:\n  id: s\n", comparedFile: nil,
            comparedSHA256: nil, comparedText: nil, unit: "wan", firstYear: 2024, lastYear: 2025, seed: seed, paths: 100, threads: 2,
            runDirectory: "/tmp/r")
        let rows = arms.flatMap { arm in
            ["2024", "2025", "after", "total"].map { year in
                SummaryRow(
                    arm: arm, program: "all", funder: "government", year: year, flow: "net", mean: 10, sd: 3, se: 0.3, p05: 5, p50: 10,
                    p90: 14, p95: 15, p99: 18, cvar95: 16, cvar99: 19, max: 20, cvar95SE: year == "after" ? nil : 0.5)
            }
        }
        return RunRecord(
            run: run, reforms: [ReformInput(kind: .file, path: "r.yaml", text: "programs.x.rate: 0.1\n"), ReformInput(kind: .set, text: "a=1")],
            changes: ["a: 0 → 1"], summary: rows)
    }

    func testMigrationsMakeTheSchemaInAnEmptyFile() throws {
        let path = try dir.write("empty.sqlite", "")
        _ = try HistoryStore(path: path)
        let queue = try DatabaseQueue(path: path)
        try queue.read { db in
            XCTAssertEqual(
                try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid"), ["runs", "summaries", "stratified"])
            for table in ["run", "reform", "applied_change", "summary"] { XCTAssertTrue(try db.tableExists(table), table) }
            let columns = try db.columns(in: "summary").map(\.name)
            XCTAssertEqual(
                columns,
                [
                    "run_id", "arm", "program", "funder", "year", "flow", "mean", "sd", "se", "p05", "p50", "p90", "p95", "p99", "cvar95",
                    "cvar99", "max", "cvar95_se",
                ])
            XCTAssertTrue(try db.columns(in: "run").map(\.name).contains("scenario_text"))
            XCTAssertTrue(try db.columns(in: "run").map(\.name).contains("stratified"))
        }
    }

    func testARecordReadsBackWhole() throws {
        let store = try HistoryStore(path: dir.path("deep/er/h.sqlite"))
        let first = try store.record(Self.record(seed: "18446744073709551615"))
        let second = try store.record(Self.record(arms: [SummaryRow.baselineArm, SummaryRow.reformArm]))
        XCTAssertEqual([first, second], [1, 2])
        let back = try XCTUnwrap(try store.run(id: first))
        var expected = Self.record(seed: "18446744073709551615")
        expected.run.id = 1
        for i in expected.reforms.indices { (expected.reforms[i].runID, expected.reforms[i].position) = (1, i) }
        for i in expected.changes.indices { (expected.changes[i].runID, expected.changes[i].position) = (1, i) }
        for i in expected.summary.indices { expected.summary[i].runID = 1 }
        XCTAssertEqual(back, expected)
        XCTAssertEqual(try store.run(id: second)?.arms, ["baseline", "reform"])
        XCTAssertNil(try store.run(id: 3))
        let listed = try store.list()
        XCTAssertEqual(listed.map(\.run.id), [1, 2])
        XCTAssertEqual(listed.map(\.governmentMean), [10, 10])
        XCTAssertEqual(try store.list(scenario: "other").count, 0)
    }

    /// A history written before runs recorded `--stratify` is brought up to date when opened: its
    /// runs read back as plain, and a stratified run recorded after says so in `history show`.
    func testAnOlderHistoryGainsTheStratifiedFlag() throws {
        let path = dir.path("old.sqlite")
        let queue = try DatabaseQueue(path: path)
        try HistoryMigrations.migrator.migrate(queue, upTo: "summaries")
        try queue.write { db in
            let old = Self.record().run
            try db.execute(
                sql: """
                    INSERT INTO run (kind, recorded_at, cofund_version, scenario_id, scenario_title, scenario_file, scenario_sha256,
                    scenario_text, unit, first_year, last_year, seed, paths, threads, run_directory)
                    VALUES ('run', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    old.recordedAt, old.cofundVersion, old.scenarioID, old.scenarioTitle, old.scenarioFile, old.scenarioSHA256,
                    old.scenarioText, old.unit, old.firstYear, old.lastYear, old.seed, old.paths, old.threads, old.runDirectory,
                ])
        }
        try queue.close()
        let store = try HistoryStore(path: path)
        XCTAssertEqual(try store.run(id: 1)?.run.stratified, false)
        var stratified = Self.record()
        stratified.run.stratified = true
        let id = try store.record(stratified)
        let back = try XCTUnwrap(try store.run(id: id))
        XCTAssertTrue(back.run.stratified)
        XCTAssertTrue(HistoryText.show(back).contains("seed 7 · 100 paths (stratified) · 2 threads"), HistoryText.show(back))
        XCTAssertFalse(HistoryText.show(try XCTUnwrap(try store.run(id: 1))).contains("stratified"))
    }

    func testALockedHistoryFailsWithTheReason() throws {
        let path = dir.path("h.sqlite")
        _ = try HistoryStore(path: path)
        var configuration = Configuration()
        configuration.allowsUnsafeTransactions = true
        let holder = try DatabaseQueue(path: path, configuration: configuration)
        // Another process's write transaction, left open while cofund tries to record.
        try holder.writeWithoutTransaction { db in try db.execute(sql: "BEGIN EXCLUSIVE") }
        defer { try? holder.writeWithoutTransaction { db in try db.execute(sql: "ROLLBACK") } }
        XCTAssertThrowsError(try HistoryStore(path: path, busyTimeout: 0).record(Self.record())) { error in
            XCTAssertTrue("\(error)".contains("locked"), "\(error)")
        }
    }

    func testAHistoryFromANewerCofundIsRefused() throws {
        let path = dir.path("h.sqlite")
        _ = try HistoryStore(path: path)
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('from-the-future')") }
        XCTAssertThrowsError(try HistoryStore(path: path)) { error in
            XCTAssertTrue("\(error)".contains("newer cofund"), "\(error)")
        }
    }

    func testTheLocationFollowsTheFlagThenTheVariableThenXDG() {
        let env = ["COFUND_HISTORY": "/e/h.sqlite", "XDG_DATA_HOME": "/x", "HOME": "/home/u"]
        XCTAssertEqual(HistoryLocation.resolve(flag: "f.sqlite", environment: env), "f.sqlite")
        XCTAssertEqual(HistoryLocation.resolve(flag: nil, environment: env), "/e/h.sqlite")
        XCTAssertEqual(HistoryLocation.resolve(flag: nil, environment: ["XDG_DATA_HOME": "/x", "HOME": "/home/u"]), "/x/cofund/history.sqlite")
        XCTAssertEqual(
            HistoryLocation.resolve(flag: nil, environment: ["XDG_DATA_HOME": "relative", "HOME": "/home/u"]),
            "/home/u/.local/share/cofund/history.sqlite")
        XCTAssertEqual(HistoryLocation.resolve(flag: nil, environment: ["HOME": "/home/u"]), "/home/u/.local/share/cofund/history.sqlite")
    }
}
