package net.sf.json;

/** Package-private in json-lib too; declared so that {@link JSONObject} has its real superclass. */
abstract class AbstractJSON implements JSON {

    private static final long serialVersionUID = 1L;

    AbstractJSON() {
    }
}
