import GRDB

/// The history's schema, one named migration per change: a database written by an older cofund is
/// brought up to date when it is next opened, and one written by a newer cofund is refused.
public enum HistoryMigrations {
    public static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("runs") { db in
            // One row per recorded command: what ran, on what, with which settings, and where it wrote.
            try db.create(table: "run") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("kind", .text).notNull()  // run, compare, sweep or merge
                t.column("recorded_at", .text).notNull()  // ISO 8601, UTC
                t.column("cofund_version", .text).notNull()
                t.column("scenario_id", .text).notNull().indexed()
                t.column("scenario_title", .text).notNull()
                t.column("scenario_file", .text).notNull()
                t.column("scenario_sha256", .text).notNull()
                t.column("scenario_text", .text).notNull()
                // The second scenario file of `compare A.yaml B.yaml`.
                t.column("compared_file", .text)
                t.column("compared_sha256", .text)
                t.column("compared_text", .text)
                t.column("unit", .text).notNull()
                t.column("first_year", .integer).notNull()
                t.column("last_year", .integer).notNull()
                t.column("seed", .text).notNull()  // decimal: a UInt64 may not fit SQLite's integer
                t.column("paths", .integer).notNull()
                t.column("threads", .integer).notNull()
                t.column("run_directory", .text).notNull()
            }
            // The reforms as given: a reform file's path and text, a --set assignment, a swept grid.
            try db.create(table: "reform") { t in
                t.column("run_id", .integer).notNull().references("run", onDelete: .cascade)
                t.column("position", .integer).notNull()
                t.column("kind", .text).notNull()  // file, set or sweep
                t.column("path", .text)
                t.column("text", .text).notNull()
                t.primaryKey(["run_id", "position"])
            }
            // The overrides the reforms applied, as `path: before → after`.
            try db.create(table: "applied_change") { t in
                t.column("run_id", .integer).notNull().references("run", onDelete: .cascade)
                t.column("position", .integer).notNull()
                t.column("description", .text).notNull()
                t.primaryKey(["run_id", "position"])
            }
        }
        m.registerMigration("summaries") { db in
            // summary.csv's statistics, one row per arm × program × funder × year × flow. An arm is the
            // result a command produced: `run` for a run or merge, `baseline` and `reform` for a
            // comparison, each point's assignments for a sweep.
            try db.create(table: "summary") { t in
                t.column("run_id", .integer).notNull().references("run", onDelete: .cascade)
                t.column("arm", .text).notNull()
                t.column("program", .text).notNull()  // a program id or `all`
                t.column("funder", .text).notNull()  // a funder id, `government` or `all`
                t.column("year", .text).notNull()  // a year, `total` or `after`
                t.column("flow", .text).notNull()  // net, gross or recovered
                for c in ["mean", "sd", "se", "p05", "p50", "p90", "p95", "p99", "cvar95", "cvar99", "max"] {
                    t.column(c, .double).notNull()
                }
                t.column("cvar95_se", .double)
            }
            try db.create(index: "summary_by_run", on: "summary", columns: ["run_id", "arm", "program", "funder"])
        }
        m.registerMigration("stratified") { db in
            // Whether a run drew its per-path inputs by Latin hypercube (`cofund run --stratify`); the
            // runs recorded before were all plain.
            try db.alter(table: "run") { t in t.add(column: "stratified", .boolean).notNull().defaults(to: false) }
        }
        return m
    }
}
