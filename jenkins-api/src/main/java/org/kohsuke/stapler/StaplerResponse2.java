package org.kohsuke.stapler;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Stapler's response (jakarta servlet). */
public interface StaplerResponse2 extends HttpServletResponse {

    /** Redirects to a URL relative to the current page. */
    void sendRedirect2(String url) throws IOException;
}
