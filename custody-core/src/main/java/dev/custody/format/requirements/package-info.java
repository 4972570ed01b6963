/**
 * Python requirement files ({@code requirements.txt}, {@code pip freeze} output) read as hostile
 * text: {@link RequirementsReader} turns each named requirement into a {@link PythonPackage} with
 * its PEP 503 name and, when pinned, its version and package URL; lines that name no package
 * (options, includes, editable installs, bare paths) are reported as skipped, not guessed at.
 */
@NullMarked
package dev.custody.format.requirements;

import org.jspecify.annotations.NullMarked;
