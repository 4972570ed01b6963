package dev.custody.internal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Lets one method, constructor, field or class use an API that {@code
 * config/forbidden-signatures.txt} or a forbidden-apis bundle bans. Always say why in {@link
 * #reason()}, so {@code git grep SuppressForbidden} reads as an audit list.
 */
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.METHOD, ElementType.CONSTRUCTOR, ElementType.FIELD, ElementType.TYPE})
public @interface SuppressForbidden {
  /** Why this use is safe. */
  String reason();
}
