package io.jenkins.plugins.fathomable.core.dashboard.html;

import io.jenkins.plugins.fathomable.core.dashboard.Moment;

/**
 * Writes HTML, escaping every text and attribute value: nothing a tracker, a repository or an error message holds
 * can become markup. Elements are opened and closed explicitly; attributes are name/value pairs, and a pair with a
 * {@code null} value is left out. Both hosts' dashboards are written with it: one pass over a string builder is
 * what keeps a 100-row page cheap, where a template engine pays per cell.
 */
public final class Html {

    private final StringBuilder out = new StringBuilder(16 * 1024);
    private final String tooltip;

    /** Hover texts in {@code title} attributes. */
    public Html() {
        this("title");
    }

    /** Hover texts in the named attribute: Jenkins draws its own tooltips from {@code tooltip}. */
    public Html(String tooltipAttribute) {
        this.tooltip = tooltipAttribute;
    }

    /** The attribute that carries hover texts on this page. */
    public String tooltip() {
        return tooltip;
    }

    /** {@code <tag a="v"...>}. */
    public Html open(String tag, String... attributes) {
        out.append('<').append(tag);
        for (int i = 0; i + 1 < attributes.length; i += 2) {
            if (attributes[i + 1] != null) {
                out.append(' ').append(attributes[i]).append("=\"");
                escape(attributes[i + 1]);
                out.append('"');
            }
        }
        out.append('>');
        return this;
    }

    public Html close(String tag) {
        out.append("</").append(tag).append('>');
        return this;
    }

    /** An element with text content. */
    public Html element(String tag, String text, String... attributes) {
        return open(tag, attributes).text(text).close(tag);
    }

    /** A void element ({@code <input>}, {@code <meta>}, {@code <link>}). */
    public Html empty(String tag, String... attributes) {
        return open(tag, attributes);
    }

    public Html text(String text) {
        if (text != null) {
            escape(text);
        }
        return this;
    }

    /** Markup the caller vouches for: the document type, a Jenkins symbol's SVG. */
    public Html raw(String trusted) {
        out.append(trusted);
        return this;
    }

    /** {@code <time datetime=… title="exact">12 min ago</time>}, nothing for {@code null}. */
    public Html time(Moment m) {
        if (m != null) {
            element("time", m.relative(), "datetime", m.iso(), tooltip, m.exact());
        }
        return this;
    }

    /** A link that leaves serve (GitHub): no referrer, no opener. */
    public Html external(String href, String text, String... attributes) {
        String[] all = new String[attributes.length + 4];
        all[0] = "href";
        all[1] = safeUrl(href);
        all[2] = "rel";
        all[3] = "noopener noreferrer";
        System.arraycopy(attributes, 0, all, 4, attributes.length);
        return element("a", text, all);
    }

    /** {@code http(s)://} URLs and absolute paths pass; anything else (a {@code javascript:} URL) does not. */
    public static String safeUrl(String url) {
        if (url == null) {
            return null;
        }
        String lower = url.trim().toLowerCase(java.util.Locale.ROOT);
        return lower.startsWith("https://") || lower.startsWith("http://") || (lower.startsWith("/") && !lower.startsWith("//"))
                ? url : null;
    }

    private void escape(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
