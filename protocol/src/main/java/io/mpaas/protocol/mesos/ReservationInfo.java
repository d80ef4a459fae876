package io.mpaas.protocol.mesos;

/** One level of a resource's reservation stack ({@code Resource.reservations}) or the old single {@code reservation}. */
public record ReservationInfo(Type type, String role, String principal, Labels labels) {

    /** STATIC: from the agent's own resources flag; DYNAMIC: made by a RESERVE operation. */
    public enum Type {
        UNKNOWN,
        STATIC,
        DYNAMIC
    }

    public static ReservationInfo staticFor(String role) {
        return new ReservationInfo(Type.STATIC, role, null, null);
    }
}
