package org.kohsuke.stapler;

import jakarta.servlet.http.HttpServletRequest;
import net.sf.json.JSONObject;

/** Stapler's request (the jakarta.servlet flavour, Jenkins 2.475+). */
public interface StaplerRequest2 extends HttpServletRequest {

    /** Calls the {@link DataBoundSetter}s of {@code bean} for the properties present in {@code src}. */
    void bindJSON(Object bean, JSONObject src);

    /** The part of the URL path Stapler has not consumed yet, e.g. {@code /team.app}. */
    String getRestOfPath();
}
