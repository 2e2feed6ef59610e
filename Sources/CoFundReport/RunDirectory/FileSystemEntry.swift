import Foundation

/// What a path names, without following a final symbolic link.
enum FileSystemEntry: Equatable {
    case missing, regularFile, directory, symbolicLink, other

    static func kind(of path: String) -> FileSystemEntry {
        var s = stat()
        guard lstat(path, &s) == 0 else { return .missing }
        switch s.st_mode & S_IFMT {
        case S_IFREG: return .regularFile
        case S_IFDIR: return .directory
        case S_IFLNK: return .symbolicLink
        default: return .other
        }
    }
}
