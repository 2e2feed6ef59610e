import ArgumentParser
import CoFundReport

struct ExportNotebook: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export-notebook",
        abstract: "Write a Jupyter notebook that loads a run directory's CSV files, tabulates and charts them.",
        discussion: """
            The notebook (Python 3, pandas and matplotlib) shows each funder's exposure over the horizon and by \
            year, a fan chart per funder, the distribution of the grand total, the programs behind each funder's \
            cost, the budgets at risk and the assumptions, with a note on reading each. Its first code cell sets \
            RUN_DIR: relative to the notebook when the notebook is in the run directory or the run directory \
            below the notebook's folder, absolute otherwise.
            """)

    @Argument(help: ArgumentHelp("The run directory (written by `cofund run` or `cofund merge`).", valueName: "run-dir"))
    var runDirectory: String

    @Option(
        name: [.customShort("o"), .customLong("out")],
        help: ArgumentHelp("The notebook to write (default: RUN_DIR/cofund.ipynb).", valueName: "file.ipynb"))
    var out: String?

    @Flag(help: "Replace the -o file even when it is not a notebook cofund wrote (never a directory, link or device).")
    var force = false

    func run() throws {
        let written: String
        do { written = try NotebookExport.export(runDirectory: runDirectory, to: out, force: force) } catch {
            throw CommandFailure(error.description)
        }
        print("Wrote \(written). Open it with `jupyter lab \(written)` (Python with jupyterlab, pandas and matplotlib).")
    }
}
