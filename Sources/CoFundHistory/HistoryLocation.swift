import Foundation

/// Where the run history lives: `--history PATH`, else `$COFUND_HISTORY`, else
/// `$XDG_DATA_HOME/cofund/history.sqlite`, else `~/.local/share/cofund/history.sqlite`.
public enum HistoryLocation {
    /// The environment variable that names the history database.
    public static let variable = "COFUND_HISTORY"

    /// The database a command uses: `flag` when given, else the environment's choice.
    public static func resolve(flag: String?, environment: [String: String]) -> String {
        if let flag, !flag.isEmpty { return flag }
        if let path = environment[variable], !path.isEmpty { return path }
        // The XDG base directory specification ignores a relative XDG_DATA_HOME.
        if let data = environment["XDG_DATA_HOME"], data.hasPrefix("/") { return data + "/cofund/history.sqlite" }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? FileManager.default.homeDirectoryForCurrentUser.path
        return home + "/.local/share/cofund/history.sqlite"
    }
}
