/**
 * The {@code custody} command: picocli front end over custody-core. It owns everything the user
 * sees: argument parsing, text and JSON rendering, progress, colour and exit codes.
 */
@NullMarked
package dev.custody.cli;

import org.jspecify.annotations.NullMarked;
