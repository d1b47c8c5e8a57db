package org.jenkinsci;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.jvnet.hudson.annotation_indexer.Indexed;

/**
 * The short name of an extension in Pipeline and Configuration as Code. {@link Indexed} (the real annotation from
 * annotation-indexer) makes the indexer write the list of annotated classes that structs' symbol lookup reads.
 */
@Indexed
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Documented
public @interface Symbol {

    String[] value();
}
