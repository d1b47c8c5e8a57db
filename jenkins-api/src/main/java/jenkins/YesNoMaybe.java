package jenkins;

/** Three-valued answer used by {@link hudson.Extension#dynamicLoadable()}. */
public enum YesNoMaybe {
    YES,
    NO,
    MAYBE;

    public static Boolean toBoolean(YesNoMaybe v) {
        throw new UnsupportedOperationException();
    }

    public Boolean toBool() {
        throw new UnsupportedOperationException();
    }
}
