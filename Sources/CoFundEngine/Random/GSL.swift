import CGSL

/// Process-wide GSL settings.
public enum GSL {
    /// Turns off GSL's default error handler, which aborts the process. Every input to GSL is
    /// checked by the caller, and results are checked for finiteness.
    public static func configure() { _ = configured }

    private static let configured: Bool = {
        gsl_set_error_handler_off()
        return true
    }()
}
