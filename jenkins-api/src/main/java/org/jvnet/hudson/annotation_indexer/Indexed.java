package org.jvnet.hudson.annotation_indexer;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an annotation whose uses are listed in {@code META-INF/services/annotations/<annotation>}. Central has no
 * usable annotation-indexer (its 1.4 pom needs a parent from the Jenkins repository), so the plugin keeps that list
 * as a resource and its packaging test checks it against the compiled classes.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.ANNOTATION_TYPE)
public @interface Indexed {

    Class<? extends Validator>[] validators() default {};
}
