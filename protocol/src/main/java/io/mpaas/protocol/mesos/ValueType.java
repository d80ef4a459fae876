package io.mpaas.protocol.mesos;

/** Mesos's {@code Value.Type}: how a resource or attribute carries its value. TEXT is for attributes only. */
public enum ValueType {
    SCALAR,
    RANGES,
    SET,
    TEXT
}
