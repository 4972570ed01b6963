/**
 * The one place policy YAML is parsed: a strict, bounded reader on Jackson's streaming YAML parser
 * (SnakeYAML underneath) that keeps every node's line and column, so that the policy reader can
 * name the place of every mistake. Anchors, aliases, tags and second documents are refused: a
 * policy needs none of them, and they are how YAML bombs and type confusion get in.
 */
@NullMarked
package dev.custody.policy.yaml;

import org.jspecify.annotations.NullMarked;
