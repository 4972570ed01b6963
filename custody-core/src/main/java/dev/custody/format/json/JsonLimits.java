package dev.custody.format.json;

/**
 * Bounds on a JSON document, checked while it is read, so hostile input costs at most this much.
 *
 * @param maxBytes the largest document
 * @param maxDepth the deepest nesting of objects and arrays
 * @param maxValues the most values (every object, array, string, number...) in the document: this
 *     bounds memory, since a document of tiny values would otherwise cost far more than its bytes
 */
public record JsonLimits(int maxBytes, int maxDepth, int maxValues) {
  /** Checks that every limit is positive. */
  public JsonLimits {
    if (maxBytes < 1 || maxDepth < 1 || maxValues < 1) {
      throw new IllegalArgumentException("JSON limits must be positive");
    }
  }
}
