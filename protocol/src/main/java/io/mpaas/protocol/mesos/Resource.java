package io.mpaas.protocol.mesos;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * One Mesos resource ({@code cpus}, {@code mem} and {@code disk} in MB, {@code ports} as ranges, ...).
 * Reserved resources carry their role in the new {@code reservations} stack or, in the
 * pre-refinement format, in {@code role}; {@link #reservationRole()} reads either. Persistent
 * volumes, revocable and shared markers pass through untouched.
 */
public record Resource(
        String name,
        ValueType type,
        Scalar scalar,
        Ranges ranges,
        ValueSet set,
        String role,
        AllocationInfo allocationInfo,
        ReservationInfo reservation,
        List<ReservationInfo> reservations,
        JsonNode disk,
        JsonNode revocable,
        JsonNode shared,
        JsonNode providerId) {

    /** The role name of unreserved resources. */
    public static final String UNRESERVED = "*";

    public Resource {
        reservations = reservations == null ? null : List.copyOf(reservations);
    }

    public static Resource scalar(String name, double value) {
        return new Resource(name, ValueType.SCALAR, new Scalar(value), null, null, null, null, null, null,
                null, null, null, null);
    }

    public static Resource ranges(String name, Ranges ranges) {
        return new Resource(name, ValueType.RANGES, null, ranges.normalized(), null, null, null, null, null,
                null, null, null, null);
    }

    public static Resource set(String name, ValueSet set) {
        return new Resource(name, ValueType.SET, null, null, set, null, null, null, null, null, null, null, null);
    }

    /** The role these resources are reserved for, or {@code "*"} when unreserved. */
    public String reservationRole() {
        if (reservations != null && !reservations.isEmpty()) {
            return reservations.getLast().role();
        }
        if (role != null && !role.isEmpty()) {
            return role;
        }
        return UNRESERVED;
    }

    public boolean isUnreserved() {
        return UNRESERVED.equals(reservationRole());
    }

    public boolean isRevocable() {
        return revocable != null;
    }

    /** The same resource with a different value (same name, type and reservation). */
    public Resource withScalar(double value) {
        return new Resource(name, type, new Scalar(value), ranges, set, role, allocationInfo, reservation,
                reservations, disk, revocable, shared, providerId);
    }

    public Resource withRanges(Ranges value) {
        return new Resource(name, type, scalar, value, set, role, allocationInfo, reservation, reservations, disk,
                revocable, shared, providerId);
    }

    public Resource withSet(ValueSet value) {
        return new Resource(name, type, scalar, ranges, value, role, allocationInfo, reservation, reservations,
                disk, revocable, shared, providerId);
    }

    /** This resource statically reserved for {@code reservedRole} ({@code "*"} means unreserved). */
    public Resource reservedFor(String reservedRole) {
        boolean unreserved = UNRESERVED.equals(reservedRole);
        return new Resource(name, type, scalar, ranges, set, reservedRole, allocationInfo, null,
                unreserved ? List.of() : List.of(ReservationInfo.staticFor(reservedRole)),
                disk, revocable, shared, providerId);
    }

    /** This resource as offered or allocated to {@code allocationRole}; {@code null} clears it. */
    public Resource withAllocationRole(String allocationRole) {
        return new Resource(name, type, scalar, ranges, set, role, allocationRole == null ? null
                : new AllocationInfo(allocationRole), reservation, reservations, disk, revocable, shared, providerId);
    }

    /**
     * This resource in the format a framework understands: with RESERVATION_REFINEMENT the
     * {@code reservations} stack only, otherwise the legacy {@code role} (and {@code reservation}).
     */
    public Resource inFormat(boolean reservationRefinement) {
        String reservedRole = reservationRole();
        if (reservationRefinement) {
            List<ReservationInfo> stack = reservations != null ? reservations
                    : UNRESERVED.equals(reservedRole) ? List.of() : List.of(ReservationInfo.staticFor(reservedRole));
            return new Resource(name, type, scalar, ranges, set, null, allocationInfo, null, stack, disk,
                    revocable, shared, providerId);
        }
        ReservationInfo legacy = reservations != null && !reservations.isEmpty()
                && reservations.getLast().type() == ReservationInfo.Type.DYNAMIC ? reservations.getLast() : reservation;
        return new Resource(name, type, scalar, ranges, set, reservedRole, allocationInfo, legacy, null, disk,
                revocable, shared, providerId);
    }

    /**
     * The canonical form used for arithmetic and equality: no allocation info, and the
     * reservation as a stack only ({@code role} and the old {@code reservation} folded into
     * {@code reservations}; none for unreserved resources).
     */
    public Resource canonical() {
        String reservedRole = reservationRole();
        List<ReservationInfo> stack;
        if (reservations != null && !reservations.isEmpty()) {
            stack = reservations;
        } else if (UNRESERVED.equals(reservedRole)) {
            stack = null;
        } else if (reservation != null) {
            stack = List.of(new ReservationInfo(ReservationInfo.Type.DYNAMIC, reservedRole, reservation.principal(),
                    reservation.labels()));
        } else {
            stack = List.of(ReservationInfo.staticFor(reservedRole));
        }
        return new Resource(name, type, scalar, ranges, set, null, null, null, stack, disk, revocable, shared,
                providerId);
    }

    /** True when the resource holds nothing (zero scalar, no ranges, empty set). */
    public boolean isEmpty() {
        if (type == null) {
            return true;
        }
        return switch (type) {
            case SCALAR -> scalar == null || scalar.value() <= 0;
            case RANGES -> ranges == null || ranges.isEmpty();
            case SET -> set == null || set.item().isEmpty();
            case TEXT -> true;
        };
    }

    /** Identity for arithmetic: resources with the same key add up; allocation info is ignored. */
    String key() {
        return name + '\u0000' + reservationRole() + (revocable != null ? "\u0000r" : "")
                + (disk != null ? "\u0000d" + disk : "") + (shared != null ? "\u0000s" : "");
    }
}
