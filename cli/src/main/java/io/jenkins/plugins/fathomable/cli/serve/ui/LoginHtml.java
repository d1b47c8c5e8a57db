package io.jenkins.plugins.fathomable.cli.serve.ui;

import io.jenkins.plugins.fathomable.core.dashboard.html.Html;

/** The login page: the admin token, once per browser session. */
final class LoginHtml {

    static final String TYPE = "text/html";

    private LoginHtml() {}

    /** @param problem what went wrong with the last attempt, or {@code null} */
    static String render(String problem, Viewer viewer) {
        Html h = Page.start(Labels.get("loginTitle"), Labels.get("loginTitle"), viewer == null ? Viewer.READER : viewer);
        h.open("section", "class", "fa-login").element("h1", Labels.get("loginTitle"))
                .element("p", Labels.get("loginText"), "class", "fa-muted");
        if (problem != null) {
            h.element("div", problem, "class", "fa-alert fa-alert--danger", "role", "alert");
        }
        h.open("form", "method", "post", "action", "/ui/login", "name", "login")
                .element("label", Labels.get("tokenLabel"), "for", "token")
                .empty("input", "type", "password", "name", "token", "id", "token", "class", "fa-input",
                        "autocomplete", "current-password", "required", "required")
                .element("button", Labels.get("signIn"), "type", "submit", "class", "fa-button fa-button--primary")
                .close("form").close("section");
        return Page.end(h);
    }
}
