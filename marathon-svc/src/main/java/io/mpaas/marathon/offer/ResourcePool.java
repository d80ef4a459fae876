package io.mpaas.marathon.offer;

import io.mpaas.protocol.mesos.Offer;
import io.mpaas.protocol.mesos.Range;
import io.mpaas.protocol.mesos.Ranges;
import io.mpaas.protocol.mesos.Resource;
import io.mpaas.protocol.mesos.ValueType;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What is left of one offer while instances are placed on it, one immutable value per step.
 * Resources are kept exactly as offered (role, reservations, allocation info) so that what a
 * task takes can be handed back to Mesos in the form Mesos gave it: a LAUNCH whose resources
 * carry another reservation or allocation than the offer's is refused by the master.
 *
 * <p>Amounts are counted in thousandths, as Mesos keeps scalars, so that taking 0.1 cpus ten
 * times from 1 cpu leaves exactly nothing. Reserved resources are taken before unreserved
 * ones: a reservation exists for the role's tasks, and the unreserved rest stays usable for
 * apps that accept only {@code *}. Persistent volumes, revocable and shared resources are
 * never used (marathon launches neither resident nor best-effort tasks).
 */
final class ResourcePool {

    static final String CPUS = "cpus";
    static final String MEM = "mem";
    static final String DISK = "disk";
    static final String GPUS = "gpus";
    static final String PORTS = "ports";

    private final List<Resource> resources;

    private ResourcePool(List<Resource> resources) {
        this.resources = List.copyOf(resources);
    }

    static ResourcePool of(Offer offer) {
        return new ResourcePool(offer.resources());
    }

    /**
     * What one instance needs.
     *
     * @param hostPorts one entry per host port: 0 any free port, otherwise exactly that port
     */
    record Demand(double cpus, double mem, double disk, int gpus, List<Integer> hostPorts) {
        Demand {
            hostPorts = List.copyOf(hostPorts);
        }
    }

    /**
     * Which resources a task may use.
     *
     * @param allocationRole the role the app runs in; resources allocated to another role are not its
     * @param acceptedRoles  the reservation roles it accepts ({@code *} = unreserved); null accepts any
     */
    record RoleFilter(String allocationRole, Set<String> acceptedRoles) {

        boolean admits(Resource r) {
            if (r.disk() != null || r.revocable() != null || r.shared() != null) {
                return false;
            }
            if (r.allocationInfo() != null && r.allocationInfo().role() != null
                    && !r.allocationInfo().role().equals(allocationRole)) {
                return false;
            }
            return acceptedRoles == null || acceptedRoles.contains(r.reservationRole());
        }

        RoleFilter anyReservation() {
            return new RoleFilter(allocationRole, null);
        }
    }

    /**
     * The outcome of fitting a demand: either what is taken (with the pool that remains) or
     * the reasons it does not fit.
     *
     * @param taken     the pieces of offered resources the task uses, in offer form
     * @param hostPorts the chosen host port for each requested one, in request order
     */
    record Fit(List<Resource> taken, List<Integer> hostPorts, ResourcePool rest, Set<RejectionReason> shortfalls) {
        Fit {
            taken = List.copyOf(taken);
            hostPorts = List.copyOf(hostPorts);
            shortfalls = shortfalls.isEmpty() ? Set.of() : EnumSet.copyOf(shortfalls);
        }

        boolean fits() {
            return shortfalls.isEmpty();
        }
    }

    /**
     * Fits {@code demand} into what is left. The reasons name every resource that falls short
     * within the accepted roles, plus UnfulfilledRole when accepting every reservation role
     * would have helped; when nothing in the offer is allocated to the app's role, they are
     * UnfulfilledRole alone.
     */
    Fit fit(Demand demand, RoleFilter roles) {
        Fit strict = attempt(demand, roles);
        if (strict.fits()) {
            return strict;
        }
        if (!resources.isEmpty() && resources.stream().noneMatch(r -> roles.anyReservation().admits(r))) {
            return new Fit(List.of(), List.of(), this, EnumSet.of(RejectionReason.UNFULFILLED_ROLE));
        }
        Fit relaxed = attempt(demand, roles.anyReservation());
        Set<RejectionReason> reasons = EnumSet.noneOf(RejectionReason.class);
        reasons.addAll(strict.shortfalls());
        if (!relaxed.shortfalls().equals(strict.shortfalls())) {
            reasons.add(RejectionReason.UNFULFILLED_ROLE);
        }
        return new Fit(List.of(), List.of(), this, reasons);
    }

    private Fit attempt(Demand demand, RoleFilter roles) {
        List<Resource> left = new ArrayList<>(resources);
        List<Resource> taken = new ArrayList<>();
        Set<RejectionReason> shortfalls = EnumSet.noneOf(RejectionReason.class);
        takeScalar(left, taken, CPUS, demand.cpus(), roles, shortfalls, RejectionReason.INSUFFICIENT_CPUS);
        takeScalar(left, taken, MEM, demand.mem(), roles, shortfalls, RejectionReason.INSUFFICIENT_MEMORY);
        takeScalar(left, taken, DISK, demand.disk(), roles, shortfalls, RejectionReason.INSUFFICIENT_DISK);
        takeScalar(left, taken, GPUS, demand.gpus(), roles, shortfalls, RejectionReason.INSUFFICIENT_GPUS);
        List<Integer> ports = takePorts(left, taken, demand.hostPorts(), roles);
        if (ports == null) {
            shortfalls.add(RejectionReason.INSUFFICIENT_PORTS);
        }
        if (!shortfalls.isEmpty()) {
            return new Fit(List.of(), List.of(), this, shortfalls);
        }
        left.removeIf(Objects::isNull);
        return new Fit(taken, ports, new ResourcePool(left), shortfalls);
    }

    /** Indices of the usable resources named {@code name} of {@code type}, reserved ones first. */
    private static List<Integer> candidates(List<Resource> left, String name, ValueType type, RoleFilter roles) {
        List<Integer> reserved = new ArrayList<>();
        List<Integer> unreserved = new ArrayList<>();
        for (int i = 0; i < left.size(); i++) {
            Resource r = left.get(i);
            if (r != null && name.equals(r.name()) && r.type() == type && roles.admits(r)) {
                (r.isUnreserved() ? unreserved : reserved).add(i);
            }
        }
        reserved.addAll(unreserved);
        return reserved;
    }

    private static void takeScalar(List<Resource> left, List<Resource> taken, String name, double amount,
            RoleFilter roles, Set<RejectionReason> shortfalls, RejectionReason reason) {
        long needed = thousandths(amount);
        if (needed <= 0) {
            return;
        }
        List<Integer> indices = candidates(left, name, ValueType.SCALAR, roles);
        long available = 0;
        for (int i : indices) {
            available += thousandths(left.get(i).scalar().value());
        }
        if (available < needed) {
            shortfalls.add(reason);
            return;
        }
        for (int i : indices) {
            if (needed == 0) {
                break;
            }
            Resource r = left.get(i);
            long have = thousandths(r.scalar().value());
            long take = Math.min(have, needed);
            if (take == 0) {
                continue;
            }
            taken.add(r.withScalar(take / 1000.0));
            left.set(i, have == take ? null : r.withScalar((have - take) / 1000.0));
            needed -= take;
        }
    }

    /**
     * Takes fixed ports first (they have no alternative), then the lowest free port for each
     * dynamic one. Returns the chosen ports in request order, or null when they do not fit.
     */
    private static List<Integer> takePorts(List<Resource> left, List<Resource> taken, List<Integer> requested,
            RoleFilter roles) {
        if (requested.isEmpty()) {
            return List.of();
        }
        List<Integer> indices = candidates(left, PORTS, ValueType.RANGES, roles);
        Map<Integer, Ranges> free = new LinkedHashMap<>();
        for (int i : indices) {
            free.put(i, left.get(i).ranges() == null ? Ranges.EMPTY : left.get(i).ranges().normalized());
        }
        Map<Integer, List<Range>> chosenBySource = new LinkedHashMap<>();
        Integer[] chosen = new Integer[requested.size()];
        for (int k = 0; k < requested.size(); k++) {
            int port = requested.get(k);
            if (port > 0) {
                Integer source = sourceOf(free, port);
                if (source == null) {
                    return null;
                }
                claim(free, chosenBySource, source, port);
                chosen[k] = port;
            }
        }
        for (int k = 0; k < requested.size(); k++) {
            if (requested.get(k) <= 0) {
                Integer source = free.entrySet().stream().filter(e -> !e.getValue().isEmpty())
                        .map(Map.Entry::getKey).findFirst().orElse(null);
                if (source == null) {
                    return null;
                }
                int port = (int) free.get(source).range().getFirst().begin();
                claim(free, chosenBySource, source, port);
                chosen[k] = port;
            }
        }
        for (Map.Entry<Integer, List<Range>> e : chosenBySource.entrySet()) {
            Resource r = left.get(e.getKey());
            taken.add(r.withRanges(Ranges.of(e.getValue())));
            Ranges rest = free.get(e.getKey());
            left.set(e.getKey(), rest.isEmpty() ? null : r.withRanges(rest));
        }
        return List.of(chosen);
    }

    private static Integer sourceOf(Map<Integer, Ranges> free, int port) {
        for (Map.Entry<Integer, Ranges> e : free.entrySet()) {
            if (e.getValue().contains(port)) {
                return e.getKey();
            }
        }
        return null;
    }

    private static void claim(Map<Integer, Ranges> free, Map<Integer, List<Range>> chosenBySource, int source,
            int port) {
        free.put(source, free.get(source).minus(Ranges.of(port, port)));
        chosenBySource.computeIfAbsent(source, s -> new ArrayList<>()).add(new Range(port, port));
    }

    private static long thousandths(double value) {
        return Math.round(value * 1000.0);
    }
}
