package net.sf.json;

import java.io.Serializable;

/** Any json-lib value (object or array). */
public interface JSON extends Serializable {
}
