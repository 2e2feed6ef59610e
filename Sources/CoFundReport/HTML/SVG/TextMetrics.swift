/// Estimated widths of text in SVG, for margins and label placement (CJK characters are about
/// one em wide, Latin characters and digits about 0.56 em).
enum TextMetrics {
    static func width(_ s: String, size: Double = 12) -> Double {
        Double(DisplayWidth.of(s)) * size * 0.56
    }
}
