package io.mpaas.marathon.bench;

import java.io.IOException;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;

/**
 * Keeps marathon's component scan to its main classes when it runs on the test classpath: the
 * test sources hold their own {@code @Configuration}s and applications (with a second
 * {@code clock} bean, for one) that the real application must not pick up. Registered as a bean
 * before the scan, {@link TypeExcludeFilter} consults it, as Spring Boot's test support does.
 */
final class MainClassesOnly extends TypeExcludeFilter {

    @Override
    public boolean match(MetadataReader reader, MetadataReaderFactory factory) throws IOException {
        return reader.getResource().getURL().toString().contains("/test-classes/");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MainClassesOnly;
    }

    @Override
    public int hashCode() {
        return MainClassesOnly.class.hashCode();
    }
}
