import Foundation

/// The one style of every JSON document cofund writes — `--format json`, `manifest.json`, the
/// notebook: two-space pretty printing, keys sorted, slashes unescaped.
public enum JSONStyle {
    /// A new encoder in this style (encoders are classes: each caller gets its own).
    public static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// `value` as JSON text in this style, or `{}` if it cannot be encoded (a NaN or an infinity).
    public static func text<T: Encodable>(_ value: T) -> String {
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
