package io.mpaas.master.operator;

import io.mpaas.master.MasterError;
import io.mpaas.master.cluster.Agent;
import io.mpaas.master.cluster.Cluster;
import io.mpaas.master.offer.OfferBook;
import io.mpaas.master.registry.Registry;
import io.mpaas.protocol.mesos.MesosJson;
import io.mpaas.protocol.mesos.Unavailability;
import io.mpaas.protocol.mesos.master.MaintenanceSchedule;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Replaces the maintenance schedule ({@code POST /master/maintenance/schedule},
 * UPDATE_MAINTENANCE_SCHEDULE): validated with Mesos's rules, stored in the registry, then
 * applied. Offers of agents whose window changed are rescinded, so that frameworks see the new
 * {@code unavailability} on the next offers instead of planning around a stale one.
 */
@Component
public class MaintenanceUpdater {

    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");

    private final Cluster cluster;
    private final Registry registry;
    private final OfferBook offers;
    private final ReentrantLock changes = new ReentrantLock();

    public MaintenanceUpdater(Cluster cluster, Registry registry, OfferBook offers) {
        this.cluster = cluster;
        this.registry = registry;
        this.offers = offers;
    }

    public MaintenanceSchedule schedule() {
        return cluster.locked(() -> cluster.maintenance());
    }

    /**
     * @throws MasterError BAD_REQUEST naming what is wrong; the schedule is then unchanged
     */
    public void update(MaintenanceSchedule schedule) {
        validate(schedule);
        changes.lock();
        try {
            DurableChange.write("the maintenance schedule", () -> registry.updateMaintenance(schedule));
            cluster.locked(() -> {
                if (!cluster.isLeading()) {
                    return; // stored; the next leader reads it from the registry
                }
                MaintenanceSchedule before = cluster.maintenance();
                cluster.maintenance(schedule);
                for (Agent agent : cluster.agents().values()) {
                    Unavailability was = before.unavailabilityOf(agent.hostname(), agent.ip());
                    Unavailability now = schedule.unavailabilityOf(agent.hostname(), agent.ip());
                    if (!Objects.equals(was, now) && !agent.offers().isEmpty()) {
                        offers.rescindAll(agent, true);
                    }
                }
            });
        } finally {
            changes.unlock();
        }
    }

    /** Mesos's {@code maintenance::validation::schedule}. */
    static void validate(MaintenanceSchedule schedule) {
        if (schedule == null) {
            throw MasterError.badRequest("Expecting 'schedule' to be present");
        }
        Set<MaintenanceSchedule.MachineId> seen = new HashSet<>();
        for (MaintenanceSchedule.Window window : schedule.windows()) {
            if (window == null || window.machineIds().isEmpty()) {
                throw MasterError.badRequest("List of machines in the maintenance window is empty");
            }
            Unavailability unavailability = window.unavailability();
            if (unavailability == null || unavailability.start() == null) {
                throw MasterError.badRequest("Expecting 'unavailability.start' to be present");
            }
            if (unavailability.duration() != null && unavailability.duration().nanoseconds() < 0) {
                throw MasterError.badRequest("Unavailability 'duration' is negative");
            }
            List<MaintenanceSchedule.MachineId> machines = new ArrayList<>(window.machineIds());
            for (MaintenanceSchedule.MachineId id : machines) {
                boolean noHost = id == null || id.hostname() == null || id.hostname().isEmpty();
                boolean noIp = id == null || id.ip() == null || id.ip().isEmpty();
                if (noHost && noIp) {
                    throw MasterError.badRequest("Both 'hostname' and 'ip' for a machine are empty");
                }
                if (!noIp && !IPV4.matcher(id.ip()).matches()) {
                    throw MasterError.badRequest("Failed to parse IP '" + id.ip() + "': not an IPv4 address");
                }
                if (!seen.add(id)) {
                    throw MasterError.badRequest("Machine '" + MesosJson.writeString(id)
                            + "' appears more than once in the schedule");
                }
            }
        }
    }
}
