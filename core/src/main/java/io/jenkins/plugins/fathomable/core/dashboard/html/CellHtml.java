package io.jenkins.plugins.fathomable.core.dashboard.html;

import io.jenkins.plugins.fathomable.core.dashboard.Cell;
import io.jenkins.plugins.fathomable.core.dashboard.CellState;
import io.jenkins.plugins.fathomable.core.dashboard.ReleaseRef;
import io.jenkins.plugins.fathomable.core.release.Blocker;
import java.util.Locale;

/** One tracker in one environment: its badge, what is deployed there, and the release on its way. */
public final class CellHtml {

    private final Look look;
    private final Words words;

    public CellHtml(Look look, Words words) {
        this.look = look;
        this.words = words;
    }

    /** {@code showReason}: a failed release's reason under it (the overview; a tracker's page lists reasons itself). */
    public void write(Html h, Cell cell, boolean showReason) {
        String state = cell.state().key();
        h.open("div", "class", look.css("cell") + " " + look.css("cell--") + state);
        if (cell.state() != CellState.NONE) {
            badge(h, state, label(cell), cell.summary().isEmpty() ? null : cell.summary());
            if (cell.state() == CellState.WAITING && !cell.waitingFor().isEmpty()) {
                StringBuilder kinds = new StringBuilder();
                for (Blocker.Kind k : cell.waitingFor()) {
                    kinds.append(kinds.length() == 0 ? "" : ", ")
                            .append(words.get("for." + k.name().toLowerCase(Locale.ROOT)));
                }
                h.text(" ").element("span", words.get("for", kinds), "class", look.css("for"));
            }
            h.close("span");
        }
        ReleaseRef deployed = cell.deployed();
        if (deployed != null) {
            release(h, deployed);
            if (cell.deployedAt() != null) {
                h.open("div", "class", look.css("when")).time(cell.deployedAt()).close("div");
            }
        } else if (cell.moving() == null) {
            h.element("div", words.get("notDeployed"), "class", look.css("empty"));
        }
        ReleaseRef moving = cell.moving();
        if (moving != null) {
            String what = switch (cell.state()) {
                case FAILED -> words.get("moving.failed");
                case DEPLOYING -> words.get("moving.deploying");
                default -> words.get("moving.next");
            };
            // spaces between the parts: the layout does not need them, copied text and screen readers do
            h.open("div", "class", look.css("moving"), h.tooltip(), moving.image()).element("span", what).text(" ")
                    .element("span", moving.version(), "class", look.css("version")).text(" ")
                    .element("span", "#" + moving.number(), "class", look.css("number")).text(" ");
            h.time(cell.movingAt()).close("div");
            if (cell.state() == CellState.FAILED && showReason) {
                h.element("div", cell.summary(), "class", look.css("reason"));
            }
        }
        h.close("div");
    }

    /** Opens a badge ({@code <span>}) with its text; the caller may add to it, then closes it. */
    void badge(Html h, String state, String text, String hover) {
        h.open("span", "class", look.badgeClass(state), h.tooltip(), hover);
        if (look.dots()) {
            h.element("span", "\u25cf", "class", look.css("dot"), "aria-hidden", "true");
        }
        h.text(text);
    }

    /** A release as {@code 1.4.2 sha256:0c1f2a3 #7}, the whole image reference on hover. */
    public void release(Html h, ReleaseRef r) {
        h.open("div", "class", look.css("release")).element("span", r.version(), "class", look.css("version")).text(" ")
                .element("code", r.shortDigest(), "class", look.css("digest"), h.tooltip(), r.image()).text(" ")
                .element("span", "#" + r.number(), "class", look.css("number")).close("div");
    }

    private String label(Cell cell) {
        if (cell.state() == CellState.DEPLOYING && cell.rollback()) {
            return words.get("state.rollingBack");
        }
        return words.get("state." + cell.state().key());
    }
}
