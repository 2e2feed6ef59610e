/// A strict RFC 4180 reader for the tests: fields separated by commas, records by CRLF (a bare LF is
/// accepted too), fields holding commas, quotes or line breaks quoted, and quotes inside doubled.
enum RFC4180 {
    struct ParseError: Error, CustomStringConvertible {
        var description: String
    }

    /// The records of `text`; a leading byte-order mark is skipped.
    static func parse(_ text: String) throws -> [[String]] {
        var scalars = Array(text.unicodeScalars)
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
        var records: [[String]] = []
        var record: [String] = []
        var field = String.UnicodeScalarView()
        var i = 0
        var quoted = false
        var fieldWasQuoted = false

        func endField() {
            record.append(String(field))
            field = String.UnicodeScalarView()
            fieldWasQuoted = false
        }
        func endRecord() {
            endField()
            records.append(record)
            record = []
        }

        while i < scalars.count {
            let c = scalars[i]
            if quoted {
                if c == "\"" {
                    if i + 1 < scalars.count, scalars[i + 1] == "\"" {
                        field.append("\"")
                        i += 2
                        continue
                    }
                    quoted = false
                    i += 1
                    guard i == scalars.count || [",", "\r", "\n"].contains(scalars[i]) else {
                        throw ParseError(description: "record \(records.count + 1): text after a closing quote")
                    }
                    continue
                }
                field.append(c)
                i += 1
                continue
            }
            switch c {
            case "\"":
                guard field.isEmpty, !fieldWasQuoted else {
                    throw ParseError(description: "record \(records.count + 1): a quote inside an unquoted field")
                }
                quoted = true
                fieldWasQuoted = true
                i += 1
            case ",":
                endField()
                i += 1
            case "\r":
                guard i + 1 < scalars.count, scalars[i + 1] == "\n" else {
                    throw ParseError(description: "record \(records.count + 1): CR not followed by LF")
                }
                endRecord()
                i += 2
            case "\n":
                endRecord()
                i += 1
            default:
                field.append(c)
                i += 1
            }
        }
        if quoted { throw ParseError(description: "unterminated quoted field at the end") }
        if !field.isEmpty || !record.isEmpty || fieldWasQuoted { endRecord() }
        return records
    }

    /// The records as dictionaries keyed by the header's names; every record must have the header's width.
    static func table(_ text: String) throws -> (header: [String], rows: [[String: String]]) {
        let records = try parse(text)
        guard let header = records.first else { throw ParseError(description: "no header") }
        var rows: [[String: String]] = []
        for (n, r) in records.dropFirst().enumerated() {
            guard r.count == header.count else {
                throw ParseError(description: "record \(n + 2) has \(r.count) fields, the header \(header.count)")
            }
            rows.append(Dictionary(uniqueKeysWithValues: zip(header, r)))
        }
        return (header, rows)
    }
}

extension [String: String] {
    /// A row's span of time as one label: the calendar year of a `period` `year` row, else the period
    /// (`total`, `after`), whose `year` cell is empty.
    var slot: String { self["period"] == "year" ? self["year"] ?? "" : self["period"] ?? "" }
}
