/**
 * A bounded lexer for the TorchScript source records of {@code torch.jit.save} archives ({@code
 * code/**.py}). {@link TorchScriptSource} reads the Python-subset text without compiling or running
 * it and lists every reference to the names torch's source importer resolves globally ({@code
 * torch}, {@code ops}, {@code __torch__}), including {@code getattr(x, "literal")} lookups.
 */
@NullMarked
package dev.custody.format.torchscript;

import org.jspecify.annotations.NullMarked;
