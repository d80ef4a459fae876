package io.mpaas.protocol.mesos;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * An immutable bag of resources with Mesos's arithmetic. Resources with the same name and
 * reservation add up; allocation info is dropped (it says to whom, not how much); empty
 * entries disappear; every entry is in {@link Resource#canonical() canonical} form, so two bags
 * holding the same quantities are equal whichever wire format they were read from. Ports are exact sets, so subtracting a task's ports from an agent's
 * never loses or doubles one.
 */
public final class Resources {

    public static final Resources EMPTY = new Resources(Map.of());

    private final Map<String, Resource> byKey;

    private Resources(Map<String, Resource> byKey) {
        this.byKey = byKey;
    }

    public static Resources of(Collection<Resource> resources) {
        if (resources == null || resources.isEmpty()) {
            return EMPTY;
        }
        Map<String, Resource> map = new LinkedHashMap<>();
        for (Resource r : resources) {
            addInto(map, r);
        }
        return new Resources(map);
    }

    public static Resources of(Resource... resources) {
        return of(List.of(resources));
    }

    /**
     * Parses Mesos's resource notation, {@code cpus:4;mem:8192;disk:40000;ports:[31000-32000]},
     * where {@code name(role):value} reserves statically for a role.
     *
     * @throws IllegalArgumentException naming the entry that is wrong
     */
    public static Resources parse(String notation) {
        List<Resource> list = new ArrayList<>();
        if (notation == null || notation.isBlank()) {
            return EMPTY;
        }
        for (String entry : notation.split(";")) {
            if (!entry.isBlank()) {
                list.add(parseEntry(entry.trim()));
            }
        }
        return of(list);
    }

    private static Resource parseEntry(String entry) {
        int colon = entry.indexOf(':');
        if (colon <= 0 || colon == entry.length() - 1) {
            throw new IllegalArgumentException("invalid resource '" + entry + "': expected name:value");
        }
        String head = entry.substring(0, colon).trim();
        String value = entry.substring(colon + 1).trim();
        String role = Resource.UNRESERVED;
        int paren = head.indexOf('(');
        if (paren >= 0) {
            if (!head.endsWith(")") || paren == 0) {
                throw new IllegalArgumentException("invalid resource '" + entry + "': expected name(role):value");
            }
            role = head.substring(paren + 1, head.length() - 1).trim();
            head = head.substring(0, paren).trim();
            if (role.isEmpty()) {
                throw new IllegalArgumentException("invalid resource '" + entry + "': empty role");
            }
        }
        Resource resource;
        if (value.startsWith("[")) {
            resource = Resource.ranges(head, parseRanges(head, value));
        } else if (value.startsWith("{")) {
            resource = Resource.set(head, parseSet(value));
        } else {
            double v;
            try {
                v = Double.parseDouble(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("invalid resource '" + entry + "': '" + value + "' is not a number");
            }
            if (v < 0 || Double.isNaN(v) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("invalid resource '" + entry + "': value must be a non-negative number");
            }
            resource = Resource.scalar(head, v);
        }
        return Resource.UNRESERVED.equals(role) ? resource : resource.reservedFor(role);
    }

    static Ranges parseRanges(String name, String text) {
        if (!text.startsWith("[") || !text.endsWith("]")) {
            throw new IllegalArgumentException("invalid ranges for '" + name + "': " + text);
        }
        String body = text.substring(1, text.length() - 1).trim();
        List<Range> ranges = new ArrayList<>();
        if (!body.isEmpty()) {
            for (String part : body.split(",")) {
                String[] ends = part.trim().split("-");
                try {
                    if (ends.length == 1) {
                        long single = Long.parseLong(ends[0].trim());
                        ranges.add(new Range(single, single));
                    } else if (ends.length == 2) {
                        ranges.add(new Range(Long.parseLong(ends[0].trim()), Long.parseLong(ends[1].trim())));
                    } else {
                        throw new IllegalArgumentException("invalid range '" + part.trim() + "' for '" + name + "'");
                    }
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("invalid range '" + part.trim() + "' for '" + name + "'");
                }
            }
        }
        return Ranges.of(ranges);
    }

    static ValueSet parseSet(String text) {
        String body = text.substring(1, text.length() - 1).trim();
        List<String> items = new ArrayList<>();
        if (!body.isEmpty()) {
            for (String item : body.split(",")) {
                items.add(item.trim());
            }
        }
        return new ValueSet(items);
    }

    private static void addInto(Map<String, Resource> map, Resource r) {
        if (r == null || r.isEmpty()) {
            return;
        }
        Resource clean = r.canonical();
        map.merge(clean.key(), clean, Resources::add);
    }

    private static Resource add(Resource a, Resource b) {
        return switch (a.type()) {
            case SCALAR -> a.withScalar(a.scalar().value() + b.scalar().value());
            case RANGES -> a.withRanges(a.ranges().plus(b.ranges()));
            case SET -> {
                Set<String> items = new LinkedHashSet<>(a.set().item());
                items.addAll(b.set().item());
                yield a.withSet(new ValueSet(List.copyOf(items)));
            }
            case TEXT -> a;
        };
    }

    /** Subtracts b from a; returns null when nothing is left. */
    private static Resource subtract(Resource a, Resource b) {
        Resource left = switch (a.type()) {
            case SCALAR -> a.withScalar(a.scalar().value() - b.scalar().value());
            case RANGES -> a.withRanges(a.ranges().minus(b.ranges()));
            case SET -> {
                List<String> items = new ArrayList<>(a.set().item());
                items.removeAll(b.set().item());
                yield a.withSet(new ValueSet(items));
            }
            case TEXT -> a;
        };
        return left.isEmpty() ? null : left;
    }

    private static boolean covers(Resource a, Resource b) {
        return switch (a.type()) {
            case SCALAR -> a.scalar().value() + 1e-9 >= b.scalar().value();
            case RANGES -> a.ranges().contains(b.ranges());
            case SET -> a.set().item().containsAll(b.set().item());
            case TEXT -> true;
        };
    }

    public Resources plus(Resources other) {
        if (other.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return other;
        }
        Map<String, Resource> map = new LinkedHashMap<>(byKey);
        for (Resource r : other.byKey.values()) {
            map.merge(r.key(), r, Resources::add);
        }
        return new Resources(map);
    }

    /** What is left of this after taking away {@code other} (what this does not hold is ignored). */
    public Resources minus(Resources other) {
        if (other.isEmpty() || isEmpty()) {
            return this;
        }
        Map<String, Resource> map = new LinkedHashMap<>(byKey);
        for (Resource r : other.byKey.values()) {
            Resource mine = map.get(r.key());
            if (mine != null && mine.type() == r.type()) {
                Resource left = subtract(mine, r);
                if (left == null) {
                    map.remove(r.key());
                } else {
                    map.put(r.key(), left);
                }
            }
        }
        return new Resources(map);
    }

    /** Whether this holds all of {@code other}, with the same reservations. */
    public boolean contains(Resources other) {
        for (Resource r : other.byKey.values()) {
            Resource mine = byKey.get(r.key());
            if (mine == null || mine.type() != r.type() || !covers(mine, r)) {
                return false;
            }
        }
        return true;
    }

    public Resources filter(Predicate<Resource> predicate) {
        Map<String, Resource> map = new LinkedHashMap<>();
        for (Resource r : byKey.values()) {
            if (predicate.test(r)) {
                map.put(r.key(), r);
            }
        }
        return map.size() == byKey.size() ? this : new Resources(map);
    }

    public Resources unreserved() {
        return filter(Resource::isUnreserved);
    }

    public Resources reserved() {
        return filter(r -> !r.isUnreserved());
    }

    /** Resources reserved exactly for {@code role}. */
    public Resources reservedFor(String role) {
        return filter(r -> r.reservationRole().equals(role));
    }

    /**
     * What may be offered to a framework in {@code role}: unreserved resources plus those
     * reserved for the role or one of its ancestors ({@code eng} reservations serve {@code eng/web}).
     */
    public Resources allocatableTo(String role) {
        return filter(r -> r.isUnreserved() || isSelfOrAncestor(r.reservationRole(), role));
    }

    static boolean isSelfOrAncestor(String candidate, String role) {
        return role.equals(candidate) || role.startsWith(candidate + "/");
    }

    /** The total of a scalar resource over all reservations, 0 when absent. */
    public double scalar(String name) {
        double total = 0;
        for (Resource r : byKey.values()) {
            if (r.type() == ValueType.SCALAR && r.name().equals(name)) {
                total += r.scalar().value();
            }
        }
        return Scalar.round(total);
    }

    /** The union of a ranges resource over all reservations. */
    public Ranges ranges(String name) {
        Ranges total = Ranges.EMPTY;
        for (Resource r : byKey.values()) {
            if (r.type() == ValueType.RANGES && r.name().equals(name)) {
                total = total.plus(r.ranges());
            }
        }
        return total;
    }

    /** Scalar totals by name, reservations folded together: what DRF shares are computed on. */
    public Map<String, Double> scalars() {
        Map<String, Double> totals = new LinkedHashMap<>();
        for (Resource r : byKey.values()) {
            if (r.type() == ValueType.SCALAR) {
                totals.merge(r.name(), r.scalar().value(), Double::sum);
            }
        }
        return totals;
    }

    public boolean isEmpty() {
        return byKey.isEmpty();
    }

    public int size() {
        return byKey.size();
    }

    public List<Resource> toList() {
        return List.copyOf(byKey.values());
    }

    /** The resources as offered or allocated to {@code role}: each carries {@code allocation_info}. */
    public List<Resource> toList(String allocationRole) {
        List<Resource> list = new ArrayList<>(byKey.size());
        for (Resource r : byKey.values()) {
            list.add(r.withAllocationRole(allocationRole));
        }
        return Collections.unmodifiableList(list);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Resources other && byKey.equals(other.byKey);
    }

    @Override
    public int hashCode() {
        return byKey.hashCode();
    }

    /** Mesos's notation, e.g. {@code cpus:4;mem:8192;ports:[31000-32000];cpus(web):2}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Resource r : byKey.values()) {
            if (!sb.isEmpty()) {
                sb.append(';');
            }
            sb.append(r.name());
            if (!r.isUnreserved()) {
                sb.append('(').append(r.reservationRole()).append(')');
            }
            sb.append(':');
            switch (r.type()) {
                case SCALAR -> {
                    double v = r.scalar().value();
                    sb.append(v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v));
                }
                case RANGES -> sb.append(r.ranges().toString().replace(", ", ","));
                case SET -> sb.append('{').append(String.join(",", r.set().item())).append('}');
                case TEXT -> sb.append(r.name());
            }
        }
        return sb.toString();
    }
}
