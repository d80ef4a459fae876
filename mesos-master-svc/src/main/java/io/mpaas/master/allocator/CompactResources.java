package io.mpaas.master.allocator;

import io.mpaas.master.allocator.ResourceShapes.Shape;
import io.mpaas.protocol.mesos.Ranges;
import io.mpaas.protocol.mesos.Resource;
import io.mpaas.protocol.mesos.Resources;
import io.mpaas.protocol.mesos.Scalar;
import io.mpaas.protocol.mesos.ValueSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The allocator's own, mutable form of a bag of resources: parallel arrays of interned shape
 * ids (sorted), scalar amounts and non-scalar values (port {@link Ranges}, {@link ValueSet}s).
 * {@link Resources} from protocol is the right type on the wire but builds string keys and
 * hash maps on every operation; a cycle over 10,000 agents does tens of thousands of them, so
 * the allocator computes on this form and converts only what it hands out. Same arithmetic as
 * {@code Resources}: scalars rounded to three decimals, ports exact, empty entries dropped.
 * Not thread-safe, like the allocator.
 */
final class CompactResources {

    private static final double EPSILON = 1e-9;

    private final ResourceShapes shapes;
    private int[] ids;
    private double[] scalars;
    private Object[] values;
    private int size;

    private CompactResources(ResourceShapes shapes, int capacity) {
        this.shapes = shapes;
        this.ids = new int[capacity];
        this.scalars = new double[capacity];
        this.values = new Object[capacity];
    }

    static CompactResources empty(ResourceShapes shapes) {
        return new CompactResources(shapes, 4);
    }

    static CompactResources of(Resources resources, ResourceShapes shapes) {
        CompactResources result = new CompactResources(shapes, Math.max(4, resources.size()));
        for (Resource r : resources.toList()) {
            Shape shape = shapes.shapeOf(r);
            if (shape == null || r.isEmpty()) {
                continue;
            }
            result.put(shape, shape.isScalar() ? r.scalar().value() : 0, valueOf(r));
        }
        return result;
    }

    private static Object valueOf(Resource r) {
        return switch (r.type()) {
            case RANGES -> r.ranges().normalized();
            case SET -> r.set();
            default -> null;
        };
    }

    CompactResources copy() {
        CompactResources c = new CompactResources(shapes, Math.max(4, size));
        System.arraycopy(ids, 0, c.ids, 0, size);
        System.arraycopy(scalars, 0, c.scalars, 0, size);
        System.arraycopy(values, 0, c.values, 0, size);
        c.size = size;
        return c;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    Shape shapeAt(int i) {
        return shapes.get(ids[i]);
    }

    double scalarAt(int i) {
        return scalars[i];
    }

    void clear() {
        Arrays.fill(values, 0, size, null);
        size = 0;
    }

    /** Adds an amount of one shape ({@code scalar} for scalars, a Ranges or ValueSet otherwise). */
    void put(Shape shape, double scalar, Object value) {
        int at = indexOf(shape.id());
        if (at >= 0) {
            scalars[at] = Scalar.round(scalars[at] + scalar);
            values[at] = value == null ? null : plus(values[at], value);
            return;
        }
        if (shape.isScalar() ? scalar <= EPSILON : isEmptyValue(value)) {
            return;
        }
        int insert = -at - 1;
        if (size == ids.length) {
            int capacity = size * 2;
            ids = Arrays.copyOf(ids, capacity);
            scalars = Arrays.copyOf(scalars, capacity);
            values = Arrays.copyOf(values, capacity);
        }
        System.arraycopy(ids, insert, ids, insert + 1, size - insert);
        System.arraycopy(scalars, insert, scalars, insert + 1, size - insert);
        System.arraycopy(values, insert, values, insert + 1, size - insert);
        ids[insert] = shape.id();
        scalars[insert] = shape.isScalar() ? Scalar.round(scalar) : 0;
        values[insert] = value;
        size++;
    }

    /** Copies entry {@code i} of {@code other} into this one. */
    void putEntry(CompactResources other, int i) {
        put(other.shapeAt(i), other.scalars[i], other.values[i]);
    }

    void add(CompactResources other) {
        for (int i = 0; i < other.size; i++) {
            put(other.shapeAt(i), other.scalars[i], other.values[i]);
        }
    }

    /** Takes {@code other} away; what this does not hold is ignored, nothing goes below zero. */
    void subtract(CompactResources other) {
        if (other == this) {
            clear();
            return;
        }
        for (int j = 0; j < other.size; j++) {
            int at = indexOf(other.ids[j]);
            if (at < 0) {
                continue;
            }
            boolean empty;
            if (values[at] == null) {
                scalars[at] = Scalar.round(scalars[at] - other.scalars[j]);
                empty = scalars[at] <= EPSILON;
            } else {
                values[at] = minus(values[at], other.values[j]);
                empty = isEmptyValue(values[at]);
            }
            if (empty) {
                removeAt(at);
            }
        }
    }

    /** What this and {@code other} have in common: the smaller scalar, the shared ports and items. */
    CompactResources commonPart(CompactResources other) {
        CompactResources common = new CompactResources(shapes, Math.max(4, Math.min(size, other.size)));
        for (int j = 0; j < other.size; j++) {
            int at = indexOf(other.ids[j]);
            if (at < 0) {
                continue;
            }
            Shape shape = shapes.get(ids[at]);
            if (values[at] == null) {
                common.put(shape, Math.min(scalars[at], other.scalars[j]), null);
            } else {
                common.put(shape, 0, minus(values[at], minus(values[at], other.values[j])));
            }
        }
        return common;
    }

    /** Whether this holds all of {@code other}, with the same reservations. */
    boolean contains(CompactResources other) {
        for (int j = 0; j < other.size; j++) {
            int at = indexOf(other.ids[j]);
            if (at < 0) {
                return false;
            }
            if (values[at] == null) {
                if (scalars[at] + EPSILON < other.scalars[j]) {
                    return false;
                }
            } else if (!covers(values[at], other.values[j])) {
                return false;
            }
        }
        return true;
    }

    /** Whether this holds exactly what {@code other} holds. */
    boolean sameAs(CompactResources other) {
        if (size != other.size) {
            return false;
        }
        for (int i = 0; i < size; i++) {
            if (ids[i] != other.ids[i] || scalars[i] != other.scalars[i]
                    || values[i] != other.values[i] && !values[i].equals(other.values[i])) {
                return false;
            }
        }
        return true;
    }

    /** The quantity of a resource name over all reservations: amount, number of ports or items. */
    double quantity(int nameIndex) {
        double total = 0;
        for (int i = 0; i < size; i++) {
            Shape shape = shapes.get(ids[i]);
            if (shape.nameIndex() == nameIndex) {
                total += switch (values[i]) {
                    case null -> scalars[i];
                    case Ranges r -> r.size();
                    case ValueSet s -> s.item().size();
                    default -> 0;
                };
            }
        }
        return total;
    }

    /** The wire form, each resource rebuilt from its shape's template. */
    Resources toResources() {
        if (size == 0) {
            return Resources.EMPTY;
        }
        List<Resource> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            Resource template = shapes.get(ids[i]).template();
            list.add(switch (values[i]) {
                case null -> template.withScalar(scalars[i]);
                case Ranges r -> template.withRanges(r);
                case ValueSet s -> template.withSet(s);
                default -> throw new IllegalStateException("unexpected value " + values[i]);
            });
        }
        return Resources.of(list);
    }

    @Override
    public String toString() {
        return toResources().toString();
    }

    private int indexOf(int id) {
        // Entries are few (cpus, mem, disk, ports and their reservations): a linear scan beats a search.
        for (int i = 0; i < size; i++) {
            if (ids[i] >= id) {
                return ids[i] == id ? i : -(i + 1);
            }
        }
        return -(size + 1);
    }

    private void removeAt(int at) {
        System.arraycopy(ids, at + 1, ids, at, size - at - 1);
        System.arraycopy(scalars, at + 1, scalars, at, size - at - 1);
        System.arraycopy(values, at + 1, values, at, size - at - 1);
        size--;
        values[size] = null;
    }

    private static boolean isEmptyValue(Object value) {
        return switch (value) {
            case null -> true;
            case Ranges r -> r.isEmpty();
            case ValueSet s -> s.item().isEmpty();
            default -> true;
        };
    }

    private static Object plus(Object a, Object b) {
        return switch (a) {
            case Ranges r -> r.plus((Ranges) b);
            case ValueSet s -> {
                Set<String> items = new LinkedHashSet<>(s.item());
                items.addAll(((ValueSet) b).item());
                yield new ValueSet(List.copyOf(items));
            }
            default -> throw new IllegalStateException("unexpected value " + a);
        };
    }

    private static Object minus(Object a, Object b) {
        return switch (a) {
            case Ranges r -> r.equals(b) ? Ranges.EMPTY : r.minus((Ranges) b);
            case ValueSet s -> {
                List<String> items = new ArrayList<>(s.item());
                items.removeAll(((ValueSet) b).item());
                yield new ValueSet(items);
            }
            default -> throw new IllegalStateException("unexpected value " + a);
        };
    }

    private static boolean covers(Object a, Object b) {
        return switch (a) {
            case Ranges r -> r.contains((Ranges) b);
            case ValueSet s -> s.item().containsAll(((ValueSet) b).item());
            default -> false;
        };
    }
}
