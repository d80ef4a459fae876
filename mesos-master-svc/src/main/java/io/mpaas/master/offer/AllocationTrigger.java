package io.mpaas.master.offer;

/** Asks for an allocation cycle soon, because resources were freed; requests between cycles coalesce. */
@FunctionalInterface
public interface AllocationTrigger {

    void requestAllocation();
}
