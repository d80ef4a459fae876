package io.mpaas.marathon.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a handler whose path holds a Marathon id of any number of segments followed by a fixed
 * tail, the way Marathon's JAX-RS resources route {@code /v2/apps/{id:.+}/tasks/{taskId}}. Spring's
 * path patterns cannot put a multi-segment variable in the middle, so the handler is mapped to
 * {@code <prefix>/**} and this annotation names the tail after the id, e.g. {@code "tasks/{taskId}"}
 * (empty: the path is only the id). The id reaches the handler as the path variable {@code id},
 * absolute ({@code /group/app}), whichever of Marathon's spellings the client used:
 * {@code /group/app}, {@code //group/app} or {@code %2Fgroup%2Fapp}. Where two handlers match, the one
 * with the longer tail wins, as with Jersey.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface IdPath {

    /** The segments after the id: literals and {@code {name}} variables; empty for none. */
    String value() default "";
}
