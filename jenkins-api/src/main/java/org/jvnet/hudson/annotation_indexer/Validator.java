package org.jvnet.hudson.annotation_indexer;

import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.Element;

/** Compile-time check run by annotation-indexer's processor on each use of an {@link Indexed} annotation. */
public interface Validator {

    void check(Element use, RoundEnvironment roundEnv, ProcessingEnvironment processingEnv);
}
