package io.jenkins.plugins.fathomable.cli.serve.ui;

import io.jenkins.plugins.fathomable.core.dashboard.Cell;
import io.jenkins.plugins.fathomable.core.dashboard.CellState;
import io.jenkins.plugins.fathomable.core.dashboard.ReleaseRef;
import io.jenkins.plugins.fathomable.core.release.Blocker;

/** One tracker in one environment: badge, what is deployed, the release on its way (as the Jenkins page shows it). */
final class CellHtml {

    private CellHtml() {}

    static void write(Html h, Cell cell, boolean showReason) {
        String state = cell.state().key();
        h.open("div", "class", "fa-cell fa-cell--" + state);
        if (cell.state() != CellState.NONE) {
            String label = Labels.state(cell.state());
            if (cell.state() == CellState.DEPLOYING && cell.rollback()) {
                label = Labels.get("state.rollingBack");
            }
            h.open("span", "class", "fa-badge fa-badge--" + state, "title", cell.summary().isEmpty() ? null : cell.summary())
                    .text(label);
            if (cell.state() == CellState.WAITING && !cell.waitingFor().isEmpty()) {
                StringBuilder kinds = new StringBuilder();
                for (Blocker.Kind k : cell.waitingFor()) {
                    kinds.append(kinds.length() == 0 ? "" : ", ").append(Labels.waitingFor(k));
                }
                h.text(" ").text(Labels.get("for", kinds));
            }
            h.close("span");
        }
        ReleaseRef deployed = cell.deployed();
        if (deployed != null) {
            release(h, deployed, "fa-release");
            if (cell.deployedAt() != null) {
                h.open("div", "class", "fa-when").time(cell.deployedAt()).close("div");
            }
        } else if (cell.moving() == null) {
            h.element("div", Labels.get("notDeployed"), "class", "fa-empty");
        }
        ReleaseRef moving = cell.moving();
        if (moving != null) {
            String what = switch (cell.state()) {
                case FAILED -> Labels.get("moving.failed");
                case DEPLOYING -> Labels.get("moving.deploying");
                default -> Labels.get("moving.next");
            };
            // spaces between the parts: the layout does not need them, copied text and screen readers do
            h.open("div", "class", "fa-moving", "title", moving.image()).element("span", what).text(" ")
                    .element("span", moving.version(), "class", "fa-version").text(" ")
                    .element("span", "#" + moving.number(), "class", "fa-number").text(" ");
            h.time(cell.movingAt()).close("div");
            if (cell.state() == CellState.FAILED && showReason) {
                h.element("div", cell.summary(), "class", "fa-reason");
            }
        }
        h.close("div");
    }

    static void release(Html h, ReleaseRef r, String cssClass) {
        h.open("div", "class", cssClass).element("span", r.version(), "class", "fa-version").text(" ")
                .element("code", r.shortDigest(), "class", "fa-digest", "title", r.image()).text(" ")
                .element("span", "#" + r.number(), "class", "fa-number").close("div");
    }
}
