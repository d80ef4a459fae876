package io.mpaas.protocol.mesos.master;

import io.mpaas.protocol.mesos.Unavailability;
import java.util.List;

/**
 * Mesos's {@code maintenance.Schedule}: windows in which machines are expected to be down.
 * Offers for an agent on a scheduled machine carry the window as {@code unavailability}.
 */
public record MaintenanceSchedule(List<Window> windows) {
    public MaintenanceSchedule {
        windows = windows == null ? List.of() : List.copyOf(windows);
    }

    public static final MaintenanceSchedule EMPTY = new MaintenanceSchedule(List.of());

    public record Window(List<MachineId> machineIds, Unavailability unavailability) {
        public Window {
            machineIds = machineIds == null ? List.of() : List.copyOf(machineIds);
        }
    }

    /** A machine by host name and/or IP. */
    public record MachineId(String hostname, String ip) {
        public boolean matches(String host, String address) {
            return (hostname != null && hostname.equals(host)) || (ip != null && ip.equals(address));
        }
    }

    /** The window that covers the machine, if any. */
    public Unavailability unavailabilityOf(String hostname, String ip) {
        for (Window w : windows) {
            for (MachineId m : w.machineIds()) {
                if (m.matches(hostname, ip)) {
                    return w.unavailability();
                }
            }
        }
        return null;
    }
}
