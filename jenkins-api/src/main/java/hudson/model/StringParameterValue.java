package hudson.model;

/** A text parameter (also an environment variable of the run). */
public class StringParameterValue extends ParameterValue {

    private static final long serialVersionUID = 1L;

    public StringParameterValue(String name, String value) {
        super(name);
        throw new UnsupportedOperationException();
    }

    @Override
    public String getValue() {
        throw new UnsupportedOperationException();
    }
}
