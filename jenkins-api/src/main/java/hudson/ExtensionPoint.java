package hudson;

/** Marker of a type plugins may implement and register with {@link Extension}. */
public interface ExtensionPoint {
}
