/**
 * A hardened reader of ONNX models. {@link OnnxReader} reads the protobuf wire format by hand (no
 * protobuf or ONNX library), bounded by {@link OnnxLimits}, and walks ModelProto through its
 * graphs, functions, training graphs, nodes, initializers and attribute subgraphs to collect what a
 * scanner needs: external-data locations, operator domains and imported operator sets. It is total:
 * a malformed or over-limit model yields everything found before the failure. This package knows
 * nothing of rules or findings.
 */
@NullMarked
package dev.custody.format.onnx;

import org.jspecify.annotations.NullMarked;
