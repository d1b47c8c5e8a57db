package hudson;

/** Marker of the types Jenkins discovers as extensions. */
public interface ExtensionPoint {
}
