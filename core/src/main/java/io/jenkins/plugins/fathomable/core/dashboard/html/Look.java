package io.jenkins.plugins.fathomable.core.dashboard.html;

import java.util.function.UnaryOperator;

/**
 * What differs between the two hosts' markup of the same rows: Jenkins styles them with its design library
 * ({@code jenkins-badge}, {@code jenkins-table__link}, its symbols), {@code serve} with its own style sheet.
 *
 * @param prefix      the prefix of every class this markup names ({@code fathomable-}, {@code fa-})
 * @param badge       classes a badge has before its own ({@code "jenkins-badge "}, or empty)
 * @param link        classes a tracker's link has before its own ({@code "jenkins-table__link "}, or empty)
 * @param dots        whether badges start with a coloured dot (drawn by the style sheet, so no symbol per cell)
 * @param warningIcon markup of the icon before a row's problem (a Jenkins symbol), or {@code null}
 * @param trackerHref the address of a tracker's page, from its id
 */
public record Look(String prefix, String badge, String link, boolean dots, String warningIcon,
        UnaryOperator<String> trackerHref) {

    String css(String name) {
        return prefix + name;
    }

    String badgeClass(String state) {
        return badge + prefix + "badge " + prefix + "badge--" + state;
    }
}
