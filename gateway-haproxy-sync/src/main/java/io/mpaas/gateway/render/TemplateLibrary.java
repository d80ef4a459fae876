package io.mpaas.gateway.render;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The templates in force: the built-in ones, each replaced by {@code <NAME>.tmpl} from the operators'
 * directory when that file exists. Overrides are looked at on every {@link #get} (one file-attribute
 * read, no content read unless the file's modification time or size changed), so an edited override
 * reaches the next render without a restart and a broken one is refused by {@code haproxy -c} there.
 * An override that disappears gives way to the built-in text again.
 */
final class TemplateLibrary {

    private final Path overridesDir;
    private final Map<ConfigTemplate, Template> builtIn = new EnumMap<>(ConfigTemplate.class);
    private final Map<ConfigTemplate, Loaded> overrides = new ConcurrentHashMap<>();

    /** @param overridesDir the operators' directory, or null for the built-in templates only */
    TemplateLibrary(Path overridesDir) {
        this.overridesDir = overridesDir;
        for (ConfigTemplate t : ConfigTemplate.values()) {
            builtIn.put(t, new Template(t.name(), readBuiltIn(t)));
        }
    }

    /** The template in force for {@code name} now. */
    Template get(ConfigTemplate name) {
        if (overridesDir == null) {
            return builtIn.get(name);
        }
        Path file = overridesDir.resolve(name.fileName());
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            overrides.remove(name);
            return builtIn.get(name);
        } catch (IOException e) {
            throw new TemplateException(name.name(), "cannot read override " + file + ": " + e, e);
        }
        Loaded known = overrides.get(name);
        if (known != null && known.modified().equals(attrs.lastModifiedTime()) && known.size() == attrs.size()) {
            return known.template();
        }
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            Loaded loaded = new Loaded(new Template(name.name(), text), attrs.lastModifiedTime(), attrs.size());
            overrides.put(name, loaded);
            return loaded.template();
        } catch (IOException e) {
            throw new TemplateException(name.name(), "cannot read override " + file + ": " + e, e);
        }
    }

    private static String readBuiltIn(ConfigTemplate name) {
        String resource = "/templates/" + name.fileName();
        try (InputStream in = TemplateLibrary.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("built-in template " + resource + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read built-in template " + resource, e);
        }
    }

    /** An override as last read, with what identified that version of the file. */
    private record Loaded(Template template, FileTime modified, long size) {
    }
}
