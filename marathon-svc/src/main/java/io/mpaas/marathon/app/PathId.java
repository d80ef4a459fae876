package io.mpaas.marathon.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An absolute Marathon id: {@code /prod/db/mysql} is app (or group) {@code mysql} in group
 * {@code /prod/db}. The root group is the id with no segments. Parsing is lenient (it keeps any
 * segment, so that validation can name a bad one); {@link #segmentErrors()} says what is wrong.
 *
 * <p>A value class rather than a record so that it can keep its text and hash: ids are map keys
 * (a {@code TreeMap} ordered by the text) and are compared, hashed and printed for every instance
 * in the scheduler's loops; building the text for each comparison was a fifth of the loop's time
 * in the launch benchmark.
 */
public final class PathId implements Comparable<PathId> {

    public static final PathId ROOT = new PathId(List.of());

    private static final java.util.regex.Pattern SEGMENT = java.util.regex.Pattern.compile(
            "^(([a-z0-9]|[a-z0-9][a-z0-9\\-]*[a-z0-9])\\.)*([a-z0-9]|[a-z0-9][a-z0-9\\-]*[a-z0-9])|(\\.|\\.\\.)$");

    /** Ids parsed by {@link #of}, by the text they were parsed from and by their own text. */
    private static final java.util.Map<String, PathId> PARSED = new java.util.concurrent.ConcurrentHashMap<>();

    /** Beyond this many texts the cache starts over: ids come from requests, and requests can make up any. */
    static final int PARSED_LIMIT = 100_000;

    private static final java.util.Set<String> RESERVED = java.util.Set.of("restart", "tasks", "versions");

    private final List<String> segments;
    private final int hash;
    /** The id as text, made on first use; a race makes it twice, equal (as {@link String#hashCode}). */
    private String text;

    public PathId(List<String> segments) {
        this.segments = List.copyOf(segments);
        this.hash = this.segments.hashCode();
    }

    public List<String> segments() {
        return segments;
    }

    /**
     * Parses an absolute id; a relative one is taken as relative to the root. Equal ids made here, by
     * {@link #resolve}, {@link #child} or {@link #parent} are the same object (up to
     * {@link #PARSED_LIMIT} distinct texts): the scheduler compares an app's id with each of its
     * instances' ids, and an identity test costs one memory read where comparing segments cost
     * several, each a likely cache miss among ten thousand instances.
     */
    public static PathId of(String id) {
        PathId known = PARSED.get(Objects.requireNonNull(id, "id"));
        if (known != null) {
            return known;
        }
        PathId canonical = ROOT.resolve(id);
        PARSED.putIfAbsent(id, canonical);
        return canonical;
    }

    /** The one object for {@code id}'s text (see {@link #of}). */
    private static PathId canonical(PathId id) {
        if (id.segments.isEmpty()) {
            return ROOT;
        }
        if (PARSED.size() >= PARSED_LIMIT) {
            PARSED.clear();
        }
        if (!parsesBack(id.segments)) {
            // child("a/b") or child(".."): its text parses to another id; it stays an object of its own.
            return id;
        }
        PathId known = PARSED.putIfAbsent(id.toString(), id);
        return known != null ? known : id;
    }

    /** Whether parsing the text of these segments gives them back. */
    private static boolean parsesBack(List<String> segments) {
        for (String segment : segments) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..") || segment.indexOf('/') >= 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Resolves {@code id} against this group: absolute ids ({@code /a/b}) stand alone, relative ones
     * ({@code b}, {@code ../c}) are taken from here. Empty segments (double slashes) are dropped.
     */
    public PathId resolve(String id) {
        Objects.requireNonNull(id, "id");
        List<String> result = id.startsWith("/") ? new ArrayList<>() : new ArrayList<>(segments);
        for (String segment : id.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (!result.isEmpty()) {
                    result.removeLast();
                }
                continue;
            }
            result.add(segment);
        }
        return canonical(new PathId(result));
    }

    public boolean isRoot() {
        return segments.isEmpty();
    }

    /** The enclosing group; the root's parent is the root. */
    public PathId parent() {
        return isRoot() ? ROOT : canonical(new PathId(segments.subList(0, segments.size() - 1)));
    }

    public PathId child(String name) {
        List<String> result = new ArrayList<>(segments);
        result.add(name);
        return canonical(new PathId(result));
    }

    /** The last segment, or "" for the root. */
    public String name() {
        return isRoot() ? "" : segments.getLast();
    }

    /** Whether this id lies strictly under {@code group}. */
    public boolean isChildOf(PathId group) {
        return segments.size() > group.segments.size() && segments.subList(0, group.segments.size())
                .equals(group.segments);
    }

    /** Whether this id is {@code group} or lies under it. */
    public boolean isUnder(PathId group) {
        return equals(group) || isChildOf(group);
    }

    /** Every enclosing group from the root down to (not including) this id. */
    public List<PathId> ancestors() {
        List<PathId> result = new ArrayList<>();
        for (int i = 0; i < segments.size(); i++) {
            result.add(new PathId(segments.subList(0, i)));
        }
        return result;
    }

    /** The id with {@code /} replaced by {@code _}, as Marathon writes it into task ids: {@code prod_db_mysql}. */
    public String safeName() {
        return String.join("_", segments);
    }

    /** What is wrong with the id's segments (Marathon's messages), empty when it is a valid app or group id. */
    public List<String> segmentErrors() {
        List<String> errors = new ArrayList<>();
        for (String segment : segments) {
            if (!SEGMENT.matcher(segment).matches()) {
                errors.add("must fully match regular expression '" + SEGMENT.pattern() + "'");
                break;
            }
        }
        return errors;
    }

    /** Whether the last segment is one of Marathon's reserved words, which an app id must not end in. */
    public boolean endsInReservedWord() {
        return !isRoot() && RESERVED.contains(name());
    }

    /** The order of the texts ({@code /a-b} before {@code /a/b}), as Marathon sorts ids. */
    @Override
    public int compareTo(PathId other) {
        return this == other ? 0 : toString().compareTo(other.toString());
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof PathId other)) {
            return false;
        }
        return hash == other.hash && segments.equals(other.segments);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        String t = text;
        if (t == null) {
            t = "/" + String.join("/", segments);
            text = t;
        }
        return t;
    }
}
