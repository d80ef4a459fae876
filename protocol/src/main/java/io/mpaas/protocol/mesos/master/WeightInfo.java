package io.mpaas.protocol.mesos.master;

/**
 * Mesos's {@code WeightInfo}: a role's weight in fair sharing. The same shape is used by
 * {@code PUT /master/weights} (a bare JSON array of these), UPDATE_WEIGHTS and GET_WEIGHTS.
 * {@code weight} is boxed so that a missing weight can be told apart from zero.
 */
public record WeightInfo(Double weight, String role) {

    public static WeightInfo of(String role, double weight) {
        return new WeightInfo(weight, role);
    }
}
