/**
 * Rules that turn what a format reader found into {@link dev.custody.finding.Finding findings}. The
 * rules are data ({@code rules/} resources: ids, severities, texts, allow- and denylists) so they
 * can be reviewed and updated without touching code; {@code docs/rules.md} documents them.
 */
@NullMarked
package dev.custody.scan;

import org.jspecify.annotations.NullMarked;
