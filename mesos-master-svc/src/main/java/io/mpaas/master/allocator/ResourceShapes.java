package io.mpaas.master.allocator;

import io.mpaas.protocol.mesos.Resource;
import io.mpaas.protocol.mesos.ValueType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Interns what identifies a resource apart from its amount (name, type, reservation, the
 * revocable, disk and shared markers, the same identity as {@code Resources}' arithmetic) to a
 * small int, and every resource name to another. The hot path then compares ints and indexes
 * arrays instead of building string keys and hash maps for every offer. One table per
 * allocator; entries are never removed (there are only names times reservation roles of them).
 */
final class ResourceShapes {

    /**
     * One interned identity.
     *
     * @param id              index in this table; {@link CompactResources} keeps entries sorted by it
     * @param nameIndex       index of the resource name, used by quantity arrays
     * @param reservationRole {@code "*"} when unreserved
     * @param template        a resource of this shape without a value, to rebuild wire resources
     */
    record Shape(int id, String name, int nameIndex, ValueType type, String reservationRole, Resource template) {

        boolean isUnreserved() {
            return Resource.UNRESERVED.equals(reservationRole);
        }

        boolean isScalar() {
            return type == ValueType.SCALAR;
        }

        /** Unreserved, or reserved for {@code role} or one of its ancestors ({@code eng} serves {@code eng/web}). */
        boolean isAllocatableTo(String role) {
            if (isUnreserved() || role.equals(reservationRole)) {
                return true;
            }
            int n = reservationRole.length();
            return role.length() > n && role.charAt(n) == '/' && role.startsWith(reservationRole);
        }

    }

    /** The identity {@code Resources} merges by, plus the type so that arithmetic never mixes types. */
    private record Key(String name, ValueType type, String reservationRole, boolean revocable, JsonNode disk,
                       boolean shared) {
    }

    private final Map<Key, Shape> byKey = new HashMap<>();
    private final List<Shape> byId = new ArrayList<>();
    private final Map<String, Integer> nameIndexes = new HashMap<>();
    private final List<String> names = new ArrayList<>();

    /** The shape of {@code resource}, interned on first sight; null for TEXT (never a resource amount). */
    Shape shapeOf(Resource resource) {
        if (resource.type() == null || resource.type() == ValueType.TEXT) {
            return null;
        }
        Key key = new Key(resource.name(), resource.type(), resource.reservationRole(), resource.revocable() != null,
                resource.disk(), resource.shared() != null);
        Shape shape = byKey.get(key);
        if (shape == null) {
            Resource template = new Resource(resource.name(), resource.type(), null, null, null, resource.role(), null,
                    resource.reservation(), resource.reservations(), resource.disk(), resource.revocable(),
                    resource.shared(), resource.providerId());
            shape = new Shape(byId.size(), resource.name(), nameIndex(resource.name()), resource.type(),
                    resource.reservationRole(), template);
            byKey.put(key, shape);
            byId.add(shape);
        }
        return shape;
    }

    Shape get(int id) {
        return byId.get(id);
    }

    /** The index of a resource name, assigned on first sight. */
    int nameIndex(String name) {
        Integer index = nameIndexes.get(name);
        if (index == null) {
            index = names.size();
            nameIndexes.put(name, index);
            names.add(name);
        }
        return index;
    }

    String name(int nameIndex) {
        return names.get(nameIndex);
    }

    int nameCount() {
        return names.size();
    }
}
