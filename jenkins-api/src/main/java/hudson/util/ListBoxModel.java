package hudson.util;

import java.util.ArrayList;

/** The options of a drop-down list, as a {@code doFill*Items} method returns them. */
public class ListBoxModel extends ArrayList<ListBoxModel.Option> {

    private static final long serialVersionUID = 1L;

    public ListBoxModel() {
        throw new UnsupportedOperationException();
    }

    public void add(String displayName, String value) {
        throw new UnsupportedOperationException();
    }

    /** One option. */
    public static final class Option {

        public String name;
        public String value;
        public boolean selected;

        public Option(String name, String value) {
            throw new UnsupportedOperationException();
        }
    }
}
